import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import type { ScreeningSession } from '../../../shared/api/screening';
import {
  STATION_API_VERSION,
  type StationDone,
  type StationInfo,
  type StationSession,
} from '../../../shared/api/station';
import type { InstrumentDefinition } from '../../../shared/instruments';
import type { Db } from '../../db/database';
import { statement } from '../../db/statements';
import { findDefinition } from '../instruments';
import { getCampaign, identifyParticipant } from '../screening/campaigns';
import {
  consentScreening,
  declineScreening,
  saveAnswer,
  screeningSession,
  startScreening,
  storedOutcome,
  submitScreening,
} from '../screening/sessions';
import { normaliseCode } from './codes';
import { maskName } from './mask';
import {
  ALREADY_DECLINED_MESSAGE,
  ALREADY_DONE_MESSAGE,
  CONSENT_FIRST_MESSAGE,
  DECLINED_MESSAGE,
  noMatchMessage,
  SESSION_EXPIRED_MESSAGE,
  THANK_YOU_MESSAGE,
  TOO_MANY_ATTEMPTS_MESSAGE,
} from './messages';
import { IdentifyLimiter, type LimiterOptions } from './rate-limit';
import { participantBySlip } from './slips';
import { TokenStore, type RespondentSession } from './tokens';

export type IdentifyInput =
  | { stationCode: string; studentNo: string; birthDate: string; seat?: string }
  | { stationCode: string; slipCode: string; seat?: string }
  | { stationCode: string; recordNo: string; seat?: string };

export interface RespondentServiceOptions {
  db: Db;
  campaignId: number;
  stationCode: string;
  orgName: string;
  /** The staff member who started the station, recorded as the sheets' screener. */
  screenerId: number | null;
  limits?: Omit<LimiterOptions, 'now'>;
  /** A respondent idle this long must identify again (the sheet itself is kept). */
  idleMs?: number;
  now?: () => number;
}

const sameCode = (typed: string, code: string) => {
  const a = Buffer.from(normaliseCode(typed));
  const b = Buffer.from(code);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * What a respondent can do at the station, as a thin layer over the screening services:
 * every sheet is opened, answered, submitted or declined by the same functions the staff
 * kiosk uses, so scoring, levels and critical-item alerts behave the same everywhere.
 */
export class RespondentService {
  readonly tokens: TokenStore;
  private readonly limiter: IdentifyLimiter;
  private readonly db: Db;
  // A battery's definitions are fixed for the life of a sheet; looked up once per station.
  private readonly definitions = new Map<string, InstrumentDefinition>();

  constructor(private readonly options: RespondentServiceOptions) {
    const now = options.now ?? Date.now;
    this.db = options.db;
    this.limiter = new IdentifyLimiter({ ...options.limits, now });
    this.tokens = new TokenStore(options.idleMs ?? 4 * 60 * 60_000, now);
  }

  private matchPerson(input: IdentifyInput): number | null {
    if (!sameCode(input.stationCode, this.options.stationCode)) return null;
    if ('slipCode' in input) return participantBySlip(this.db, this.options.campaignId, input.slipCode);
    try {
      // Without a birth date only a woman's handbook or ID number can match, never a student.
      return 'recordNo' in input
        ? identifyParticipant(this.db, this.options.campaignId, input.recordNo)
        : identifyParticipant(this.db, this.options.campaignId, input.studentNo, input.birthDate);
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') return null;
      throw error;
    }
  }

  /** Signs a respondent in; every kind of mismatch gets the same words, whoever exists. */
  identify(input: IdentifyInput, client: string): StationSession {
    const allowed = this.limiter.check(client);
    if (!allowed.allowed)
      throw new AppError('too_many_attempts', TOO_MANY_ATTEMPTS_MESSAGE, {
        retryAfterMs: allowed.retryAfterMs,
      });
    const personId = this.matchPerson(input);
    if (personId === null) {
      this.limiter.fail(client);
      throw new AppError('not_found', noMatchMessage(this.info().programme));
    }
    this.limiter.succeed(client);
    const participant = statement<[number, number], { status: string }>(
      this.db,
      'SELECT status FROM campaign_participants WHERE campaign_id = ? AND person_id = ?',
    ).get(this.options.campaignId, personId);
    if (participant?.status === 'done') throw new AppError('conflict', ALREADY_DONE_MESSAGE);
    if (participant?.status === 'declined') throw new AppError('conflict', ALREADY_DECLINED_MESSAGE);
    // Resumes the sheet already in progress for this person, if any.
    const sheet = startScreening(this.db, this.options.screenerId, {
      campaignId: this.options.campaignId,
      personId,
      mode: 'station',
      seat: input.seat || `IP ${client}`,
    });
    const consented = this.hasConsented(sheet.screeningId);
    const token = this.tokens.issue({
      screeningId: sheet.screeningId,
      personId,
      consented,
      status: sheet.status,
    });
    return this.view(sheet, token, consented);
  }

  info(): StationInfo {
    const campaign = getCampaign(this.db, this.options.campaignId);
    return {
      apiVersion: STATION_API_VERSION,
      programme: campaign.programme,
      orgName: this.options.orgName,
      campaignName: campaign.name,
    };
  }

  session(token: string): StationSession {
    const s = this.require(token);
    const sheet = screeningSession(this.db, s.screeningId);
    s.status = sheet.status;
    return this.view(sheet, token, s.consented);
  }

  consent(token: string, accept: boolean): StationSession {
    const s = this.require(token);
    if (accept) {
      consentScreening(this.db, s.screeningId);
      s.consented = true;
    } else {
      declineScreening(this.db, s.screeningId);
      s.status = 'declined';
    }
    return this.session(token);
  }

  answer(token: string, instrumentId: string, itemId: string, value: number): Record<string, never> {
    const s = this.requireConsented(token);
    saveAnswer(this.db, s.screeningId, instrumentId, itemId, value);
    return {};
  }

  submit(token: string): StationDone {
    const s = this.requireConsented(token);
    submitScreening(this.db, s.screeningId);
    s.status = 'submitted';
    return this.done(s.screeningId, 'submitted');
  }

  private hasConsented(screeningId: number): boolean {
    return (
      statement<[number], { consented_at: string | null }>(
        this.db,
        'SELECT consented_at FROM screenings WHERE id = ?',
      ).get(screeningId)?.consented_at != null
    );
  }

  private require(token: string): RespondentSession {
    const s = this.tokens.find(token);
    if (!s) throw new AppError('unauthenticated', SESSION_EXPIRED_MESSAGE);
    return s;
  }

  private requireConsented(token: string): RespondentSession {
    const s = this.require(token);
    if (!s.consented) throw new AppError('conflict', CONSENT_FIRST_MESSAGE);
    return s;
  }

  private done(screeningId: number, status: 'submitted' | 'declined'): StationDone {
    if (status === 'declined') return { status, message: DECLINED_MESSAGE, result: null };
    const showResult = statement<[number], { show_result: number }>(
      this.db,
      'SELECT show_result FROM campaigns WHERE id = ?',
    ).get(this.options.campaignId)?.show_result;
    // The respondent sees a score only where the campaign explicitly allows it.
    if (showResult !== 1) return { status, message: THANK_YOU_MESSAGE, result: null };
    const outcome = storedOutcome(this.db, screeningId);
    return {
      status,
      message: THANK_YOU_MESSAGE,
      result: {
        level: outcome.level,
        instruments: outcome.results.map((r) => ({
          instrumentId: r.instrumentId,
          total: r.total,
          band: r.band,
        })),
      },
    };
  }

  private definition(id: string): InstrumentDefinition {
    let def = this.definitions.get(id);
    if (!def) this.definitions.set(id, (def = findDefinition(this.db, id)));
    return def;
  }

  private view(sheet: ScreeningSession, token: string, consented: boolean): StationSession {
    return {
      token,
      programme: sheet.programme,
      displayName: maskName(sheet.name),
      consentText: sheet.consentText,
      consented,
      instruments: sheet.battery.map((id) => this.definition(id)),
      answers: sheet.answers,
      status: sheet.status,
      done: sheet.status === 'in_progress' ? null : this.done(sheet.screeningId, sheet.status),
    };
  }
}
