import type { zhCN } from './zh-CN';

/** The shape of zh-CN with every leaf widened to string: other languages must match it key for key. */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export type Messages = Shape<typeof zhCN>;
