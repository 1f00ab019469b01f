import { z } from 'zod';
import { programmeSchema } from '../instruments';
import type { Role } from './auth';
import { isoDate } from './people';

/**
 * What a roster export may contain: everything (psychology staff), who needs attention and the
 * next action (class teachers), figures only (supervisors), or rows with identities masked.
 */
export const exportVariantSchema = z.enum(['full', 'class-teacher', 'aggregate', 'deidentified']);
export type ExportVariant = z.infer<typeof exportVariantSchema>;

/** Minimum necessary by role: a role never receives more than its variants allow. */
export const EXPORT_VARIANTS_BY_ROLE: Record<Role, readonly ExportVariant[]> = {
  admin: ['full', 'class-teacher', 'aggregate', 'deidentified'],
  psychologist: ['full', 'class-teacher', 'aggregate', 'deidentified'],
  supervisor: ['aggregate', 'deidentified'],
  class_teacher: ['class-teacher'],
  screener: [],
};

export const rosterExportInputSchema = z
  .object({
    programme: programmeSchema,
    variant: exportVariantSchema.default('full'),
    from: isoDate.optional(),
    to: isoDate.optional(),
    /** Only these warning levels (rule-set level ids) on the roster; all when omitted. */
    levels: z.array(z.string().trim().min(1).max(32)).max(20).optional(),
  })
  .refine((i) => !i.from || !i.to || i.from <= i.to, {
    message: 'from must not be after to',
    path: ['from'],
  });
export type RosterExportInput = z.input<typeof rosterExportInputSchema>;

export const rosterExportDownloadSchema = z.object({ fileName: z.string(), contentBase64: z.string() });

/** What the CLI prints: the counts are rows written, never the data itself. */
export const rosterExportResultSchema = z.object({
  file: z.string(),
  people: z.number().int(),
  screenings: z.number().int(),
  variant: exportVariantSchema,
});
export type RosterExportResult = z.infer<typeof rosterExportResultSchema>;
