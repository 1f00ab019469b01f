import { z } from 'zod';
import { identifierSchema, programmeSchema } from '../instruments';
import { TIME_POINTS } from '../people/perinatal';
import { tierReasonSchema } from '../tiers';
import { DEFAULT_CONSENT } from '../screening/consent';
import { isoDate } from './people';

export const screeningModeSchema = z.enum(['kiosk', 'station', 'paper', 'import']);
export type ScreeningMode = z.infer<typeof screeningModeSchema>;

export const timePointSchema = z.enum(TIME_POINTS);

/** Who a campaign screens and with which battery; an empty filter means everyone of the programme. */
export const campaignTargetSchema = z.object({
  grades: z.array(z.string().max(32)).max(20).optional(),
  classNames: z.array(z.string().max(32)).max(100).optional(),
  timePoints: z.array(timePointSchema).optional(),
  battery: z.array(identifierSchema).min(1).max(10),
});
export type CampaignTarget = z.infer<typeof campaignTargetSchema>;

/** The school's default consent (zh); each programme's own defaults are in shared/screening/consent.ts. */
export const DEFAULT_CONSENT_TEXT = DEFAULT_CONSENT.school.zh;

/**
 * How respondents prove who they are at a LAN station (机房施测). A number alone is known to
 * classmates and neighbours, so each mode adds something an onlooker lacks:
 * - `slip`: the 测评码 printed for one student (school default);
 * - `student_no_birth_code`: 学籍号 + birth date + the lesson's station code (rotated each lesson);
 * - `handbook_plus`: handbook or ID number + birth date (handbook only: an ID number contains the
 *   birth date) or the last four digits of her phone (perinatal default);
 * - `checkin_code`: only a one-time code the clinician issues on her screen for one woman.
 * A code staff issue for one person on the board works in every mode (a lost slip).
 */
export const signInModeSchema = z.enum(['slip', 'student_no_birth_code', 'handbook_plus', 'checkin_code']);
export type SignInMode = z.infer<typeof signInModeSchema>;
export const SIGN_IN_MODES: Record<'school' | 'perinatal', readonly SignInMode[]> = {
  school: ['slip', 'student_no_birth_code'],
  perinatal: ['handbook_plus', 'checkin_code'],
};
/** The first mode of a programme is its default. */
export const defaultSignIn = (programme: 'school' | 'perinatal'): SignInMode => SIGN_IN_MODES[programme][0]!;

export const campaignInputSchema = z.object({
  name: z.string().trim().min(1).max(100),
  programme: programmeSchema,
  startsOn: isoDate,
  endsOn: isoDate,
  targets: z.array(campaignTargetSchema).min(1).max(20),
  /** Omitted: the programme's own default (DEFAULT_CONSENT), never another programme's words. */
  consentText: z.string().trim().min(1).max(5000).optional(),
  showResult: z.boolean().default(false),
  /** Omitted: the programme's default (slips at a school, handbook + a second fact at a clinic). */
  signIn: signInModeSchema.optional(),
});
export type CampaignInput = z.input<typeof campaignInputSchema>;

export const campaignSchema = campaignInputSchema.extend({
  id: z.number().int(),
  consentText: z.string(),
  signIn: signInModeSchema,
  status: z.enum(['open', 'closed']),
  createdAt: z.string(),
  participants: z.number().int(),
});
export type Campaign = z.infer<typeof campaignSchema>;

/**
 * Said when a campaign is created (and by the dialog before): `no_critical_item` names a battery
 * with no self-harm item (PHQ-2 + GAD-2), so nobody reads its results as having ruled that risk out.
 */
export const campaignWarningSchema = z.object({
  code: z.literal('no_critical_item'),
  battery: z.array(z.string()),
});
export type CampaignWarning = z.infer<typeof campaignWarningSchema>;

/** One warning per distinct battery none of whose instruments has a critical item. */
export function campaignWarnings(
  batteries: readonly (readonly string[])[],
  hasCriticalItem: (instrumentId: string) => boolean,
): CampaignWarning[] {
  const seen = new Set<string>();
  return batteries.flatMap((battery) => {
    const key = battery.join(',');
    if (!battery.length || seen.has(key) || battery.some(hasCriticalItem)) return [];
    seen.add(key);
    return [{ code: 'no_critical_item' as const, battery: [...battery] }];
  });
}

export const createdCampaignSchema = campaignSchema.extend({ warnings: z.array(campaignWarningSchema) });
export type CreatedCampaign = z.infer<typeof createdCampaignSchema>;

export const participantStatusSchema = z.enum(['due', 'in_progress', 'done', 'declined', 'absent']);

const statusCounts = z.object({
  total: z.number().int(),
  due: z.number().int(),
  in_progress: z.number().int(),
  done: z.number().int(),
  declined: z.number().int(),
  absent: z.number().int(),
});

export const campaignProgressSchema = z.object({
  campaign: campaignSchema,
  overall: statusCounts,
  groups: z.array(statusCounts.extend({ group: z.string() })),
  people: z.array(
    z.object({
      personId: z.number().int(),
      name: z.string(),
      number: z.string().nullable(),
      group: z.string(),
      status: participantStatusSchema,
      level: z.string().nullable(),
      seat: z.string().nullable(),
      /** Not submitted, holding a critical answer (未完成（含关键条目阳性）): not done, and urgent. */
      criticalUnsubmitted: z.boolean(),
    }),
  ),
  /** How many participants are criticalUnsubmitted (they count under in_progress, never done). */
  criticalUnsubmitted: z.number().int(),
});
export type CampaignProgress = z.infer<typeof campaignProgressSchema>;

export const startScreeningSchema = z.object({
  campaignId: z.number().int().optional(),
  personId: z.number().int(),
  mode: screeningModeSchema,
  seat: z.string().trim().max(32).optional(),
  /** Only for a screening outside a campaign. */
  battery: z.array(identifierSchema).min(1).max(10).optional(),
});

export const screeningSessionSchema = z.object({
  screeningId: z.number().int(),
  personId: z.number().int(),
  name: z.string(),
  programme: programmeSchema,
  battery: z.array(identifierSchema),
  answers: z.record(z.string(), z.record(z.string(), z.number())),
  status: z.enum(['in_progress', 'submitted', 'declined']),
  consented: z.boolean(),
  consentText: z.string(),
  showResult: z.boolean(),
});
export type ScreeningSession = z.infer<typeof screeningSessionSchema>;

export const saveAnswerSchema = z.object({
  screeningId: z.number().int(),
  instrumentId: identifierSchema,
  itemId: identifierSchema,
  value: z.number().finite(),
});

export const screeningOutcomeSchema = z.object({
  screeningId: z.number().int(),
  level: z.string(),
  reasons: z.array(tierReasonSchema),
  results: z.array(
    z.object({
      instrumentId: z.string(),
      total: z.number().nullable(),
      band: z.string().nullable(),
      critical: z.boolean(),
      complete: z.boolean(),
      /** How many scored items were left blank (paper and imported sheets may have gaps). */
      missing: z.number().int(),
      /** Numbers of critical items left blank (PHQ-9 9): the file says 第9题未作答 and asks in person. */
      criticalUnanswered: z.array(z.number().int()),
    }),
  ),
  /** A more urgent level the blanks could still reach: the level shown is then only a floor. */
  possibleHigher: z.string().nullable(),
  ruleSet: z.string(),
});
export type ScreeningOutcome = z.infer<typeof screeningOutcomeSchema>;

/**
 * An open critical answer: a person who needs an adult now. `critical` (which item, which value) is
 * clinical detail and is null for roles that may not see answers (the screener learns only that a
 * teacher is needed, and where). `live` is true when the respondent answered on a screen in the
 * room (station, kiosk) — go to them now; paper and imported sheets were answered earlier.
 * An alert stays open until the person's safety check is recorded; "我已到场" records who went.
 */
export const alertSchema = z.object({
  id: z.number().int(),
  screeningId: z.number().int(),
  campaignId: z.number().int().nullable(),
  campaignName: z.string().nullable(),
  personId: z.number().int(),
  caseId: z.number().int().nullable(),
  name: z.string(),
  group: z.string(),
  seat: z.string().nullable(),
  source: screeningModeSchema,
  live: z.boolean(),
  submitted: z.boolean(),
  critical: z
    .object({ instrumentId: z.string(), itemNumber: z.number().int(), value: z.number() })
    .nullable(),
  raisedAt: z.string(),
  arrivedAt: z.string().nullable(),
  arrivedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
/** Who runs or answers for a screening day and so must hear of an open alert (the header bell). */
export const ALERT_ROLES = ['admin', 'psychologist', 'screener'] as const;
export const alertListInputSchema = z.object({
  openOnly: z.boolean().default(true),
  campaignId: z.number().int().optional(),
});
export type Alert = z.infer<typeof alertSchema>;

export const personScreeningSchema = screeningOutcomeSchema.extend({
  campaignName: z.string().nullable(),
  mode: screeningModeSchema,
  submittedAt: z.string(),
  screener: z.string().nullable(),
});
export type PersonScreening = z.infer<typeof personScreeningSchema>;

/**
 * A sheet never submitted (still open, or declined) that holds a critical answer:
 * 未完成（含关键条目阳性）. It has no score; its level and reasons are those the critical
 * answers earned when given. `reasons` and `critical` are empty for roles that may not see answers.
 */
export const unsubmittedSheetSchema = z.object({
  screeningId: z.number().int(),
  campaignName: z.string().nullable(),
  mode: screeningModeSchema,
  status: z.enum(['in_progress', 'declined']),
  /** When the first critical answer was given. */
  answeredAt: z.string(),
  screener: z.string().nullable(),
  level: z.string(),
  reasons: z.array(tierReasonSchema),
  critical: z.array(z.object({ instrumentId: z.string(), itemNumber: z.number().int() })),
});
export type UnsubmittedSheet = z.infer<typeof unsubmittedSheetSchema>;
