/**
 * Slows down password guessing: after `freeAttempts` consecutive failures for one username from
 * one address, further attempts are refused for 30 s, a period that doubles with every further
 * failure (capped at 15 min). A block of a second or two would let a script guess on unhindered.
 * The check and the count are one step (`attempt`): an attempt counts as a failure from the moment
 * it is admitted, before its password is verified, and a success clears the count. So 40 guesses
 * sent at once are not all verified while the first ones are still being checked: the first
 * `freeAttempts` are, the rest are refused.
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
    private readonly firstBlockMs = 30_000,
  ) {}

  private key(username: string, address: string): string {
    return `${username.toLowerCase()}\u0000${address}`;
  }

  /**
   * Admits an attempt and counts it as failed until `succeed` says otherwise; or refuses it.
   * Returns 0 when admitted, else the milliseconds until another attempt is allowed.
   */
  attempt(username: string, address: string): number {
    const key = this.key(username, address);
    const f = this.failures.get(key) ?? { count: 0, blockedUntil: 0 };
    const wait = f.blockedUntil - this.now();
    if (wait > 0) return wait;
    f.count += 1;
    if (f.count >= this.freeAttempts) {
      const block = Math.min(
        this.maxBlockMs,
        this.firstBlockMs * 2 ** (f.count - this.freeAttempts),
      );
      f.blockedUntil = this.now() + block;
    }
    this.failures.set(key, f);
    if (this.failures.size > 100_000) this.prune();
    return 0;
  }

  succeed(username: string, address: string): void {
    this.failures.delete(this.key(username, address));
  }

  private prune(): void {
    const now = this.now();
    for (const [k, f] of this.failures) if (f.blockedUntil < now) this.failures.delete(k);
  }
}
