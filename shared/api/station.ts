import { z } from 'zod';
import { identifierSchema, instrumentDefinitionSchema, programmeSchema } from '../instruments';
import { isoDate } from './people';

/**
 * The LAN screening station (机房施测): respondents' browsers talk to these endpoints only,
 * on the listener the teacher starts. The staff API never appears there.
 */
export const STATION_PATH = '/station';
export const STATION_API = `${STATION_PATH}/api`;
/**
 * The version of the respondent API documented in docs/station-api.md. Lab PCs may run a page
 * cached from an older build: changes keep every documented shape of this version working
 * (fields are only added), and anything incompatible raises this number.
 */
export const STATION_API_VERSION = 1;
export const STATION_API_VERSION_HEADER = 'X-Anxin-Station-Api';

/** The station code shown on the teacher's screen proves the respondent is in the room. */
const stationCode = z.string().trim().min(4).max(12);
const seat = z.string().trim().max(32).optional();
export const stationIdentifySchema = z.union([
  z.object({ stationCode, studentNo: z.string().trim().min(1).max(32), birthDate: isoDate, seat }),
  z.object({ stationCode, slipCode: z.string().trim().min(4).max(16), seat }),
  // A woman at a clinic's station: her 保健手册编号 or her ID number.
  z.object({ stationCode, recordNo: z.string().trim().min(4).max(32), seat }),
]);

/**
 * What the sign-in page shows before anyone identifies: whose screening this is and which
 * numbers to ask for. Nothing about any respondent.
 */
export const stationInfoSchema = z.object({
  apiVersion: z.number().int(),
  programme: programmeSchema,
  orgName: z.string(),
  campaignName: z.string(),
});
export type StationInfo = z.infer<typeof stationInfoSchema>;

export const stationTokenSchema = z.object({ token: z.string().min(16).max(128) });

export const stationAnswerSchema = stationTokenSchema.extend({
  instrumentId: identifierSchema,
  itemId: identifierSchema,
  value: z.number().finite(),
});

export const stationConsentSchema = stationTokenSchema.extend({ accept: z.boolean() });

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
});
export type StationStatus = z.infer<typeof stationStatusSchema>;

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
