/**
 * Small-cell suppression for the de-identified file's figures. A count of 1–4 in a group (a grade,
 * a sex, a time point) can point at a person, so it is shown as 小于5. A hidden cell must not come
 * back by subtraction either: wherever figures add up to a shown total (levels to 实测人数, warning
 * levels to 预警人数, groups to 合计), a sum with exactly one hidden part gets a second part hidden
 * (the smallest), marked * — the usual complementary suppression. Rates are shown only when both
 * of their counts are.
 */
export const SMALL_CELL_LIMIT = 5;
/** A count of 1–4. */
export const SUPPRESSED_SMALL = '<5';
/** A count hidden so that a small one cannot be worked out from the others. */
export const SUPPRESSED_COMPLEMENT = '*';
/** A rate whose counts are hidden. */
export const SUPPRESSED_RATE = '—';

export const SUPPRESSION_NOTE = `去标识化说明：小于${SMALL_CELL_LIMIT}的人数显示为“${SUPPRESSED_SMALL}”；为防止由合计推算出被隐藏的人数，另有少量数字隐藏为“${SUPPRESSED_COMPLEMENT}”；比率的分子或分母被隐藏时显示为“${SUPPRESSED_RATE}”。`;

export class SmallCells {
  private readonly values = new Map<string, number>();
  private readonly sums: { total: string; parts: string[] }[] = [];
  private small = new Set<string>();
  private hidden = new Set<string>();

  /**
   * A count under an id; the same figure in two places (the summary and a 合计 line) shares one.
   * A different value under a taken id gets an id of its own, which is returned.
   */
  count(id: string, value: number): string {
    const known = this.values.get(id);
    if (known !== undefined && known !== value) return this.count(`${id}@${value}`, value);
    this.values.set(id, value);
    return id;
  }

  /** `total` is the sum of `parts` (all registered with count()). */
  sum(total: string, parts: readonly string[]): void {
    if (parts.length) this.sums.push({ total, parts: [...new Set(parts)] });
  }

  /** Decides what is hidden; call once every figure is registered. */
  solve(): void {
    this.small = new Set([...this.values].filter(([, v]) => v > 0 && v < SMALL_CELL_LIMIT).map(([id]) => id));
    const hidden = new Set(this.small);
    for (let changed = true; changed;) {
      changed = false;
      for (const { total, parts } of this.sums) {
        const members = parts.includes(total) ? parts : [...parts, total];
        if (members.filter((id) => hidden.has(id)).length !== 1) continue;
        // Hide the smallest shown part (the total only when no part is left), so as little as
        // possible is lost; ties go to the first listed, which keeps the outcome repeatable.
        const open = members.filter((id) => !hidden.has(id));
        const pick = [...open].sort(
          (a, b) => Number(a === total) - Number(b === total) || this.values.get(a)! - this.values.get(b)!,
        )[0];
        if (pick === undefined) continue;
        hidden.add(pick);
        changed = true;
      }
    }
    this.hidden = hidden;
  }

  isHidden(id: string): boolean {
    return this.hidden.has(id);
  }

  /** What the cell shows. */
  show(id: string): number | string {
    if (this.small.has(id)) return SUPPRESSED_SMALL;
    if (this.hidden.has(id)) return SUPPRESSED_COMPLEMENT;
    return this.values.get(id) ?? 0;
  }

  /** A rate, or the hidden mark when its numerator or denominator is hidden. */
  rate(value: number | null, numerator: string, denominator: string): number | string | null {
    if (value === null) return null;
    return this.hidden.has(numerator) || this.hidden.has(denominator) ? SUPPRESSED_RATE : value;
  }
}
