import { z } from 'zod';

/** Pages whose filter sets a user can name and keep. */
export const viewPageSchema = z.enum(['worklist.school', 'worklist.perinatal']);
export type ViewPage = z.infer<typeof viewPageSchema>;

/** A page's filters as plain values; each page reads the keys it knows and ignores the rest. */
export const viewFiltersSchema = z
  .record(z.string().max(32), z.union([z.string().max(64), z.boolean()]))
  .refine((filters) => Object.keys(filters).length <= 12, 'too many filters');

export const savedViewSchema = z.object({
  name: z.string().trim().min(1).max(40),
  filters: viewFiltersSchema,
});
export type SavedView = z.infer<typeof savedViewSchema>;

/** How many views one user keeps per page. */
export const MAX_VIEWS = 20;
