import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import type { Actor, Role, SystemActor } from '../auth/roles.js';
import { ROLES, isRole } from '../auth/roles.js';
import type { NewUser, UserChange, UserView } from '../auth/users.service.js';

/** What the command needs of UsersService (a fake in tests). */
export interface UsersPort {
  create(actor: Actor, input: NewUser): Promise<UserView>;
  list(): Promise<UserView[]>;
  update(actor: Actor, id: string, change: UserChange): Promise<UserView>;
}

export const USERS_USAGE = `claimguard users add --role ${ROLES.join('|')} [--username NAME] [--name "Display Name"] [--password-stdin]
claimguard users list
claimguard users set-password --username NAME [--password-stdin]
claimguard users disable|enable --username NAME

The username defaults to the role's name (\`users add --role admin\` makes the user admin).
Without --password-stdin a strong password is generated and printed once; with it, the first line of
standard input is the password (at least 12 characters). Every change is in the audit log as done by
the command line.
`;

interface Io {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  /** The first line of standard input (for --password-stdin). */
  readPassword: () => Promise<string>;
}

/** A generated password: 18 random bytes, base64url (24 characters). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/** The command line as an actor: `cli:<operating-system user>`. */
export function cliActor(): SystemActor {
  let who = 'unknown';
  try {
    who = userInfo().username;
  } catch {
    // no user database entry (containers): keep "unknown"
  }
  return { kind: 'system', via: 'cli', name: `cli:${who}` };
}

/**
 * `claimguard users …`: the first admin is made here (`users add --role admin`), later users in the
 * web app's admin page or here. Exit 0 done, 1 refused (exists, weak password, not found), 2 usage.
 */
export async function usersCommand(
  args: string[],
  withUsers: (work: (users: UsersPort) => Promise<number>) => Promise<number>,
  io: Io,
): Promise<number> {
  const [sub, ...rest] = args;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: false,
      options: {
        username: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    io.err.write(`users: ${(err as Error).message}\n${USERS_USAGE}`);
    return 2;
  }
  const v = parsed.values;
  const needUsername = (): string | null => {
    if (!v.username) {
      io.err.write(`users ${sub}: --username is required\n`);
      return null;
    }
    return v.username;
  };
  const password = async (): Promise<{ value: string; generated: boolean }> =>
    v['password-stdin']
      ? { value: await io.readPassword(), generated: false }
      : { value: generatePassword(), generated: true };
  const refused = (err: unknown): number => {
    io.err.write(`users ${sub}: ${(err as Error).message}\n`);
    return 1;
  };

  switch (sub) {
    case 'add': {
      if (!isRole(v.role)) {
        io.err.write(`users add: --role must be one of ${ROLES.join(', ')}\n`);
        return 2;
      }
      const role: Role = v.role;
      const username = v.username ?? role;
      const pw = await password();
      return withUsers(async (users) => {
        try {
          const u = await users.create(cliActor(), {
            username,
            role,
            password: pw.value,
            displayName: v.name,
          });
          io.out.write(`added ${u.username} (${u.role})\n`);
          if (pw.generated) io.out.write(`password: ${pw.value}\n(shown once: keep it somewhere safe)\n`);
          return 0;
        } catch (err) {
          return refused(err);
        }
      });
    }
    case 'list':
      return withUsers(async (users) => {
        const list = await users.list();
        if (!list.length) io.out.write('no users yet: claimguard users add --username NAME --role admin\n');
        for (const u of list) {
          io.out.write(
            `${u.username.padEnd(24)} ${u.role.padEnd(8)} ${u.disabled ? 'disabled' : 'enabled '} last sign-in ${u.lastSignInAt ?? 'never'}\n`,
          );
        }
        return 0;
      });
    case 'set-password':
    case 'disable':
    case 'enable': {
      const username = needUsername();
      if (!username) return 2;
      const pw = sub === 'set-password' ? await password() : null;
      return withUsers(async (users) => {
        const u = (await users.list()).find((x) => x.username === username.trim().toLowerCase());
        if (!u) return refused(new Error(`no user ${username}`));
        try {
          const change: UserChange = pw ? { password: pw.value } : { disabled: sub === 'disable' };
          await users.update(cliActor(), u.id, change);
          io.out.write(`${sub === 'set-password' ? 'new password set for' : `${sub}d`} ${u.username}\n`);
          if (pw?.generated) io.out.write(`password: ${pw.value}\n(shown once: keep it somewhere safe)\n`);
          return 0;
        } catch (err) {
          return refused(err);
        }
      });
    }
    default:
      io.err.write(USERS_USAGE);
      return 2;
  }
}
