import { z } from 'zod';
import { identifierSchema, instrumentDefinitionSchema, programmeSchema } from '../instruments';
import { isoDate } from './people';
import { signInModeSchema } from './screening';

export { STATION_API, STATION_PATH } from '../station/paths';
/**
 * The version of the respondent API documented in docs/station-api.md. Lab PCs may run a page
 * cached from an older build: changes keep every documented shape of this version working
 * (fields are only added), and anything incompatible raises this number.
 */
export const STATION_API_VERSION = 2;
export const STATION_API_VERSION_HEADER = 'X-Anxin-Station-Api';

/** The lesson's station code shown on the teacher's screen proves the respondent is in the room. */
const stationCode = z.string().trim().min(4).max(12);
const seat = z.string().trim().max(32).optional();
/**
 * A random id the station page keeps in this browser (not personal): with the client's address it
 * tells one lab PC or phone from another, so the same device resuming is not a takeover.
 */
const deviceId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{16,64}$/)
  .optional();
const common = { stationCode, seat, deviceId };
export const stationIdentifySchema = z.union([
  // 测评码 slip (school default), or a one-time check-in code staff issued for one person.
  z.object({ ...common, slipCode: z.string().trim().min(4).max(16) }),
  z.object({ ...common, checkinCode: z.string().trim().min(4).max(16) }),
  // 学籍号 + birth date (with the lesson's station code above).
  z.object({ ...common, studentNo: z.string().trim().min(1).max(32), birthDate: isoDate }),
  // A woman: her 保健手册编号 or ID number, and her birth date or her phone's last four digits.
  z
    .object({
      ...common,
      recordNo: z.string().trim().min(4).max(32),
      birthDate: isoDate.optional(),
      phoneLast4: z
        .string()
        .trim()
        .regex(/^\d{4}$/)
        .optional(),
    })
    .refine((v) => v.birthDate !== undefined || v.phoneLast4 !== undefined, {
      message: 'birthDate or phoneLast4 is required with recordNo',
      path: ['birthDate'],
    }),
]);
export type StationIdentifyInput = z.infer<typeof stationIdentifySchema>;

/**
 * What the sign-in page shows before anyone identifies: whose screening this is and which
 * numbers to ask for. Nothing about any respondent.
 */
export const stationInfoSchema = z.object({
  apiVersion: z.number().int(),
  programme: programmeSchema,
  orgName: z.string(),
  campaignName: z.string(),
  /** Which sign-in form to show (v2). */
  signIn: signInModeSchema,
  /** The page clears itself after this long without input (v2). */
  idleSeconds: z.number().int(),
});
export type StationInfo = z.infer<typeof stationInfoSchema>;

export const stationTokenSchema = z.object({ token: z.string().min(16).max(128) });

export const stationAnswerSchema = stationTokenSchema.extend({
  instrumentId: identifierSchema,
  itemId: identifierSchema,
  value: z.number().finite(),
});

export const stationConsentSchema = stationTokenSchema.extend({ accept: z.boolean() });

/** What a device waiting for the teacher's approval holds: an opaque ticket, nothing about anyone. */
export const stationTicketSchema = z.object({ ticket: z.string().min(16).max(128) });

/**
 * Why a sign-in waits for staff: the person is signed in on another device; this device (or
 * address) has signed in several different people; or this person's numbers were tried wrongly
 * several times.
 */
export const approvalReasonSchema = z.enum(['other_device', 'many_people', 'failed_attempts']);
export type ApprovalReason = z.infer<typeof approvalReasonSchema>;

/** identify's answer when the sign-in must wait: no name, no answers, only a ticket to ask again. */
export const stationPendingSchema = z.object({
  status: z.literal('pending_approval'),
  ticket: z.string(),
  message: z.string(),
});
export type StationPending = z.infer<typeof stationPendingSchema>;

/**
 * Station error codes beyond the generic ones (v2), so a page can tell them apart without
 * reading the sentence: each with its HTTP status.
 */
export const STATION_ERROR_STATUS = {
  already_submitted: 409,
  already_declined: 409,
  consent_first: 409,
  approval_refused: 403,
  approval_expired: 401,
} as const;
export type StationErrorCode = keyof typeof STATION_ERROR_STATUS;

/**
 * Why a respondent is refused where the generic code says too little, in `detail.reason` (with
 * the sign-in mode for a mismatch): the page words it in the respondent's language. The message
 * beside it stays the Chinese sentence older pages showed.
 */
export const RESPONDENT_REASONS = [
  'respondent.no_match',
  'respondent.too_many_attempts',
  'respondent.session_expired',
  'respondent.taken_over',
  'respondent.closed',
] as const;
export type RespondentReason = (typeof RESPONDENT_REASONS)[number];
export const respondentDetail = (reason: RespondentReason, params?: Record<string, string>) => ({
  detail: { reason, ...(params ? { params } : {}) },
});

/**
 * The end of a sheet: a neutral thank-you with where to get help; a score and level only
 * when the campaign lets respondents see their own result (default: never).
 */
export const stationDoneSchema = z.object({
  status: z.enum(['submitted', 'declined']),
  message: z.string(),
  result: z
    .object({
      level: z.string(),
      instruments: z.array(
        z.object({ instrumentId: z.string(), total: z.number().nullable(), band: z.string().nullable() }),
      ),
    })
    .nullable(),
});
export type StationDone = z.infer<typeof stationDoneSchema>;

/** What a respondent's page needs: no score, no level, nothing about anyone else. */
export const stationSessionSchema = z.object({
  token: z.string(),
  programme: programmeSchema,
  displayName: z.string(),
  consentText: z.string(),
  consented: z.boolean(),
  instruments: z.array(instrumentDefinitionSchema),
  answers: z.record(z.string(), z.record(z.string(), z.number())),
  status: z.enum(['in_progress', 'submitted', 'declined']),
  /** The closing screen once the sheet is submitted or declined (also after a reload). */
  done: stationDoneSchema.nullable(),
});
export type StationSession = z.infer<typeof stationSessionSchema>;

export const stationStartSchema = z.object({
  campaignId: z.number().int(),
  /** An address of this computer on the school LAN (from station.interfaces), or 127.0.0.1. */
  host: z.string().trim().min(1).max(64),
  port: z.number().int().min(0).max(65535).default(0),
});

export const stationStatusSchema = z.object({
  running: z.boolean(),
  campaignId: z.number().int().nullable(),
  url: z.string().nullable(),
  stationCode: z.string().nullable(),
  /** An SVG of the address as a QR code, for phones and tablets. */
  qrSvg: z.string().nullable(),
  activeRespondents: z.number().int(),
  /** How this campaign's respondents sign in; null when no station runs. */
  signIn: signInModeSchema.nullable(),
  /** Sign-ins waiting for staff on the board, oldest first. */
  approvals: z.array(
    z.object({
      id: z.string(),
      personId: z.number().int(),
      name: z.string(),
      group: z.string(),
      seat: z.string().nullable(),
      reasons: z.array(approvalReasonSchema),
      requestedAt: z.string(),
    }),
  ),
});
export type StationStatus = z.infer<typeof stationStatusSchema>;

export const stationDecideSchema = z.object({ requestId: z.string().min(1).max(64), approve: z.boolean() });

/** A one-time code staff issue on the board for one person (a woman at the desk, a lost slip). */
export const checkinIssueSchema = z.object({ personId: z.number().int() });
export const checkinCodeSchema = z.object({
  personId: z.number().int(),
  name: z.string(),
  code: z.string(),
  expiresAt: z.string(),
});
export type CheckinCode = z.infer<typeof checkinCodeSchema>;

export const networkInterfaceSchema = z.object({
  name: z.string(),
  address: z.string(),
  internal: z.boolean(),
});
export type NetworkInterface = z.infer<typeof networkInterfaceSchema>;

/** One printed slip: the code lets a respondent sign in without 学籍号 and birth date. */
export const slipSchema = z.object({
  personId: z.number().int(),
  name: z.string(),
  group: z.string(),
  slipCode: z.string(),
});
export type Slip = z.infer<typeof slipSchema>;
