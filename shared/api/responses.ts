import { z } from 'zod';
import { importFileSchema } from './instruments';
import { issueParamsSchema } from '../issues';
import { unparsableCodeSchema } from '../screening/response-issues';

/** Columns that say who answered and when; everything else is an item of the battery or ignored. */
export const RESPONSE_IDENTITY_KINDS = [
  'studentNo',
  'handbookNo',
  'idNumber',
  'name',
  'className',
  'submittedAt',
] as const;

/** A column of a survey export is an identity column, an item of the battery, or ignored. */
export const responseColumnTargetSchema = z.union([
  z.object({ kind: z.enum(RESPONSE_IDENTITY_KINDS) }),
  z.object({ kind: z.literal('item'), instrumentId: z.string().max(64), itemId: z.string().max(64) }),
  z.object({ kind: z.literal('ignore') }),
]);
export type ResponseColumnTarget = z.infer<typeof responseColumnTargetSchema>;

/**
 * How an item column is read: the option's printed text (either language), or its position
 * (问卷星 "按序号" exports) in the order the form printed the options. The English EPDS prints
 * items 3 and 5–10 severe-first, so position 1 means 3 points there and 0 points in Chinese.
 */
export const responseReadingSchema = z.object({
  read: z.enum(['text', 'number']),
  order: z.enum(['zh', 'en']),
  /**
   * The form listed the options the other way round (a 问卷星 form typed 几乎每天 first, where the
   * printed PHQ-9 starts at 完全不会): option 1 is then the printed last option. Only counts when
   * positions are read. Absent means as printed.
   */
  reversed: z.boolean().optional(),
});
export type ResponseReading = z.infer<typeof responseReadingSchema>;

/**
 * What becomes of one row, decided by the service:
 * - matched: a participant with nothing else recorded in this campaign;
 * - not_in_campaign: nobody on the campaign's list (maybe someone in the register);
 * - duplicate: this very row was imported before, or the same person answered earlier in the file;
 * - out_of_dates: submitted before the campaign started or after it ended;
 * - conflict_declined: the person's recorded 不参加;
 * - conflict_in_progress / conflict_submitted: a sheet from another channel (station, kiosk, paper,
 *   an earlier import) is open or submitted.
 */
export const responseRowOutcomes = [
  'matched',
  'not_in_campaign',
  'duplicate',
  'out_of_dates',
  'conflict_declined',
  'conflict_in_progress',
  'conflict_submitted',
] as const;
export const responseRowOutcomeSchema = z.enum(responseRowOutcomes);
export type ResponseRowOutcome = z.infer<typeof responseRowOutcomeSchema>;

/**
 * The choice for one row. `import` writes the row as its own imported sheet: it never merges into
 * or overwrites another channel's sheet or a recorded decline — those stay as they were, so a
 * respondent's own answers and a documented refusal are never lost ("keep both"). `match` imports
 * the row for a person picked by hand (added to the campaign's list when not on it).
 */
export const responseResolutionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('skip') }),
  z.object({ action: z.literal('import') }),
  z.object({ action: z.literal('match'), personId: z.number().int().positive() }),
]);
export type ResponseResolution = z.infer<typeof responseResolutionSchema>;
export type ResponseAction = ResponseResolution['action'];

const columnKey = z.string().regex(/^\d+$/, '列号应为从 0 开始的数字 (a column index from 0)');
const rowKey = z.string().regex(/^\d+$/, '行号应为表格中的行号数字 (a spreadsheet row number)');

export const responseImportInputSchema = z.object({
  campaignId: z.number().int(),
  file: importFileSchema,
  /** Column index → what the user says it holds, overriding the automatic match. */
  mapping: z.record(columnKey, responseColumnTargetSchema).optional(),
  /** Column index → how the user says its answers are written. */
  readings: z.record(columnKey, responseReadingSchema).optional(),
  /** Spreadsheet row number → the choice made for that row. */
  resolutions: z.record(rowKey, responseResolutionSchema).optional(),
  /** One choice for every conflicting row without its own resolution (the CLI's --on-conflict). */
  onConflict: z.enum(['skip', 'import']).optional(),
});
export type ResponseImportInput = z.infer<typeof responseImportInputSchema>;
export type ResponseImportOptions = Omit<ResponseImportInput, 'campaignId' | 'file'>;

export const criticalAnswerSchema = z.object({
  instrumentId: z.string(),
  itemId: z.string(),
  itemNumber: z.number().int(),
  value: z.number(),
  label: z.object({ zh: z.string(), en: z.string() }),
});
export type CriticalAnswer = z.infer<typeof criticalAnswerSchema>;

/** Why a row has its outcome, as a code the UI words in either language (CLI: `reason`). */
export const responseReasonCodes = [
  'matched',
  'no_number',
  'number_not_listed',
  'in_register_not_listed',
  'same_name',
  'name_not_listed',
  'imported_before',
  'earlier_row',
  'out_of_dates',
  'declined',
  'in_progress',
  'submitted',
] as const;
export type ResponseReasonCode = (typeof responseReasonCodes)[number];

const reasonParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

/** `reason` is Chinese for the CLI; the UI words `reasonCode` with `reasonParams` instead. */
const unmatchedRowSchema = z.object({
  row: z.number().int(),
  studentNo: z.string(),
  name: z.string(),
  reason: z.string(),
  reasonCode: z.enum(responseReasonCodes),
  reasonParams: reasonParamsSchema,
});

/**
 * An answer that cannot be read. `column` and `reason` are Chinese (CLI); `columnIndex`, `header`,
 * `code` and `params` (max, options) let the UI word both in its language.
 */
const unparsableAnswerSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  reason: z.string(),
  columnIndex: z.number().int(),
  header: z.string(),
  code: unparsableCodeSchema,
  params: issueParamsSchema,
});

export const responseRowSchema = z.object({
  row: z.number().int(),
  studentNo: z.string(),
  name: z.string(),
  className: z.string(),
  submittedAt: z.string().nullable(),
  outcome: responseRowOutcomeSchema,
  reason: z.string(),
  reasonCode: z.enum(responseReasonCodes),
  /** What the reason names: field (studentNo…), name, row, day, from, to, mode. */
  reasonParams: z.record(z.string(), z.union([z.string(), z.number()])),
  /** The person the row was matched to (or found in the register when not in the campaign). */
  personId: z.number().int().nullable(),
  personName: z.string().nullable(),
  /** The channel of the conflicting sheet. */
  conflictMode: z.enum(['kiosk', 'station', 'paper', 'import']).nullable(),
  critical: z.array(criticalAnswerSchema),
  /** What may be chosen for this row, and what happens when nothing is chosen. */
  actions: z.array(z.enum(['skip', 'import', 'match'])),
  action: z.enum(['skip', 'import', 'match']),
  /** A critical answer that would not be imported: listed first, and the UI asks for a choice. */
  needsChoice: z.boolean(),
});
export type ResponseRow = z.infer<typeof responseRowSchema>;

const outcomeCounts = z.record(responseRowOutcomeSchema, z.number().int());

export const responseImportPreviewSchema = z.object({
  headerRow: z.number().int(),
  columns: z.array(
    z.object({
      index: z.number().int(),
      header: z.string(),
      target: responseColumnTargetSchema,
      similarity: z.number().nullable(),
      /** How the answers are read; null for columns that are not items. */
      reading: responseReadingSchema.nullable(),
      /** Whether this item's options print in a different order in English (only then order matters). */
      orderMatters: z.boolean(),
      /** A few distinct answers as written, to judge the reading by. */
      samples: z.array(z.string()),
    }),
  ),
  missingItems: z.array(z.object({ instrumentId: z.string(), itemId: z.string(), number: z.number().int() })),
  /** Every scored item of the campaign's battery, for choosing a column's item by hand. */
  items: z.array(
    z.object({
      instrumentId: z.string(),
      itemId: z.string(),
      number: z.number().int(),
      text: z.object({ zh: z.string(), en: z.string() }),
    }),
  ),
  rows: z.number().int(),
  matched: z.number().int(),
  unmatched: z.array(unmatchedRowSchema),
  unparsable: z.array(unparsableAnswerSchema),
  outcomes: outcomeCounts,
  /** Every row: rows needing a choice for a critical answer first, then in file order. */
  rowOutcomes: z.array(responseRowSchema),
});
export type ResponseImportPreview = z.infer<typeof responseImportPreviewSchema>;

/** The stable `--json` shape of `anxin import responses` (fields are only ever added). */
export const responseImportSummarySchema = z.object({
  rows: z.number().int(),
  matched: z.number().int(),
  unmatched: z.array(unmatchedRowSchema),
  unparsable: z.array(unparsableAnswerSchema),
  scored: z.number().int(),
  levels: z.record(z.string(), z.number().int()).optional(),
  results: z.record(z.string(), z.number().int()).optional(),
  committed: z.boolean(),
  outcomes: outcomeCounts,
  /** Rows written (scored) per outcome they had, e.g. conflicts imported as separate sheets. */
  imported: z.array(
    z.object({ row: z.number().int(), personId: z.number().int(), screeningId: z.number().int().nullable() }),
  ),
  /** People put on the campaign's list because a row was matched to them by hand. */
  addedToCampaign: z.number().int(),
  /** Rows with a critical answer that were not imported: never dropped without being listed. */
  criticalNotImported: z.array(
    z.object({
      row: z.number().int(),
      studentNo: z.string(),
      name: z.string(),
      outcome: responseRowOutcomeSchema,
      reason: z.string(),
      reasonCode: z.enum(responseReasonCodes),
      reasonParams: z.record(z.string(), z.union([z.string(), z.number()])),
      critical: z.array(criticalAnswerSchema),
    }),
  ),
});
export type ResponseImportSummary = z.infer<typeof responseImportSummarySchema>;
