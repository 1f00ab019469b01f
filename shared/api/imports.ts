import { z } from 'zod';
import { importFileSchema } from './instruments';
import { personKindSchema } from './people';
import { rowIssueSchema } from '../people/issues';

export const importInputSchema = z.object({
  kind: personKindSchema,
  file: importFileSchema,
  /** Field → zero-based column, as corrected by the user; null unmaps a field. */
  mapping: z.record(z.string().max(32), z.number().int().min(0).max(500).nullable()).optional(),
});
export type ImportInput = z.infer<typeof importInputSchema>;

export const importRowStatusSchema = z.enum(['new', 'update', 'unchanged', 'error', 'duplicate']);
export type ImportRowStatus = z.infer<typeof importRowStatusSchema>;

export const importRowSchema = z.object({
  /** The Excel row number, as the user sees it in the file. */
  row: z.number().int(),
  status: importRowStatusSchema,
  name: z.string(),
  number: z.string(),
  /**
   * Every mapped field of the row, so the preview can show each column: what the row will write
   * (normalised: sex as M/F, 初一 as 七年级, dates as YYYY-MM-DD) when it was read without error,
   * else the cells' text as the file has it.
   */
  cells: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  /** Why the row is refused or a duplicate, as codes the UI words (`wordRowIssue` for Chinese). */
  reasons: z.array(rowIssueSchema),
  warnings: z.array(rowIssueSchema),
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
});
export type ImportRow = z.infer<typeof importRowSchema>;

export const importPreviewSchema = z.object({
  fileName: z.string(),
  sheet: z.string(),
  /** Excel row number of the header. */
  headerRow: z.number().int(),
  columns: z.array(z.object({ index: z.number().int(), header: z.string(), field: z.string().nullable() })),
  fields: z.array(z.object({ field: z.string(), label: z.string(), required: z.boolean() })),
  /** Field keys of required columns the file lacks (the UI names them in its language). */
  missingColumns: z.array(z.string()),
  rows: z.array(importRowSchema),
  counts: z.object({
    rows: z.number().int(),
    new: z.number().int(),
    update: z.number().int(),
    unchanged: z.number().int(),
    error: z.number().int(),
    duplicate: z.number().int(),
    empty: z.number().int(),
  }),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

/** The stable `--json` shape of `anxin import roster|women`. */
export const importSummarySchema = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** `reason` is the issues worded in Chinese (joined by ；), `issues` the codes beside it. */
  rejected: z.array(z.object({ row: z.number().int(), reason: z.string(), issues: z.array(rowIssueSchema) })),
  duplicates: z.array(
    z.object({
      row: z.number().int(),
      number: z.string(),
      reason: z.string(),
      issues: z.array(rowIssueSchema),
    }),
  ),
  committed: z.boolean(),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;
