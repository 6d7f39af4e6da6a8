import { SignInThrottle } from './sign-in-throttle.js';

describe('SignInThrottle', () => {
  let t = 0;
  const make = () => new SignInThrottle({ perUser: 3, perAddress: 5, windowMs: 1000 }, () => t);
  beforeEach(() => {
    t = 10_000;
  });

  it('allows attempts until a username reaches its limit, then says how long to wait', () => {
    const th = make();
    for (let i = 0; i < 3; i++) {
      expect(th.retryAfterMs('Ann', '1.1.1.1')).toBe(0);
      th.recordFailure('Ann', '1.1.1.1');
      t += 100;
    }
    // failures at 10000, 10100, 10200; now 10300: the first leaves the window at 11000.
    expect(th.retryAfterMs('ann', '2.2.2.2')).toBe(700);
    t = 11_001;
    expect(th.retryAfterMs('ann', '2.2.2.2')).toBe(0);
  });

  it('limits one address trying many usernames', () => {
    const th = make();
    for (let i = 0; i < 5; i++) th.recordFailure(`user${i}`, '9.9.9.9');
    expect(th.retryAfterMs('someone-new', '9.9.9.9')).toBeGreaterThan(0);
    expect(th.retryAfterMs('someone-new', '8.8.8.8')).toBe(0);
  });

  it('a success clears the username failures but not the address', () => {
    const th = make();
    for (let i = 0; i < 3; i++) th.recordFailure('bob', '3.3.3.3');
    expect(th.retryAfterMs('bob', '4.4.4.4')).toBeGreaterThan(0);
    th.recordSuccess('bob');
    expect(th.retryAfterMs('bob', '4.4.4.4')).toBe(0);
    th.recordFailure('x', '3.3.3.3');
    th.recordFailure('y', '3.3.3.3');
    expect(th.retryAfterMs('bob', '3.3.3.3')).toBeGreaterThan(0);
  });
});
