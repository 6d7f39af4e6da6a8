import { passTurn, runAsWriter, SLICE_MS } from './event-loop-slice.js';

/** Keeps the thread busy for `ms`, as a synchronous SQLite statement would. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('passTurn', () => {
  it('never yields outside writer work, however long it has run', () => {
    busy(SLICE_MS + 5);
    expect(passTurn()).toBeUndefined();
  });

  it("yields once a writer's own slice is used up, then starts a new slice", async () => {
    await runAsWriter(async () => {
      expect(passTurn()).toBeUndefined();
      busy(SLICE_MS + 5);
      // The turn is a real one: a callback already waiting for the event loop runs before the writer
      // goes on (a wait on microtasks only would not let it).
      let waitingRan = false;
      setImmediate(() => (waitingRan = true));
      const turn = passTurn();
      expect(turn).not.toBeUndefined();
      await turn;
      expect(waitingRan).toBe(true);
      expect(passTurn()).toBeUndefined();
    });
  });

  it('counts each writer apart: a short writer does not yield because another ran long', async () => {
    await runAsWriter(async () => busy(SLICE_MS + 5));
    await runAsWriter(async () => {
      expect(passTurn()).toBeUndefined();
    });
  });
});
