import { z } from 'zod';
import {
  bandSchema,
  cutoffSchema,
  identifierSchema,
  instrumentDefinitionSchema,
  licenceSchema,
  localizedTextSchema,
  populationSchema,
  programmeSchema,
  scoreResultSchema,
} from '../instruments';
import { tierResultSchema, tierRuleSetSchema } from '../tiers';

export const instrumentSummarySchema = z.object({
  id: z.string(),
  version: z.string(),
  builtin: z.boolean(),
  enabled: z.boolean(),
  names: localizedTextSchema,
  itemCount: z.number().int(),
  population: populationSchema,
  bands: z.array(bandSchema),
  cutoff: cutoffSchema.nullable(),
  subscales: z.array(
    z.object({ id: z.string(), name: localizedTextSchema, cutoff: cutoffSchema.nullable() }),
  ),
  critical: z.array(
    z.object({ item: z.string(), number: z.number().int(), min: z.number(), reason: localizedTextSchema }),
  ),
  licence: licenceSchema,
  citation: z.string(),
});
export type InstrumentSummary = z.infer<typeof instrumentSummarySchema>;

/** Item values in item order; null for an unanswered item. */
export const itemValuesSchema = z.array(z.number().finite().nullable()).max(500);

/** A file travels as base64 so both transports (IPC and HTTP) carry it the same way. */
/** The largest file the API takes; the renderer refuses a larger one before reading it. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export const uploadedFileSchema = z.object({
  fileName: z.string().trim().min(1).max(255),
  // An empty file is allowed through: the reader says "文件是空的", which a schema error cannot.
  contentBase64: z.string().max(Math.ceil(MAX_UPLOAD_BYTES / 3) * 4),
});
export type UploadedFile = z.infer<typeof uploadedFileSchema>;

/**
 * A spreadsheet to import: uploaded bytes (the UI), or a path on this machine. A path is taken
 * from the command line only (its user can open the file anyway); the services refuse it from any
 * other transport, so a page or a loopback client can never make the app read a file by name.
 */
export const importFileSchema = z.union([
  uploadedFileSchema,
  z.object({ path: z.string().trim().min(1).max(4096) }).strict(),
]);
export type ImportFile = z.infer<typeof importFileSchema>;

export const instrumentIdInputSchema = z.object({ id: identifierSchema });

export const scoreInputSchema = z.object({ instrumentId: identifierSchema, values: itemValuesSchema });

export const tierEvaluateInputSchema = z.object({
  programme: programmeSchema,
  battery: z.array(scoreInputSchema).min(1).max(20),
});

export const ruleSetVersionSchema = z.object({
  version: z.number().int(),
  createdAt: z.string().nullable(),
  createdBy: z.string().nullable(),
  ruleSet: tierRuleSetSchema,
});

export const tierSettingsSchema = z.object({
  programme: programmeSchema,
  active: ruleSetVersionSchema,
  history: z.array(ruleSetVersionSchema.omit({ ruleSet: true })),
});
export type TierSettings = z.infer<typeof tierSettingsSchema>;

export { instrumentDefinitionSchema, scoreResultSchema, tierResultSchema, tierRuleSetSchema };
