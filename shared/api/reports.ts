import { z } from 'zod';
import { scaleFiguresSchema } from './dashboard';
import { programmeSchema } from '../instruments';
import { reasonFactSchema } from '../tiers/reasons';
import { caseEventSchema, referralSchema } from './cases';
import { groupFiguresSchema } from './dashboard';
import { isoDate, personSchema } from './people';
import { personScreeningSchema } from './screening';

/** Everything the 转介单 prints for one referral: who refers whom, why, with what history. */
export const referralLetterSchema = z.object({
  orgName: z.string(),
  programme: programmeSchema,
  referral: referralSchema,
  /** The staff member who recorded the referral. */
  referredBy: z.string().nullable(),
  person: personSchema,
  case: z.object({
    id: z.number().int(),
    level: z.string(),
    screenLevel: z.string(),
    confirmedLevel: z.string().nullable(),
    /** Why the screen flagged the person (the latest flag), as data the page words. */
    reasons: z.array(reasonFactSchema),
    openedAt: z.string(),
    responsible: z.string().nullable(),
  }),
  /** Every submitted screening of the person, newest first. */
  screenings: z.array(personScreeningSchema),
  /** The case's safety checks and interviews, newest first. */
  contacts: z.array(caseEventSchema),
});
export type ReferralLetter = z.infer<typeof referralLetterSchema>;

/** A class or a whole grade (school), or a township (perinatal), over a period. */
export const groupReportInputSchema = z
  .object({
    programme: programmeSchema,
    grade: z.string().trim().min(1).max(32).optional(),
    className: z.string().trim().min(1).max(32).optional(),
    township: z.string().trim().min(1).max(64).optional(),
    from: isoDate,
    to: isoDate,
  })
  .superRefine((input, ctx) => {
    const school = input.programme === 'school';
    if (school ? !input.grade || input.township : !input.township || input.grade || input.className)
      ctx.addIssue({
        code: 'custom',
        path: [school ? 'grade' : 'township'],
        message: school
          ? 'a school report is for a grade or a class'
          : 'a perinatal report is for a township',
      });
    if (input.from > input.to)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'the period ends before it starts' });
  });
export type GroupReportInput = z.infer<typeof groupReportInputSchema>;

/**
 * A group's figures for a supervisor's page: counts only, never a name or an answer. The figures
 * are the dashboard's definitions applied to the people of the group (groupFigures).
 */
export const groupReportSchema = z.object({
  orgName: z.string(),
  programme: programmeSchema,
  /** What the group is: a class, a whole grade or a township. */
  scope: z.enum(['class', 'grade', 'township']),
  /** '七年级 1班', '七年级' or the township. */
  group: z.string(),
  from: isoDate,
  to: isoDate,
  figures: groupFiguresSchema.extend({
    referred: z.number().int(),
    attended: z.number().int(),
  }),
  /** Level ids that count as a warning (school) or as screen-positive (perinatal), most urgent first. */
  warningLevels: z.array(z.string()),
  /** A grade's classes, each with the same figures; empty for a class or a township. */
  classes: z.array(groupFiguresSchema),
  /** Per instrument: people whose latest result in the period used it, by that result's band ('' when none). */
  instruments: z.array(scaleFiguresSchema),
});
export type GroupReport = z.infer<typeof groupReportSchema>;
