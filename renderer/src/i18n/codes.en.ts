import type { Messages } from './messages';

/** English words for the codes services return (see codes.zh.ts). */
export const tierReasonsEn: Messages['tierReasons'] = {
  item_positive: '{{instrument}} item {{item}} positive ({{meaning}})',
  item_at_least: '{{instrument}} item {{item}} = {{value}} ≥ {{min}}',
  item_blank: '{{instrument}} item {{item}} not answered',
  total_at_least: '{{instrument}} total {{total}} ≥ {{min}}',
  total_at_least_incomplete: '{{instrument}} total at least {{total}} ≥ {{min}} (incomplete)',
  total_band: '{{instrument}} total {{total}} ({{min}}–{{max}})',
  total_band_incomplete: '{{instrument}} total at least {{total}} ({{min}}–{{max}}, incomplete)',
  withLabel: '{{reason}}: {{label}}',
  invalid: '{{reason}} (sheet invalid)',
  separator: '; ',
};
