import { z } from 'zod';
import { uploadedFileSchema } from './instruments';

/** A column of a survey export is an identity column, an item of the battery, or ignored. */
export const responseColumnTargetSchema = z.union([
  z.object({ kind: z.enum(['studentNo', 'name', 'className', 'submittedAt']) }),
  z.object({ kind: z.literal('item'), instrumentId: z.string().max(64), itemId: z.string().max(64) }),
  z.object({ kind: z.literal('ignore') }),
]);
export type ResponseColumnTarget = z.infer<typeof responseColumnTargetSchema>;

export const responseImportInputSchema = z.object({
  campaignId: z.number().int(),
  file: uploadedFileSchema,
  /** Column index → what the user says it holds, overriding the automatic match. */
  mapping: z.record(z.string().regex(/^\d+$/), responseColumnTargetSchema).optional(),
});

export const responseImportPreviewSchema = z.object({
  headerRow: z.number().int(),
  columns: z.array(
    z.object({
      index: z.number().int(),
      header: z.string(),
      target: responseColumnTargetSchema,
      similarity: z.number().nullable(),
    }),
  ),
  missingItems: z.array(z.object({ instrumentId: z.string(), itemId: z.string(), number: z.number().int() })),
  rows: z.number().int(),
  matched: z.number().int(),
  unmatched: z.array(
    z.object({ row: z.number().int(), studentNo: z.string(), name: z.string(), reason: z.string() }),
  ),
  unparsable: z.array(z.object({ row: z.number().int(), column: z.string(), value: z.string() })),
});
export type ResponseImportPreview = z.infer<typeof responseImportPreviewSchema>;

/** The stable `--json` shape of `anxin import responses`. */
export const responseImportSummarySchema = z.object({
  rows: z.number().int(),
  matched: z.number().int(),
  unmatched: z.array(
    z.object({ row: z.number().int(), studentNo: z.string(), name: z.string(), reason: z.string() }),
  ),
  unparsable: z.array(z.object({ row: z.number().int(), column: z.string(), value: z.string() })),
  scored: z.number().int(),
  levels: z.record(z.string(), z.number().int()).optional(),
  results: z.record(z.string(), z.number().int()).optional(),
  committed: z.boolean(),
});
export type ResponseImportSummary = z.infer<typeof responseImportSummarySchema>;
