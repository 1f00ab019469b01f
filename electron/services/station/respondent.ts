import { timingSafeEqual } from 'node:crypto';
import { AppError, refusal } from '../../../shared/api/errors';
import type { ScreeningSession } from '../../../shared/api/screening';
import {
  STATION_API_VERSION,
  type ApprovalReason,
  type CheckinCode,
  type StationDone,
  type StationIdentifyInput,
  type StationInfo,
  type StationPending,
  type StationSession,
  type StationStatus,
  respondentDetail,
} from '../../../shared/api/station';
import { addressedTo, type InstrumentDefinition } from '../../../shared/instruments';
import { parseIdNumber } from '../../../shared/people/id-number';
import { maskName } from '../../../shared/people/mask';
import { normaliseCode } from '../../../shared/station/codes';
import type { Db } from '../../db/database';
import { statement } from '../../db/statements';
import { publishAfterCommit } from '../events';
import { findDefinition } from '../instruments';
import { handbookShared } from '../people/person-numbers';
import { campaignTerms, getCampaign, identifyParticipant } from '../screening/campaigns';
import { GROUP_SQL } from '../screening/groups';
import {
  consentScreening,
  declineScreening,
  saveAnswer,
  screeningSession,
  startScreening,
  storedOutcome,
  submitScreening,
} from '../screening/sessions';
import { ApprovalBook, CheckinBook, type Client } from './approvals';
import { randomCode } from './codes';
import { StationRefusal } from './errors';
import {
  ALREADY_DECLINED_MESSAGE,
  ALREADY_DONE_MESSAGE,
  APPROVAL_EXPIRED_MESSAGE,
  APPROVAL_REFUSED_MESSAGE,
  CONSENT_FIRST_MESSAGE,
  declinedMessage,
  PENDING_APPROVAL_MESSAGE,
  SESSION_EXPIRED_MESSAGE,
  stationNoMatchMessage,
  TAKEN_OVER_MESSAGE,
  thankYouMessage,
  TOO_MANY_ATTEMPTS_MESSAGE,
} from './messages';
import {
  DEFAULT_STATION_LIMITS,
  FailuresWithin,
  IdentifyLimiter,
  SeenWithin,
  type StationLimits,
} from './rate-limit';
import { participantBySlip } from './slips';
import { TokenStore, type RespondentSession } from './tokens';
import { notParticipant } from '../screening/refusals';
import { admitParticipant } from '../screening/participants';

export type IdentifyInput = StationIdentifyInput;
export type { Client } from './approvals';

export interface RespondentServiceOptions {
  db: Db;
  campaignId: number;
  stationCode: string;
  orgName: string;
  /** The staff member who started the station, recorded as the sheets' screener. */
  screenerId: number | null;
  limits?: StationLimits;
  /** A respondent idle this long is no longer live on the server (the sheet itself is kept). */
  idleMs?: number;
  /** The page clears itself after this long without input (a lab PC left behind). */
  pageIdleSeconds?: number;
  now?: () => number;
}

/** The server forgets a silent page after this; the page clears itself sooner (PAGE_IDLE_SECONDS). */
const SERVER_IDLE_MS = 20 * 60_000;
const PAGE_IDLE_SECONDS = 10 * 60;

const sameCode = (typed: string, code: string) => {
  const a = Buffer.from(normaliseCode(typed));
  const b = Buffer.from(code);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** A woman's birth date: as registered, or as her ID number encodes it (the register keeps no other). */
function birthOf(p: { birth_date: string | null; id_number: string | null }): string | null {
  if (p.birth_date) return p.birth_date;
  const id = p.id_number ? parseIdNumber(p.id_number) : null;
  return id?.ok ? id.value.birthDate : null;
}

const digits = (text: string | null) => (text ?? '').replace(/\D/g, '');

/** Who the credentials named, and under which typed identities failures against them count. */
interface Match {
  personId: number;
  identities: string[];
  /** A code staff issued for this very person: already checked by a human, never held. */
  staffIssued: boolean;
}

/** The identity a failed attempt was aimed at, whoever it belongs to (or nobody). */
function typedIdentity(input: IdentifyInput): string | null {
  if ('studentNo' in input) return `S:${input.studentNo.trim().toUpperCase()}`;
  if ('recordNo' in input) return `R:${input.recordNo.trim().toUpperCase()}`;
  return null;
}

/**
 * What a respondent can do at the station, as a thin layer over the screening services:
 * every sheet is opened, answered, submitted or declined by the same functions the staff
 * kiosk uses, so scoring, levels and critical-item alerts behave the same everywhere.
 */
export class RespondentService {
  readonly tokens: TokenStore;
  readonly approvals: ApprovalBook;
  private readonly checkins: CheckinBook;
  private readonly limiter: IdentifyLimiter;
  private readonly limits: Required<Omit<StationLimits, 'perClient' | 'maxLockoutMs'>>;
  private readonly peopleOfDevice: SeenWithin;
  private readonly peopleOfAddress: SeenWithin;
  private readonly devicesOfPerson: SeenWithin;
  private readonly failures: FailuresWithin;
  private readonly db: Db;
  private stationCode: string;
  // A battery's definitions are fixed for the life of a sheet; looked up once per station.
  private readonly definitions = new Map<string, InstrumentDefinition>();
  readonly signIn: StationInfo['signIn'];
  readonly programme: StationInfo['programme'];

  constructor(private readonly options: RespondentServiceOptions) {
    const now = options.now ?? Date.now;
    this.db = options.db;
    this.stationCode = options.stationCode;
    this.limits = { ...DEFAULT_STATION_LIMITS, ...stripUndefined(options.limits ?? {}) };
    this.limiter = new IdentifyLimiter({ ...options.limits, now });
    this.tokens = new TokenStore(options.idleMs ?? SERVER_IDLE_MS, now);
    this.approvals = new ApprovalBook(now);
    this.checkins = new CheckinBook(now);
    this.peopleOfDevice = new SeenWithin(this.limits.windowMs, now);
    this.peopleOfAddress = new SeenWithin(this.limits.windowMs, now);
    this.devicesOfPerson = new SeenWithin(this.limits.windowMs, now);
    this.failures = new FailuresWithin(this.limits.windowMs, now);
    // Fixed for the life of the station: the page was told which form to show.
    const terms = campaignTerms(this.db, options.campaignId);
    this.signIn = terms.signIn;
    this.programme = terms.programme;
  }

  get code(): string {
    return this.stationCode;
  }

  /** A new lesson, a new code: sign-ins with the old one fail like any other mismatch. */
  rotateCode(): string {
    this.stationCode = randomCode(this.stationCode.length);
    return this.stationCode;
  }

  private matchPerson(input: IdentifyInput): Match | null {
    if (!sameCode(input.stationCode, this.stationCode)) return null;
    const { db } = this;
    const { campaignId } = this.options;
    if ('checkinCode' in input) {
      const personId = this.checkins.take(input.checkinCode);
      return personId === null ? null : { personId, identities: [], staffIssued: true };
    }
    // Only the campaign's own way in: a 学籍号 opens nothing where slips are used.
    if ('slipCode' in input) {
      if (this.signIn !== 'slip') return null;
      const personId = participantBySlip(db, campaignId, input.slipCode);
      // A slip printed for someone who has since left the criteria (moved class) opens nothing.
      if (personId === null || admitParticipant(db, campaignId, personId) === null) return null;
      return { personId, identities: [], staffIssued: false };
    }
    if ('studentNo' in input) {
      if (this.signIn !== 'student_no_birth_code') return null;
      try {
        const personId = identifyParticipant(db, campaignId, input.studentNo, input.birthDate);
        return { personId, identities: this.identitiesOf(personId), staffIssued: false };
      } catch (error) {
        if (error instanceof AppError && error.code === 'not_found') return null;
        throw error;
      }
    }
    if (this.signIn !== 'handbook_plus') return null;
    return this.matchWoman(input.recordNo, input.birthDate, input.phoneLast4);
  }

  /**
   * A woman by her handbook or ID number and one more fact: her birth date (with the handbook
   * number only: an 18-digit ID number contains the birth date) or her phone's last four digits.
   */
  private matchWoman(recordNo: string, birthDate?: string, phoneLast4?: string): Match | null {
    const key = recordNo.trim().toUpperCase();
    const rows = statement<
      [string, string],
      {
        id: number;
        handbook_no: string | null;
        id_number: string | null;
        birth_date: string | null;
        phone: string | null;
      }
    >(
      this.db,
      `SELECT p.id, p.handbook_no, p.id_number, p.birth_date, p.phone FROM people p
       WHERE p.kind = 'woman' AND (upper(p.handbook_no) = ? OR upper(p.id_number) = ?) ORDER BY p.id`,
    ).all(key, key);
    // The credentials first, then the campaign's criteria for whoever they name (she may have been
    // registered after the campaign began).
    // A handbook number two women share (older data) opens neither: the same mismatch as any other.
    const shared = handbookShared(this.db, key);
    const found = rows.find((p) => {
      const byHandbook = (p.handbook_no ?? '').toUpperCase() === key;
      if (shared && byHandbook && (p.id_number ?? '').toUpperCase() !== key) return false;
      const phone = digits(p.phone);
      const proven =
        (birthDate !== undefined && byHandbook && birthOf(p) === birthDate) ||
        (phoneLast4 !== undefined && phone.length >= 4 && phone.slice(-4) === phoneLast4);
      return proven && admitParticipant(this.db, this.options.campaignId, p.id) !== null;
    });
    return found ? { personId: found.id, identities: this.identitiesOf(found.id), staffIssued: false } : null;
  }

  /** Every number someone could have typed for this person (failures count against each). */
  private identitiesOf(personId: number): string[] {
    const row = statement<
      [number],
      { student_no: string | null; handbook_no: string | null; id_number: string | null }
    >(this.db, 'SELECT student_no, handbook_no, id_number FROM people WHERE id = ?').get(personId);
    if (!row) return [];
    return [
      row.student_no && `S:${row.student_no.toUpperCase()}`,
      row.handbook_no && `R:${row.handbook_no.toUpperCase()}`,
      row.id_number && `R:${row.id_number.toUpperCase()}`,
    ].filter((k): k is string => Boolean(k));
  }

  /**
   * Signs a respondent in; every kind of mismatch gets the same words, whoever exists. The right
   * credentials open the sheet at once unless something calls for staff (see holdReasons): then
   * the device gets a ticket to wait with, and no name or answer.
   */
  identify(input: IdentifyInput, client: Client): StationSession | StationPending {
    const allowed = this.limiter.check(client.address);
    if (!allowed.allowed)
      throw new AppError('too_many_attempts', TOO_MANY_ATTEMPTS_MESSAGE, {
        retryAfterMs: allowed.retryAfterMs,
        ...respondentDetail('respondent.too_many_attempts'),
      });
    const match = this.matchPerson(input);
    if (match === null) {
      this.limiter.fail(client.address);
      const identity = typedIdentity(input);
      if (identity) this.failures.add(identity);
      throw new AppError(
        'not_found',
        stationNoMatchMessage(this.signIn),
        respondentDetail('respondent.no_match', { mode: this.signIn }),
      );
    }
    this.limiter.succeed(client.address);
    this.requireOpen(match.personId);
    const reasons = match.staffIssued ? [] : this.holdReasons(match, client);
    if (reasons.length) {
      const { ticket } = this.approvals.open(match.personId, client, input.seat, reasons);
      publishAfterCommit(this.db, { type: 'board.changed', campaignId: this.options.campaignId });
      return { status: 'pending_approval', ticket, message: PENDING_APPROVAL_MESSAGE };
    }
    return this.open(match.personId, client, input.seat);
  }

  /** Why this sign-in must wait for staff, if it must. */
  private holdReasons(match: Match, client: Client): ApprovalReason[] {
    const reasons = new Set<ApprovalReason>();
    const { personId } = match;
    const live = this.tokens.liveDevice(personId);
    if (live !== null && live !== client.device) reasons.add('other_device');
    if (this.devicesOfPerson.countWith(String(personId), client.device) > this.limits.devicesPerPerson)
      reasons.add('other_device');
    if (
      this.peopleOfDevice.countWith(client.device, String(personId)) > this.limits.peoplePerDevice ||
      this.peopleOfAddress.countWith(client.address, String(personId)) > this.limits.peoplePerAddress
    )
      reasons.add('many_people');
    if (match.identities.some((k) => this.failures.count(k) >= this.limits.failuresPerIdentity))
      reasons.add('failed_attempts');
    return [...reasons];
  }

  /** A person who has finished (or declined) is not let back in from the station. */
  private requireOpen(personId: number): void {
    const participant = statement<[number, number], { status: string }>(
      this.db,
      'SELECT status FROM campaign_participants WHERE campaign_id = ? AND person_id = ?',
    ).get(this.options.campaignId, personId);
    if (participant?.status === 'done') throw new StationRefusal('already_submitted', ALREADY_DONE_MESSAGE);
    if (participant?.status === 'declined')
      throw new StationRefusal('already_declined', ALREADY_DECLINED_MESSAGE);
  }

  /** Opens (or resumes) the person's sheet on this device; any other device's token ends. */
  private open(personId: number, client: Client, seat: string | undefined): StationSession {
    const sheet = startScreening(this.db, this.options.screenerId, {
      campaignId: this.options.campaignId,
      personId,
      mode: 'station',
      seat: seat || `IP ${client.address}`,
    });
    this.peopleOfDevice.add(client.device, String(personId));
    this.peopleOfAddress.add(client.address, String(personId));
    this.devicesOfPerson.add(String(personId), client.device);
    const consented = this.hasConsented(sheet.screeningId);
    const token = this.tokens.issue({
      screeningId: sheet.screeningId,
      personId,
      device: client.device,
      consented,
      status: sheet.status,
    });
    return this.view(sheet, token, consented);
  }

  /**
   * A waiting device asks again with its ticket: still waiting, refused, or — once staff approved —
   * the sheet, with the person's session on any other device ended.
   */
  approval(ticket: string, client: Client): StationSession | StationPending {
    const request = this.approvals.byTicket(ticket);
    // A ticket is only good from the device that asked (it travels in clear on the LAN).
    if (!request || request.client.device !== client.device)
      throw new StationRefusal('approval_expired', APPROVAL_EXPIRED_MESSAGE);
    if (request.state === 'pending')
      return { status: 'pending_approval', ticket, message: PENDING_APPROVAL_MESSAGE };
    this.approvals.remove(request.id);
    if (request.state === 'refused') throw new StationRefusal('approval_refused', APPROVAL_REFUSED_MESSAGE);
    this.requireOpen(request.personId);
    return this.open(request.personId, request.client, request.seat);
  }

  /** Staff let a waiting sign-in in or refuse it; the person's id, for the audit log. */
  decide(requestId: string, approve: boolean): number {
    const request = this.approvals.decide(requestId, approve);
    if (!request)
      throw refusal('not_found', 'station.request_gone', 'The sign-in request was handled or expired.');
    publishAfterCommit(this.db, { type: 'board.changed', campaignId: this.options.campaignId });
    return request.personId;
  }

  /** A one-time code for one participant of this campaign, issued on the staff screen. */
  issueCheckin(personId: number): CheckinCode {
    const row = statement<[number], { name: string }>(this.db, 'SELECT name FROM people WHERE id = ?').get(
      personId,
    );
    if (!row || admitParticipant(this.db, this.options.campaignId, personId) === null) throw notParticipant();
    this.requireOpen(personId);
    const { code, expiresAt } = this.checkins.issue(personId);
    return { personId, name: row.name, code, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** What the board lists: who waits, from which seat, and why. */
  pendingApprovals(): StationStatus['approvals'] {
    const person = statement<[number], { name: string; grp: string }>(
      this.db,
      `SELECT p.name, ${GROUP_SQL} AS grp FROM people p WHERE p.id = ?`,
    );
    return this.approvals.pending().map((r) => {
      const p = person.get(r.personId);
      return {
        id: r.id,
        personId: r.personId,
        name: p?.name ?? '',
        group: p?.grp ?? '',
        seat: r.seat || `IP ${r.client.address}`,
        reasons: r.reasons,
        requestedAt: new Date(r.requestedAt).toISOString(),
      };
    });
  }

  /** The page signed out (submitted, idle, closed): nothing stays live for this device. */
  signout(token: string): Record<string, never> {
    this.tokens.revoke(token);
    return {};
  }

  /** A waiting page gave up (“cancel”): its request leaves the board. */
  withdraw(ticket: string, client: Client): Record<string, never> {
    const request = this.approvals.byTicket(ticket);
    if (request && request.client.device === client.device && request.state === 'pending') {
      this.approvals.remove(request.id);
      publishAfterCommit(this.db, { type: 'board.changed', campaignId: this.options.campaignId });
    }
    return {};
  }

  close(): void {
    this.tokens.clear();
    this.approvals.clear();
    this.checkins.clear();
  }

  info(): StationInfo {
    const campaign = getCampaign(this.db, this.options.campaignId);
    return {
      apiVersion: STATION_API_VERSION,
      programme: campaign.programme,
      orgName: this.options.orgName,
      campaignName: campaign.name,
      signIn: this.signIn,
      idleSeconds: this.options.pageIdleSeconds ?? PAGE_IDLE_SECONDS,
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
    this.requireInProgress(s);
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
    if (!s)
      throw this.tokens.wasTakenOver(token)
        ? new AppError('unauthenticated', TAKEN_OVER_MESSAGE, respondentDetail('respondent.taken_over'))
        : new AppError(
            'unauthenticated',
            SESSION_EXPIRED_MESSAGE,
            respondentDetail('respondent.session_expired'),
          );
    return s;
  }

  private requireConsented(token: string): RespondentSession {
    const s = this.require(token);
    this.requireInProgress(s);
    if (!s.consented) throw new StationRefusal('consent_first', CONSENT_FIRST_MESSAGE);
    return s;
  }

  /**
   * A submitted or declined sheet is closed at the station: no answer, consent or second submit,
   * with a code the page can tell apart (the sheet may also have been closed by staff meanwhile).
   */
  private requireInProgress(s: RespondentSession): void {
    const status =
      s.status === 'in_progress'
        ? statement<[number], { status: RespondentSession['status'] }>(
            this.db,
            'SELECT status FROM screenings WHERE id = ?',
          ).get(s.screeningId)?.status
        : s.status;
    if (status === 'submitted') throw new StationRefusal('already_submitted', ALREADY_DONE_MESSAGE);
    if (status === 'declined') throw new StationRefusal('already_declined', ALREADY_DECLINED_MESSAGE);
  }

  private done(screeningId: number, status: 'submitted' | 'declined'): StationDone {
    if (status === 'declined') return { status, message: declinedMessage(this.programme), result: null };
    const showResult = statement<[number], { show_result: number }>(
      this.db,
      'SELECT show_result FROM campaigns WHERE id = ?',
    ).get(this.options.campaignId)?.show_result;
    // The respondent sees a score only where the campaign explicitly allows it.
    if (showResult !== 1) return { status, message: thankYouMessage(this.programme), result: null };
    const outcome = storedOutcome(this.db, screeningId);
    return {
      status,
      message: thankYouMessage(this.programme),
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
    // Worded for the campaign's respondents: 你 for students, 您 for women (addressedTo).
    if (!def) this.definitions.set(id, (def = addressedTo(findDefinition(this.db, id), this.programme)));
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
      // A closed sheet's answers are never sent again, not even to the page that gave them.
      answers: sheet.status === 'in_progress' ? sheet.answers : {},
      status: sheet.status,
      done: sheet.status === 'in_progress' ? null : this.done(sheet.screeningId, sheet.status),
    };
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
