/**
 * Slows down password guessing: after `freeAttempts` consecutive failures for one username from
 * one address, further attempts are refused for a period that doubles with every failure (capped).
 * Keyed by username and address together, so a stranger cannot lock a user out everywhere.
 * Kept in memory per instance: behind a load balancer each instance throttles on its own, which
 * still bounds the guessing rate to a small multiple.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; blockedUntil: number }>();

  constructor(
    private readonly now: () => number,
    private readonly freeAttempts = 5,
    private readonly maxBlockMs = 15 * 60_000,
  ) {}

  private key(username: string, address: string): string {
    return `${username.toLowerCase()}\u0000${address}`;
  }

  /** Milliseconds until another attempt is allowed; 0 when allowed now. */
  retryAfterMs(username: string, address: string): number {
    const f = this.failures.get(this.key(username, address));
    return f ? Math.max(0, f.blockedUntil - this.now()) : 0;
  }

  fail(username: string, address: string): void {
    const key = this.key(username, address);
    const f = this.failures.get(key) ?? { count: 0, blockedUntil: 0 };
    f.count += 1;
    if (f.count >= this.freeAttempts) {
      const block = Math.min(this.maxBlockMs, 1000 * 2 ** (f.count - this.freeAttempts));
      f.blockedUntil = this.now() + block;
    }
    this.failures.set(key, f);
    if (this.failures.size > 100_000) this.prune();
  }

  succeed(username: string, address: string): void {
    this.failures.delete(this.key(username, address));
  }

  private prune(): void {
    const now = this.now();
    for (const [k, f] of this.failures) if (f.blockedUntil < now) this.failures.delete(k);
  }
}
