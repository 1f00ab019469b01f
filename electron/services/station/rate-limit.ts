/**
 * Slows guessing of 学籍号 + birth date (or slip codes) per address. Only failed identifications
 * are counted here: a whole lab signing in at once from behind one address is never held up,
 * while someone trying birth dates runs out of attempts after a few guesses. There is no
 * station-wide bucket: failures from a hundred other addresses never lock a correct sign-in
 * out (issue 12). Guessing spread over many addresses is met per identity instead (see
 * SeenWithin and FailuresWithin below): the right answer then waits for the teacher.
 */
export interface BucketLimits {
  /** Failures allowed in a burst. */
  capacity: number;
  /** How fast spent attempts come back. */
  refillPerMinute: number;
}

export interface LimiterOptions {
  perClient?: BucketLimits;
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
  private readonly maxLockoutMs: number;
  private readonly now: () => number;
  private readonly clients = new Map<string, ClientState>();

  constructor(options: LimiterOptions = {}) {
    this.perClient = options.perClient ?? { capacity: 5, refillPerMinute: 5 };
    this.maxLockoutMs = options.maxLockoutMs ?? 15 * MINUTE;
    this.now = options.now ?? Date.now;
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
    return { allowed: true };
  }

  /** A failed attempt spends one try of this client only. */
  fail(key: string): void {
    const state = this.client(key, this.now());
    state.tokens = Math.max(0, state.tokens - 1);
  }

  /** Someone got in from here: earlier lock-outs no longer make the next one longer. */
  succeed(key: string): void {
    const state = this.clients.get(key);
    if (state) state.lockouts = 0;
  }
}

/**
 * Which distinct values each key had within a sliding window: the people a device or an
 * address signed in, the devices a person signed in from. Successful sign-ins count here, so a
 * device that signs in one classmate after another is held for the teacher even when every
 * credential it typed was right.
 */
export class SeenWithin {
  private readonly seen = new Map<string, Map<string, number>>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  private live(key: string): Map<string, number> | undefined {
    const values = this.seen.get(key);
    if (!values) return undefined;
    const cutoff = this.now() - this.windowMs;
    for (const [value, at] of values) if (at < cutoff) values.delete(value);
    if (!values.size) this.seen.delete(key);
    return values.size ? values : undefined;
  }

  /** How many distinct values the key would have with `value` among them. */
  countWith(key: string, value: string): number {
    const values = this.live(key);
    return (values?.size ?? 0) + (values?.has(value) ? 0 : 1);
  }

  add(key: string, value: string): void {
    if (this.seen.size > 10_000) for (const k of [...this.seen.keys()]) this.live(k);
    let values = this.live(key);
    if (!values) this.seen.set(key, (values = new Map()));
    values.set(value, this.now());
  }
}

/** Failed sign-ins per typed identity (a 学籍号, a handbook number), whoever sent them. */
export class FailuresWithin {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  count(key: string): number {
    const cutoff = this.now() - this.windowMs;
    const list = this.failures.get(key)?.filter((at) => at >= cutoff) ?? [];
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list.length;
  }

  add(key: string): void {
    if (this.failures.size > 10_000) for (const k of [...this.failures.keys()]) this.count(k);
    const list = this.failures.get(key) ?? [];
    // Only the last few matter: beyond the threshold the identity is held either way.
    list.push(this.now());
    this.failures.set(key, list.slice(-20));
  }
}

/** The station's limits; tests tighten them and drive the clock. */
export interface StationLimits extends Omit<LimiterOptions, 'now'> {
  /** Distinct people one device (address + device id) may sign in per window before staff approve. */
  peoplePerDevice?: number;
  /** The same per address, higher: a few devices may share one address behind a router. */
  peoplePerAddress?: number;
  /** Distinct devices one person may sign in from per window before staff approve. */
  devicesPerPerson?: number;
  /** Failed attempts at one identity after which even the right answer waits for staff. */
  failuresPerIdentity?: number;
  windowMs?: number;
}

export const DEFAULT_STATION_LIMITS = {
  peoplePerDevice: 3,
  peoplePerAddress: 10,
  devicesPerPerson: 3,
  failuresPerIdentity: 5,
  windowMs: 60 * MINUTE,
};
