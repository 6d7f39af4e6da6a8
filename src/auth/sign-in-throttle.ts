/**
 * Limits failed sign-in attempts, per username and per client address, in sliding windows: after
 * `perUser` failures for one username (from anywhere) or `perAddress` failures from one address (any
 * usernames) within `windowMs`, further attempts are refused until the oldest failure leaves the
 * window. A success clears the username's failures. Pure and in memory: a restart forgets, and
 * several instances each count their own (documented in docs/web.md).
 */
export interface ThrottleLimits {
  perUser: number;
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = { perUser: 5, perAddress: 20, windowMs: 15 * 60_000 };

/** Keys kept at most (oldest dropped first), so a flood of random usernames cannot exhaust memory. */
const MAX_KEYS = 50_000;

export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until this attempt may be made; 0 when it may be made now. */
  retryAfterMs(username: string, address: string): number {
    const t = this.now();
    const wait = (key: string, limit: number): number => {
      const list = this.recent(key, t);
      if (list.length < limit) return 0;
      return list[list.length - limit]! + this.limits.windowMs - t;
    };
    return Math.max(
      wait(userKey(username), this.limits.perUser),
      wait(addressKey(address), this.limits.perAddress),
    );
  }

  recordFailure(username: string, address: string): void {
    const t = this.now();
    for (const key of [userKey(username), addressKey(address)]) {
      const list = this.recent(key, t);
      list.push(t);
      this.failures.delete(key);
      this.failures.set(key, list);
    }
    while (this.failures.size > MAX_KEYS) {
      const oldest = this.failures.keys().next().value as string;
      this.failures.delete(oldest);
    }
  }

  recordSuccess(username: string): void {
    this.failures.delete(userKey(username));
  }

  private recent(key: string, t: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((at) => at > t - this.limits.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }
}

const userKey = (username: string) => `u:${username.trim().toLowerCase()}`;
const addressKey = (address: string) => `a:${address}`;
