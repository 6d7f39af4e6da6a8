import { WriteLock } from './write-lock.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('WriteLock', () => {
  it('runs work one at a time, in call order, past failures', async () => {
    const sut = new WriteLock();
    const log: string[] = [];
    const job = (name: string, fail = false) =>
      sut.run(async () => {
        log.push(`${name} start`);
        await tick();
        log.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([job('a'), job('b', true), job('c')]);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('runs nested work inline instead of deadlocking', async () => {
    const sut = new WriteLock();
    const inner = await sut.run(() => sut.run(async () => 'inner'));
    expect(inner).toBe('inner');
  });

  it('says whether work holds or waits for the lock', async () => {
    const sut = new WriteLock();
    expect(sut.busy).toBe(false);
    let release!: () => void;
    const first = sut.run(() => new Promise<void>((r) => (release = r)));
    const second = sut.run(async () => {
      expect(sut.heldHere).toBe(true);
      throw new Error('fails');
    });
    expect(sut.busy).toBe(true);
    expect(sut.heldHere).toBe(false);
    await tick();
    release();
    await first;
    expect(sut.busy).toBe(true);
    await expect(second).rejects.toThrow('fails');
    await tick();
    expect(sut.busy).toBe(false);
  });
});
