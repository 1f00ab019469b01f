import type { Messages } from './messages';

// The shapes of the programme overrides (./programme.ts), apart so the override files and the layer
// that lays them over the messages do not import each other.

/** A message subtree with every leaf optional: what a programme may override. */
export type Overrides<T = Messages> = { [K in keyof T]?: T[K] extends string ? string : Overrides<T[K]> };

/**
 * Marks an override that one language does not need: the base message already says it for both
 * programmes (English "Referrals" is 转介 and 转诊 alike). Written out, so every override is
 * decided in every language.
 */
export const SAME: unique symbol = Symbol('the base message serves this programme too');

/** The same keys as `T`: the English overrides must match the Chinese ones, each a string or SAME. */
export type SameKeys<T> = { [K in keyof T]: T[K] extends string ? string | typeof SAME : SameKeys<T[K]> };
