import { z } from 'zod';
import { perinatalStatusSchema, personEventSchema, personSchema } from './people';
import { caseSchema } from './cases';
import { personScreeningSchema, unsubmittedSheetSchema } from './screening';

/** The individual file (心理健康档案): identity, where the person stands now, and everything that happened. */
export const personFileSchema = z.object({
  person: personSchema,
  perinatal: perinatalStatusSchema.nullable(),
  /**
   * Where the person stands now (shared/figures/current-level.ts: an open case's level, else the
   * latest screening since the last case ended): the level the register and worklist show too.
   */
  currentLevel: z.string().nullable(),
  /** The latest submitted screening's level or result, with its reasons; null before any screening. */
  current: personScreeningSchema.nullable(),
  screenings: z.array(personScreeningSchema),
  /** Sheets never submitted that hold a critical answer (未完成（含关键条目阳性）), newest first. */
  unsubmitted: z.array(unsubmittedSheetSchema),
  events: z.array(personEventSchema),
  /** Follow-through cases, newest first; only for the roles that keep full files (CASE_ROLES). */
  cases: z.array(caseSchema),
});
export type PersonFile = z.infer<typeof personFileSchema>;
