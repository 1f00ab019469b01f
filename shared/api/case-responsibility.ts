import { z } from 'zod';
import { roleSchema, usernameSchema } from './auth';
import { CASE_ROLES } from './cases';
import { isoDate } from './people';

/**
 * Who may be a case's 责任人, and who may assign or transfer one: the staff who act on cases
 * (mirrors cases.assign in contract.ts). A class teacher follows her class's cases but is not
 * given them, and may not hand them out.
 */
export const RESPONSIBLE_ROLES = CASE_ROLES;

/** A user who can be made 责任人. */
export const responsibleCandidateSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
});
export type ResponsibleCandidate = z.infer<typeof responsibleCandidateSchema>;

/** Assign (or transfer) the 责任人 of one or more cases: all of them, or none. */
export const assignCasesSchema = z.object({
  caseIds: z.array(z.number().int().positive()).min(1).max(1000),
  /** The new 责任人: a user id (the UI's picker) or a username (the command line). */
  to: z.union([z.number().int().positive(), usernameSchema]),
});

export const assignResultSchema = z.object({
  to: responsibleCandidateSchema,
  /** Every case asked for, with who was responsible before; `changed` is false when it already was `to`. */
  cases: z.array(z.object({ caseId: z.number().int(), from: z.string().nullable(), changed: z.boolean() })),
  changed: z.number().int(),
});
export type AssignResult = z.infer<typeof assignResultSchema>;

/** 重新开放 a lifted case: why, and when its follow-up is due (by the level's interval when absent). */
export const reopenCaseSchema = z.object({
  caseId: z.number().int(),
  reason: z.string().trim().min(1).max(2000),
  nextOn: isoDate.optional(),
});
