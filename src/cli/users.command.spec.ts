import { PassThrough } from 'node:stream';
import type { Actor } from '../auth/roles.js';
import type { NewUser, UserChange, UserView } from '../auth/users.service.js';
import { type UsersPort, usersCommand } from './users.command.js';

class FakeUsers implements UsersPort {
  users: UserView[] = [];
  actors: Actor[] = [];
  changes: UserChange[] = [];
  async create(actor: Actor, input: NewUser): Promise<UserView> {
    if (input.password.length < 12) throw new Error('password: a password needs at least 12 characters');
    this.actors.push(actor);
    const u: UserView = {
      id: `id-${this.users.length}`,
      username: input.username.toLowerCase(),
      displayName: input.displayName ?? input.username,
      role: input.role,
      createdAt: '2026-11-26T00:00:00.000Z',
      lastSignInAt: null,
      disabled: false,
    };
    this.users.push(u);
    return u;
  }
  async list(): Promise<UserView[]> {
    return this.users;
  }
  async update(actor: Actor, id: string, change: UserChange): Promise<UserView> {
    this.actors.push(actor);
    this.changes.push(change);
    const u = this.users.find((x) => x.id === id)!;
    if (change.disabled !== undefined) u.disabled = change.disabled;
    return u;
  }
}

function run(args: string[], users: FakeUsers, stdin = '') {
  const out = new PassThrough();
  const err = new PassThrough();
  let o = '';
  let e = '';
  out.on('data', (c) => (o += String(c)));
  err.on('data', (c) => (e += String(c)));
  return usersCommand(args, (work) => work(users), { out, err, readPassword: async () => stdin }).then(
    (code) => ({
      code,
      out: o,
      err: e,
    }),
  );
}

describe('claimguard users', () => {
  it('adds the first admin with a generated password printed once, as the command line', async () => {
    const users = new FakeUsers();
    const r = await run(['add', '--username', 'Ops', '--role', 'admin'], users);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^added ops \(admin\)\npassword: [A-Za-z0-9_-]{24}\n/);
    expect(users.actors[0]).toMatchObject({ kind: 'system', via: 'cli' });
  });

  it('names the user after the role when no --username is given (users add --role admin)', async () => {
    const users = new FakeUsers();
    const r = await run(['add', '--role', 'admin'], users);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^added admin \(admin\)\n/);
  });

  it('takes the password from standard input and refuses a weak one with exit 1', async () => {
    const users = new FakeUsers();
    expect(
      (
        await run(
          ['add', '--username', 'a1', '--role', 'billing', '--password-stdin'],
          users,
          'long-enough-pw',
        )
      ).code,
    ).toBe(0);
    const weak = await run(
      ['add', '--username', 'a2', '--role', 'billing', '--password-stdin'],
      users,
      'short',
    );
    expect(weak.code).toBe(1);
    expect(weak.err).toContain('at least 12 characters');
  });

  it('refuses a bad role or a missing username with exit 2 and says which', async () => {
    const users = new FakeUsers();
    const bad = await run(['add', '--username', 'x', '--role', 'root'], users);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--role must be one of billing, coding, finance, admin');
    expect((await run(['disable'], users)).err).toContain('--username is required');
    expect((await run(['nope'], users)).code).toBe(2);
  });

  it('lists, disables and reports an unknown user', async () => {
    const users = new FakeUsers();
    await run(['add', '--username', 'bill', '--role', 'billing'], users);
    expect((await run(['disable', '--username', 'BILL'], users)).out).toBe('disabled bill\n');
    expect((await run(['list'], users)).out).toMatch(/^bill\s+billing\s+disabled/);
    const missing = await run(['enable', '--username', 'ghost'], users);
    expect(missing).toMatchObject({ code: 1, err: 'users enable: no user ghost\n' });
  });
});
