import { z } from 'zod';
import { dashboardSchema, taskKindSchema } from './cases';
import { isoDate } from './people';

/** One group's figures: the dashboard's definitions applied to the people of a grade, class, township or time point. */
export const groupFiguresSchema = z.object({
  /**
   * A grade, class or township as registered ('' when not filled in), a sex key (M, F, ''), or a
   * time-point key (early … unknown). Time points: 应筛 = women whose window overlaps the period.
   */
  group: z.string(),
  due: z.number().int(),
  screened: z.number().int(),
  byLevel: z.record(z.string(), z.number().int()),
  critical: z.number().int(),
  underManagement: z.number().int(),
});

/**
 * Per instrument, people whose latest result in the period used it: positive by that scale's own
 * band (shared/figures/per-scale.ts), undetermined because of blanks, and by band ('' when none).
 */
export const scaleFiguresSchema = z.object({
  instrumentId: z.string(),
  screened: z.number().int(),
  positive: z.number().int(),
  undetermined: z.number().int(),
  byBand: z.record(z.string(), z.number().int()),
});

/** Sex groups are keys too: 'M', 'F', '' when not filled in. */
export const breakdownDimensionSchema = z.enum(['grade', 'class', 'sex', 'township', 'timePoint']);
export type BreakdownDimension = z.infer<typeof breakdownDimensionSchema>;

export const dashboardTaskSchema = z.object({
  taskId: z.number().int(),
  caseId: z.number().int(),
  name: z.string(),
  group: z.string(),
  level: z.string(),
  kind: taskKindSchema,
  dueOn: z.string(),
  /** The case was raised by a critical answer on a sheet never submitted (未完成（含关键条目阳性）). */
  incomplete: z.boolean(),
});
export type DashboardTask = z.infer<typeof dashboardTaskSchema>;

/**
 * What the 工作台 shows: the supervisor's figures (dashboard()), the breakdowns the charts draw,
 * and for staff who act on cases, the tasks due today and overdue. A supervisor gets `tasks: null`:
 * aggregates only, never a name.
 */
export const dashboardViewSchema = dashboardSchema.extend({
  today: isoDate,
  /** Level ids that count as a warning (school) or as screen-positive (perinatal), most urgent first. */
  warningLevels: z.array(z.string()),
  breakdowns: z.array(z.object({ dimension: breakdownDimensionSchema, groups: z.array(groupFiguresSchema) })),
  /** Per instrument: positives by each scale's own band, never by the battery's combined level. */
  byInstrument: z.array(scaleFiguresSchema),
  /** Per calendar month of the period: people screened, and of them those at a warning level. */
  monthly: z.array(z.object({ month: z.string(), screened: z.number().int(), flagged: z.number().int() })),
  /** Contacts and follow-ups that fell due in the period, and how many of them were done (随访率). */
  followUpsDue: z.number().int(),
  followUpsDone: z.number().int(),
  /**
   * People at each level now, by the one current level (shared/figures/current-level.ts): what the
   * register, file and worklist show, not a figure of the period.
   */
  currentByLevel: z.record(z.string(), z.number().int()),
  /** The first-run checklist, ticked from the data: people registered, a campaign, a submitted sheet. */
  firstRun: z.object({ people: z.boolean(), campaign: z.boolean(), screening: z.boolean() }),
  tasks: z
    .object({
      /** Open safety checks due today or before (a critical answer): first, apart from routine work. */
      urgent: z.array(dashboardTaskSchema),
      /** Routine work (everything but safety checks) due today, and overdue. */
      dueToday: z.array(dashboardTaskSchema),
      overdue: z.array(dashboardTaskSchema),
    })
    .nullable(),
});
export type DashboardView = z.infer<typeof dashboardViewSchema>;

export const dashboardInputSchema = z.object({
  programme: z.enum(['school', 'perinatal']),
  from: isoDate,
  to: isoDate,
});
