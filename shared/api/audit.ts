import { z } from 'zod';
import { isoDate } from './people';

/** The audit viewer's and `anxin audit list`'s filters: newest first, a page at a time. */
const auditFilters = {
  userId: z.number().int().optional(),
  action: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[a-zA-Z.]+$/, 'an action is letters and dots, such as login or export.roster')
    .optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
};
const orderedDates = (v: { from?: string | undefined; to?: string | undefined }) =>
  !v.from || !v.to || v.from <= v.to;
const datesMessage = { message: 'from must not be after to', path: ['from'] };

export const auditListInputSchema = z
  .object({
    ...auditFilters,
    limit: z.number().int().min(1).max(5000).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .strict()
  .refine(orderedDates, datesMessage);
export type AuditListInput = z.output<typeof auditListInputSchema>;

/** The same filters for the viewer's .xlsx export (every matching row, newest first). */
export const auditExportInputSchema = z.object(auditFilters).strict().refine(orderedDates, datesMessage);

/** One row: who (id and account name of a staff member), what, on which record id. Never personal data. */
export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  subject: z.string().nullable(),
  detail: z.unknown(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema),
  total: z.number().int(),
  /** Every action present in the trail, for the viewer's filter. */
  actions: z.array(z.string()),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

export const auditChainSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  firstBroken: z
    .object({
      id: z.number().int(),
      reason: z.enum(['changed', 'deleted', 'reordered']),
      detail: z.string(),
    })
    .optional(),
});
export type AuditChain = z.infer<typeof auditChainSchema>;
