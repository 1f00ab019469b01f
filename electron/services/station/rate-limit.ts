/**
 * Slows guessing of 学籍号 + birth date (or slip codes). Only failed identifications are
 * counted: a whole lab signing in at once from behind one address is never held up, while
 * someone trying birth dates runs out of attempts after a few guesses.
 */
export interface BucketLimits {
  /** Failures allowed in a burst. */
  capacity: number;
  /** How fast spent attempts come back. */
  refillPerMinute: number;
}

export interface LimiterOptions {
  perClient?: BucketLimits;
  global?: BucketLimits;
  /** Each lock-out of the same client lasts twice as long as the one before, up to this. */
  maxLockoutMs?: number;
  now?: () => number;
}

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

interface Bucket {
  tokens: number;
  at: number;
}

interface ClientState extends Bucket {
  lockouts: number;
  blockedUntil: number;
}

const MINUTE = 60_000;
// Clients quiet for this long are forgotten, so the map cannot grow without bound.
const FORGET_AFTER_MS = 30 * MINUTE;

export class IdentifyLimiter {
  private readonly perClient: BucketLimits;
  private readonly global: BucketLimits;
  private readonly maxLockoutMs: number;
  private readonly now: () => number;
  private readonly clients = new Map<string, ClientState>();
  private readonly shared: Bucket;

  constructor(options: LimiterOptions = {}) {
    this.perClient = options.perClient ?? { capacity: 5, refillPerMinute: 5 };
    // A class of 60 mistyping once each still gets through; a roomful of guessers does not.
    this.global = options.global ?? { capacity: 60, refillPerMinute: 60 };
    this.maxLockoutMs = options.maxLockoutMs ?? 15 * MINUTE;
    this.now = options.now ?? Date.now;
    this.shared = { tokens: this.global.capacity, at: this.now() };
  }

  private refill(bucket: Bucket, limits: BucketLimits, now: number): void {
    bucket.tokens = Math.min(
      limits.capacity,
      bucket.tokens + ((now - bucket.at) * limits.refillPerMinute) / MINUTE,
    );
    bucket.at = now;
  }

  private msUntilToken(bucket: Bucket, limits: BucketLimits): number {
    return Math.ceil(((1 - bucket.tokens) * MINUTE) / limits.refillPerMinute);
  }

  private client(key: string, now: number): ClientState {
    let state = this.clients.get(key);
    if (!state) {
      if (this.clients.size > 10_000) this.sweep(now);
      state = { tokens: this.perClient.capacity, at: now, lockouts: 0, blockedUntil: 0 };
      this.clients.set(key, state);
    }
    this.refill(state, this.perClient, now);
    // A client that has earned back every attempt starts afresh.
    if (state.tokens >= this.perClient.capacity && now >= state.blockedUntil) state.lockouts = 0;
    return state;
  }

  private sweep(now: number): void {
    for (const [key, state] of this.clients)
      if (now - state.at > FORGET_AFTER_MS && now >= state.blockedUntil) this.clients.delete(key);
  }

  /** May this client try to identify now? Asked before every attempt. */
  check(key: string): LimitDecision {
    const now = this.now();
    const state = this.client(key, now);
    if (now < state.blockedUntil) return { allowed: false, retryAfterMs: state.blockedUntil - now };
    if (state.tokens < 1) {
      state.lockouts++;
      const growing = 2 ** (state.lockouts - 1) * (MINUTE / this.perClient.refillPerMinute);
      const lockout = Math.min(
        this.maxLockoutMs,
        Math.max(this.msUntilToken(state, this.perClient), growing),
      );
      state.blockedUntil = now + lockout;
      return { allowed: false, retryAfterMs: lockout };
    }
    this.refill(this.shared, this.global, now);
    if (this.shared.tokens < 1)
      return { allowed: false, retryAfterMs: this.msUntilToken(this.shared, this.global) };
    return { allowed: true };
  }

  /** A failed attempt spends one try of the client and one of the whole station. */
  fail(key: string): void {
    const now = this.now();
    const state = this.client(key, now);
    state.tokens = Math.max(0, state.tokens - 1);
    this.refill(this.shared, this.global, now);
    this.shared.tokens = Math.max(0, this.shared.tokens - 1);
  }

  /** Someone got in from here: earlier lock-outs no longer make the next one longer. */
  succeed(key: string): void {
    const state = this.clients.get(key);
    if (state) state.lockouts = 0;
  }
}
