import { z } from 'zod';
import { perinatalStatusSchema, personEventSchema, personSchema } from './people';
import { caseSchema } from './cases';
import { personScreeningSchema } from './screening';

/** The individual file (心理健康档案): identity, where the person stands now, and everything that happened. */
export const personFileSchema = z.object({
  person: personSchema,
  perinatal: perinatalStatusSchema.nullable(),
  /** The latest submitted screening's level or result, with its reasons; null before any screening. */
  current: personScreeningSchema.nullable(),
  screenings: z.array(personScreeningSchema),
  events: z.array(personEventSchema),
  /** Follow-through cases, newest first; only for the roles that keep full files (CASE_ROLES). */
  cases: z.array(caseSchema),
});
export type PersonFile = z.infer<typeof personFileSchema>;
