import { z } from 'zod';
import { DefinitionError } from './errors';
import { validateDefinition } from './validate';

export { languages, type Language } from './languages';

export const localizedTextSchema = z.strictObject({
  zh: z.string().trim().min(1),
  en: z.string().trim().min(1),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export const identifierSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'use letters, digits, "-", "_" or "." (at most 64)');

const finite = z.number().finite();

export const optionSchema = z.strictObject({
  value: finite,
  label: localizedTextSchema,
});
export type Option = z.infer<typeof optionSchema>;

/**
 * Options are stored once, each with its own value; a language may print them in another
 * order (the English EPDS prints several items severe-first), so display order is a list
 * of values per language and never decides a score.
 */
export const optionSetBodySchema = z.strictObject({
  options: z.array(optionSchema).min(2),
  displayOrder: z.strictObject({ zh: z.array(finite).optional(), en: z.array(finite).optional() }).optional(),
});
export type OptionSetBody = z.infer<typeof optionSetBodySchema>;

export const optionSetSchema = optionSetBodySchema.extend({ id: identifierSchema });
export type OptionSet = z.infer<typeof optionSetSchema>;

export const itemSchema = z.strictObject({
  id: identifierSchema,
  /** The number printed on the form; items are listed in ascending number order. */
  number: z.number().int().positive(),
  text: localizedTextSchema,
  /** An option set id or inline options; falls back to the definition's defaultOptionSet. */
  optionSet: z.union([identifierSchema, optionSetBodySchema]).optional(),
  /** False for items that are asked but never counted (the PHQ-9 difficulty question). */
  scored: z.boolean().default(true),
  /**
   * `any_problem`: asked only when a scored item was answered above its lowest option (PHQ-9 item
   * 10, "如果你勾选了任何问题…": with every answer 0 there is no problem to ask about). Never scored.
   */
  askIf: z.enum(['any_problem']).optional(),
});
export type Item = z.infer<typeof itemSchema>;

export const bandSchema = z.strictObject({
  id: identifierSchema,
  min: finite,
  max: finite,
  label: localizedTextSchema,
  advice: localizedTextSchema.optional(),
});
export type Band = z.infer<typeof bandSchema>;

export const cutoffSchema = z.strictObject({
  /** Screen-positive when the judged score is at least this value. */
  min: finite,
  /** 'score' judges the scale's own score (sum or mean); 'standard' its normed standard score. */
  basis: z.enum(['score', 'standard']).default('score'),
  source: z.string().trim().min(1),
  /** Cut-offs other sources use; programmes pick one in their rule set, the default stays above. */
  alternatives: z.array(z.strictObject({ min: finite, source: z.string().trim().min(1) })).optional(),
});
export type Cutoff = z.infer<typeof cutoffSchema>;

export const scaleSchema = z.strictObject({
  id: identifierSchema,
  name: localizedTextSchema,
  method: z.enum(['sum', 'mean']),
  items: z.array(identifierSchema).min(1),
  /** Items scored as min + max − value of their own option set. */
  reversed: z.array(identifierSchema).optional(),
  /** Norm table that turns this scale's score into a standard score. */
  norms: identifierSchema.optional(),
  bands: z.array(bandSchema).min(1).optional(),
  cutoff: cutoffSchema.optional(),
});
export type Scale = z.infer<typeof scaleSchema>;

export const sexSchema = z.enum(['M', 'F']);
export type Sex = z.infer<typeof sexSchema>;

export const normGroupSchema = z.strictObject({
  /** Every criterion given must match the respondent; the first matching group wins. */
  when: z.strictObject({
    grades: z.array(z.number().int().min(1).max(12)).min(1).optional(),
    sex: sexSchema.optional(),
    minAge: finite.optional(),
    maxAge: finite.optional(),
  }),
  points: z.array(z.strictObject({ min: finite, max: finite, standard: finite })).min(1),
});
export type NormGroup = z.infer<typeof normGroupSchema>;

export const normTableSchema = z.strictObject({
  id: identifierSchema,
  source: z.string().trim().min(1),
  groups: z.array(normGroupSchema).min(1),
});
export type NormTable = z.infer<typeof normTableSchema>;

export const criticalItemSchema = z.strictObject({
  item: identifierSchema,
  /** Fires when the answered option value is at least this. */
  min: finite,
  reason: localizedTextSchema,
});
export type CriticalItem = z.infer<typeof criticalItemSchema>;

export const validityRuleSchema = z.discriminatedUnion('kind', [
  /** e.g. a lie scale: a score at or above `min` voids the sheet. */
  z.strictObject({
    kind: z.literal('scale'),
    id: identifierSchema,
    scale: identifierSchema,
    min: finite,
    reason: localizedTextSchema,
  }),
  /** More than `max` unanswered scored items voids the sheet. */
  z.strictObject({
    kind: z.literal('missing'),
    id: identifierSchema,
    max: z.number().int().min(0),
    reason: localizedTextSchema,
  }),
]);
export type ValidityRule = z.infer<typeof validityRuleSchema>;

export const programmeSchema = z.enum(['school', 'perinatal']);
export type Programme = z.infer<typeof programmeSchema>;

export const populationSchema = z.strictObject({
  programmes: z.array(programmeSchema).min(1),
  /** Who fills the form in: the person screened, or a parent about a child. */
  respondent: z.enum(['self', 'parent']),
  minGrade: z.number().int().min(1).max(12).optional(),
  maxGrade: z.number().int().min(1).max(12).optional(),
  minAge: finite.optional(),
  maxAge: finite.optional(),
});
export type Population = z.infer<typeof populationSchema>;

export const licenceSchema = z.strictObject({
  holder: z.string().trim().min(1),
  terms: z.string().trim().min(1),
  /** Shown wherever the instrument is shown. */
  attribution: localizedTextSchema,
  /** True when a deploying service must hold written permission before use. */
  requiresPermission: z.boolean(),
});
export type Licence = z.infer<typeof licenceSchema>;

const definitionObjectSchema = z.strictObject({
  id: identifierSchema,
  version: z.string().trim().min(1).max(32),
  builtin: z.boolean(),
  names: localizedTextSchema,
  instructions: localizedTextSchema,
  /** Absent when the form names no period (PSC-17). */
  timeFrame: localizedTextSchema.optional(),
  citation: z.string().trim().min(1),
  items: z.array(itemSchema).min(1),
  optionSets: z.array(optionSetSchema).default([]),
  defaultOptionSet: identifierSchema.optional(),
  scales: z.array(scaleSchema).min(1),
  /** The scale reported as the instrument's total; its bands are the instrument's bands. */
  mainScale: identifierSchema,
  criticalItems: z.array(criticalItemSchema).default([]),
  validity: z.array(validityRuleSchema).default([]),
  norms: z.array(normTableSchema).default([]),
  population: populationSchema,
  licence: licenceSchema,
});

export const instrumentDefinitionSchema = definitionObjectSchema.superRefine((def, ctx) => {
  for (const issue of validateDefinition(def))
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});

export type InstrumentDefinition = z.infer<typeof definitionObjectSchema>;
/** What a definition file is written as; defaults are filled in by parsing. */
export type InstrumentDefinitionInput = z.input<typeof definitionObjectSchema>;
export type ItemInput = z.input<typeof itemSchema>;
export type OptionSetInput = z.input<typeof optionSetSchema>;
export type ScaleInput = z.input<typeof scaleSchema>;
export type BandInput = z.input<typeof bandSchema>;

/** Parses an untrusted definition (custom or built-in); throws DefinitionError with readable paths. */
export function parseInstrumentDefinition(input: unknown): InstrumentDefinition {
  const parsed = instrumentDefinitionSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const id = typeof input === 'object' && input !== null && 'id' in input ? String(input.id) : '?';
  throw new DefinitionError(`Instrument definition ${id}`, parsed.error.issues);
}
