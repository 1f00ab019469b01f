import { z } from 'zod';
import { programmeSchema } from '../instruments';
import { reasonFactSchema } from '../tiers/reasons';
import { diagnosisConclusionSchema, icd10CodeSchema } from '../cases/diagnosis';
import { isoDate } from './people';

/**
 * Days to the first contact and between follow-ups, per level, and from the latest screen to the
 * re-screen: a programme setting with these defaults.
 */
export const followUpIntervalsSchema = z.record(
  z.string(),
  z.object({
    first: z.number().int().min(0).max(365),
    then: z.number().int().min(1).max(365),
    rescreen: z.number().int().min(1).max(730).optional(),
  }),
);
export type FollowUpIntervals = z.infer<typeof followUpIntervalsSchema>;

// Schools re-screen flagged students next semester (~4 months); a perinatal watch result is
// repeated within 2–4 weeks, and a positive or critical one is re-measured after the first month.
export const DEFAULT_INTERVALS: Record<'school' | 'perinatal', FollowUpIntervals> = {
  school: {
    red: { first: 0, then: 7, rescreen: 120 },
    orange: { first: 3, then: 14, rescreen: 120 },
    yellow: { first: 14, then: 30, rescreen: 120 },
  },
  perinatal: {
    critical: { first: 0, then: 7, rescreen: 28 },
    positive: { first: 3, then: 14, rescreen: 28 },
    watch: { first: 14, then: 28, rescreen: 28 },
  },
};

/**
 * confirm_in_person (需当面确认): a submitted sheet left a critical item blank; ask the person.
 * make_referral (办理转介): 转介就医 was decided without the referral's details; record it.
 * What creates and ends each is one table: shared/cases/tasks.ts.
 */
export const taskKindSchema = z.enum([
  'safety_check',
  'first_contact',
  'follow_up',
  'referral_check',
  'confirm_in_person',
  'make_referral',
]);
export type TaskKind = z.infer<typeof taskKindSchema>;
/** What the worklist shows as next: an open task, or the re-screen when it falls due first (no task row). */
export const nextActionKindSchema = z.enum([...taskKindSchema.options, 'rescreen']);
export type NextActionKind = z.infer<typeof nextActionKindSchema>;

export const riskColourSchema = z.enum(['green', 'yellow', 'orange', 'red']);
/** The 专案管理 colours in the order figures list them, most urgent first; purple marks 妊娠合并精神疾病. */
export const MANAGED_COLOURS = ['red', 'orange', 'yellow', 'green', 'purple'] as const;
/** The colours that put a woman under 专案管理; purple does too, beside any colour. */
export const MANAGEMENT_COLOURS = ['orange', 'red'] as const;
export const isUnderManagement = (colour: string | null, purple: boolean): boolean =>
  purple || (MANAGEMENT_COLOURS as readonly (string | null)[]).includes(colour);
/** The worklist's 专案管理 filter: everyone under management, or by colour (purple included). */
export const managedFilterSchema = z.enum(['any', ...MANAGEMENT_COLOURS, 'purple']);
export type ManagedFilter = z.infer<typeof managedFilterSchema>;

export const worklistItemSchema = z.object({
  caseId: z.number().int(),
  personId: z.number().int(),
  name: z.string(),
  group: z.string(),
  programme: programmeSchema,
  level: z.string(),
  screenLevel: z.string(),
  confirmedLevel: z.string().nullable(),
  reasons: z.array(reasonFactSchema),
  flaggedAt: z.string(),
  responsible: z.string().nullable(),
  /** The 责任人's user id, for the worklist's 我负责的 mark and the assign dialog. */
  responsibleId: z.number().int().nullable(),
  nextTask: z
    .object({ id: z.number().int().nullable(), kind: nextActionKindSchema, dueOn: z.string() })
    .nullable(),
  colour: riskColourSchema.nullable(),
  purple: z.boolean(),
  /** Under 专案管理 (orange, red or purple). */
  managed: z.boolean(),
  overdue: z.boolean(),
  /** A same-day safety check still open after its day: the administrator must see it. */
  escalated: z.boolean(),
  /** Raised by a critical answer on a sheet that was never submitted: 未完成（含关键条目阳性）. */
  incomplete: z.boolean(),
});
export type WorklistItem = z.infer<typeof worklistItemSchema>;

export const worklistInputSchema = z.object({
  programme: programmeSchema,
  level: z.string().max(32).optional(),
  /** A class (七年级 1班), a whole grade (七年级) or a township. */
  group: z.string().max(64).optional(),
  responsible: z.string().max(64).optional(),
  /** 我负责的 (the caller is the 责任人) or 未指定 (nobody is). */
  assigned: z.enum(['mine', 'unassigned']).optional(),
  /** Women under 专案管理: all of them, or by colour. */
  managed: managedFilterSchema.optional(),
  overdueOnly: z.boolean().default(false),
  today: isoDate.optional(),
});

/** Where a person is referred: what a referral records besides its case and (optional) date. */
export const referralDetailsSchema = z.object({
  institution: z.string().trim().min(1).max(100),
  department: z.string().trim().max(100).optional(),
  consent: z.boolean(),
  /** The referral's date; the day of the step that made it when absent. */
  referredOn: isoDate.optional(),
});
export type ReferralDetails = z.infer<typeof referralDetailsSchema>;

export const safetyCheckSchema = z.object({
  caseId: z.number().int(),
  talked: z.boolean(),
  riskAssessed: z.boolean(),
  familyContacted: z.boolean(),
  plan: z.enum(['referral', 'emergency', 'monitor']),
  outcome: z.string().trim().min(1).max(2000),
  /** With plan 'referral' (转介就医): the referral it makes. Without, a 办理转介 task is due today. */
  referral: referralDetailsSchema.optional(),
  /** The day the check took place (not after today, not before the case opened); today when absent. */
  heldOn: isoDate.optional(),
});

export const interviewSchema = z.object({
  caseId: z.number().int(),
  summary: z.string().trim().min(1).max(5000),
  confirmedLevel: z.string().max(32),
  reason: z.string().trim().min(1).max(2000),
  /** The day the interview took place (not after today, not before the case opened); today when absent. */
  heldOn: isoDate.optional(),
});

/** How a follow-up or a guardian contact happened: keys, worded by the UI (面谈 / in person). */
export const contactMethodSchema = z.enum(['in_person', 'phone', 'home_visit', 'online']);
export type ContactMethod = z.infer<typeof contactMethodSchema>;

export const followUpSchema = z.object({
  caseId: z.number().int(),
  /** When the follow-up took place; today when absent. */
  heldOn: isoDate.optional(),
  method: contactMethodSchema,
  content: z.string().trim().min(1).max(5000),
  riskChange: z.enum(['lower', 'same', 'higher']),
  nextOn: isoDate.optional(),
  /** A follow-up that ended in 转介/转诊: the referral it makes. */
  referral: referralDetailsSchema.optional(),
});

/**
 * Closes a 需当面确认 task: what the person said when asked in person about the item left blank,
 * and in words how that was established (the reason the task may close). Thoughts of self-harm
 * reported in person add a same-day safety check.
 */
export const confirmInPersonSchema = z.object({
  caseId: z.number().int(),
  finding: z.enum(['denied', 'reported']),
  note: z.string().trim().min(1).max(2000),
});

export const liftSchema = z.object({ caseId: z.number().int(), reason: z.string().trim().min(1).max(2000) });

export const caseEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: z.enum([
    'flagged',
    'safety_check',
    'interview',
    'follow_up',
    'guardian_contact',
    'referral',
    'colour',
    'lifted',
    'closed',
    'confirmed_in_person',
    'assigned',
    'reopened',
  ]),
  by: z.string().nullable(),
  levelBefore: z.string().nullable(),
  levelAfter: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});

export const caseSchema = z.object({
  id: z.number().int(),
  personId: z.number().int(),
  programme: programmeSchema,
  status: z.enum(['open', 'lifted', 'closed']),
  level: z.string(),
  screenLevel: z.string(),
  confirmedLevel: z.string().nullable(),
  openedAt: z.string(),
  events: z.array(caseEventSchema),
  openTasks: z.array(z.object({ id: z.number().int(), kind: taskKindSchema, dueOn: z.string() })),
  referrals: z.array(z.lazy(() => referralSchema)),
  colour: riskColourSchema.nullable(),
  purple: z.boolean(),
  managedSince: z.string().nullable(),
  /**
   * After a 确诊 conclusion on a referral: the colour the app suggests (recorded in the timeline
   * with why), for the clinician to accept or change with a reason; null once decided.
   */
  suggestedColour: z.enum(['orange', 'red']).nullable(),
  /** Why the screen flagged the person (the latest flag), as data the UI words. */
  reasons: z.array(reasonFactSchema),
  responsible: z.string().nullable(),
  responsibleId: z.number().int().nullable(),
  /** The latest screen plus the level's re-screen interval; null when the level has none. */
  rescreenOn: z.string().nullable(),
  /** The 专案管理 plan recorded with the latest colour assignment that had one. */
  plan: z.string().nullable(),
});
export type Case = z.infer<typeof caseSchema>;

/** Roles that read and act on cases (the full files); mirrors cases.get in contract.ts. */
export const CASE_ROLES = ['admin', 'psychologist'] as const;

/** Days after which an unattended referral comes back onto the worklist. */
export const REFERRAL_CHECK_DAYS = 14;

export const guardianContactSchema = z.object({
  caseId: z.number().int(),
  contactedOn: isoDate,
  who: z.string().trim().min(1).max(64),
  method: contactMethodSchema,
  response: z.string().trim().min(1).max(2000),
});

export const referralInputSchema = referralDetailsSchema.extend({
  caseId: z.number().int(),
  referredOn: isoDate,
});

/**
 * The specialist's conclusion as a choice (what suggestions and figures read), an optional ICD-10
 * code from the short list, and the free text as written (sealed as a clinical field).
 */
export const diagnosisInputSchema = z.object({
  conclusion: diagnosisConclusionSchema,
  icd10: icd10CodeSchema.optional(),
  diagnosis: z.string().trim().max(200).optional(),
  diagnosedOn: isoDate,
});
export type DiagnosisInput = z.infer<typeof diagnosisInputSchema>;

export const referralUpdateSchema = z.discriminatedUnion('status', [
  z.object({ referralId: z.number().int(), status: z.literal('attended'), attendedOn: isoDate }),
  z
    .object({ referralId: z.number().int(), status: z.literal('diagnosed') })
    .extend(diagnosisInputSchema.shape),
  // An attended referral is closed with its conclusion: recorded before, or given here.
  z.object({
    referralId: z.number().int(),
    status: z.literal('closed'),
    outcome: z.string().trim().min(1).max(2000),
    finding: diagnosisInputSchema.optional(),
  }),
]);

export const referralSchema = z.object({
  id: z.number().int(),
  caseId: z.number().int(),
  institution: z.string(),
  department: z.string().nullable(),
  referredOn: z.string(),
  consent: z.boolean(),
  status: z.enum(['referred', 'attended', 'diagnosed', 'closed']),
  attendedOn: z.string().nullable(),
  /** Null before a diagnosis is recorded. */
  conclusion: diagnosisConclusionSchema.nullable(),
  icd10: icd10CodeSchema.nullable(),
  diagnosis: z.string().nullable(),
  diagnosedOn: z.string().nullable(),
  outcome: z.string().nullable(),
});
export type Referral = z.infer<typeof referralSchema>;

export const colourInputSchema = z.object({
  caseId: z.number().int(),
  colour: riskColourSchema,
  purple: z.boolean().default(false),
  /** Required, except when accepting the colour the app suggested (cases.colour_reason_required). */
  reason: z.string().trim().min(1).max(2000).optional(),
  plan: z.string().trim().max(2000).optional(),
});

export const closeCaseSchema = z.object({
  caseId: z.number().int(),
  reason: z.enum(['recovered', 'transferred', 'referred', 'postpartum42', 'other']),
  note: z.string().trim().max(2000).optional(),
});

export const dashboardSchema = z.object({
  programme: z.enum(['school', 'perinatal']),
  from: z.string(),
  to: z.string(),
  due: z.number().int(),
  screened: z.number().int(),
  screenedRate: z.number().nullable(),
  byLevel: z.record(z.string(), z.number().int()),
  criticalItems: z.number().int(),
  interviewed: z.number().int(),
  referred: z.number().int(),
  attended: z.number().int(),
  diagnosed: z.number().int(),
  /** Cases open at the end of the period (shared/figures/definitions.ts). */
  underManagement: z.number().int(),
  /** 纳入专案管理: cases that entered management in the period, open or closed since, by colour. */
  managedByColour: z.record(z.string(), z.number().int()),
  followUps: z.number().int(),
  lifted: z.number().int(),
  closed: z.number().int(),
  tasksDueToday: z.number().int(),
  tasksOverdue: z.number().int(),
  /** Of the tasks above, the same-day safety checks (urgent, listed apart from routine work). */
  safetyChecksDueToday: z.number().int(),
  safetyChecksOverdue: z.number().int(),
  /** Of criticalItems: people whose critical answer is on a sheet never submitted (未完成（含关键条目阳性）). */
  criticalUnsubmitted: z.number().int(),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
