import { z } from 'zod';
import { DefinitionError } from '../instruments/errors';
import { identifierSchema, localizedTextSchema, programmeSchema } from '../instruments/schema';

const finite = z.number().finite();

/** Conditions are data, so a programme can change thresholds without a code change and store what it used. */
export const tierConditionSchema = z.discriminatedUnion('kind', [
  /** Any critical item of the instrument (of any instrument when omitted) fired. */
  z.strictObject({ kind: z.literal('critical'), instrument: identifierSchema.optional() }),
  /** One item's answered value is at least `min`; `label` names what it means (自伤念头). */
  z.strictObject({
    kind: z.literal('item'),
    instrument: identifierSchema,
    item: identifierSchema,
    min: finite,
    label: localizedTextSchema.optional(),
  }),
  /**
   * The instrument's total lies in [min, max] (no upper bound when max is omitted); `label` says
   * what the rule asks for (建议完成完整量表), so a pre-screen's reason names the next step.
   */
  z.strictObject({
    kind: z.literal('total'),
    instrument: identifierSchema,
    min: finite,
    max: finite.optional(),
    label: localizedTextSchema.optional(),
  }),
]);
export type TierCondition = z.infer<typeof tierConditionSchema>;

export const tierRuleSchema = z.strictObject({ level: identifierSchema, when: tierConditionSchema });
export type TierRule = z.infer<typeof tierRuleSchema>;

export const tierLevelSchema = z.strictObject({
  id: identifierSchema,
  name: localizedTextSchema,
  colour: z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'expected a colour like #D32F2F'),
});
export type TierLevel = z.infer<typeof tierLevelSchema>;

const ruleSetObjectSchema = z.strictObject({
  id: identifierSchema,
  version: z.string().trim().min(1).max(32),
  programme: programmeSchema,
  name: localizedTextSchema,
  /** Most urgent first; the last level applies when no rule fires. */
  levels: z.array(tierLevelSchema).min(2),
  rules: z.array(tierRuleSchema).min(1),
});

export const tierRuleSetSchema = ruleSetObjectSchema.superRefine((set, ctx) => {
  const seen = new Set<string>();
  set.levels.forEach((level, i) => {
    if (seen.has(level.id))
      ctx.addIssue({
        code: 'custom',
        path: ['levels', i, 'id'],
        message: `duplicate level id "${level.id}"`,
      });
    seen.add(level.id);
  });
  set.rules.forEach((rule, i) => {
    if (!seen.has(rule.level))
      ctx.addIssue({ code: 'custom', path: ['rules', i, 'level'], message: `unknown level "${rule.level}"` });
    const when = rule.when;
    if (when.kind === 'total' && when.max !== undefined && when.max < when.min) {
      ctx.addIssue({
        code: 'custom',
        path: ['rules', i, 'when', 'max'],
        message: `maximum ${when.max} is below minimum ${when.min}`,
      });
    }
  });
});

export type TierRuleSet = z.infer<typeof ruleSetObjectSchema>;
export type TierRuleSetInput = z.input<typeof ruleSetObjectSchema>;

export function parseTierRuleSet(input: unknown): TierRuleSet {
  const parsed = tierRuleSetSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const id = typeof input === 'object' && input !== null && 'id' in input ? String(input.id) : '?';
  throw new DefinitionError(`Rule set ${id}`, parsed.error.issues);
}
