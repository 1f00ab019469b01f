import { z } from 'zod';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'not a calendar date',
  );

export const sexSchema = z.enum(['M', 'F']);
export const studentStatusSchema = z.enum(['enrolled', 'transferred', 'graduated']);

export const studentInputSchema = z.object({
  studentNo: z.string().trim().min(1).max(32),
  name: z.string().trim().min(1).max(64),
  sex: sexSchema,
  birthDate: isoDate,
  grade: z.string().trim().min(1).max(32),
  className: z.string().trim().min(1).max(32),
});
export type StudentInput = z.infer<typeof studentInputSchema>;

export const studentSchema = studentInputSchema.extend({
  id: z.number().int(),
  status: studentStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Student = z.infer<typeof studentSchema>;

export const studentListInputSchema = z.object({
  query: z.string().trim().max(64).optional(),
  grade: z.string().optional(),
  className: z.string().optional(),
  limit: z.number().int().min(1).max(1000).default(200),
  offset: z.number().int().min(0).default(0),
});
export type StudentListInput = z.input<typeof studentListInputSchema>;

export { isoDate };
