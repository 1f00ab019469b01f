import { randomBytes } from 'node:crypto';
import type { ApprovalReason } from '../../../shared/api/station';
import { normaliseCode } from '../../../shared/station/codes';
import { randomCode } from './codes';
import { hashToken, newToken } from './tokens';

/** Who asked to sign in and from where; the device key is address + the page's device id. */
export interface Client {
  address: string;
  device: string;
}

export interface ApprovalRequest {
  id: string;
  personId: number;
  client: Client;
  seat: string | undefined;
  reasons: ApprovalReason[];
  requestedAt: number;
  state: 'pending' | 'approved' | 'refused';
  ticketHash: string;
  /** Approved or refused: the waiting page learns it within this long, then the ticket is gone. */
  decidedAt: number | null;
}

/** A request waits this long for staff; a decision waits this long for the page to collect it. */
const PENDING_MS = 15 * 60_000;
const DECIDED_MS = 10 * 60_000;

/**
 * Sign-ins that wait for staff on the live board. The waiting page holds only a ticket (kept as
 * a hash here); it gets the sheet once staff approve, never before, and nothing if they refuse.
 */
export class ApprovalBook {
  private readonly requests = new Map<string, ApprovalRequest>();

  constructor(private readonly now: () => number) {}

  /** One request per person and device: asking again gives the same request a new ticket. */
  open(personId: number, client: Client, seat: string | undefined, reasons: ApprovalReason[]) {
    this.sweep();
    const ticket = newToken();
    const existing = [...this.requests.values()].find(
      (r) => r.personId === personId && r.client.device === client.device && r.state === 'pending',
    );
    const request: ApprovalRequest = existing ?? {
      id: randomBytes(9).toString('base64url'),
      personId,
      client,
      seat,
      reasons,
      requestedAt: this.now(),
      state: 'pending',
      ticketHash: '',
      decidedAt: null,
    };
    request.ticketHash = hashToken(ticket);
    request.reasons = [...new Set([...request.reasons, ...reasons])];
    request.seat = seat ?? request.seat;
    this.requests.set(request.id, request);
    return { request, ticket };
  }

  byTicket(ticket: string): ApprovalRequest | null {
    this.sweep();
    const hash = hashToken(ticket);
    for (const r of this.requests.values()) if (r.ticketHash === hash) return r;
    return null;
  }

  /** Staff decided; false when there is no such pending request (already decided, expired). */
  decide(id: string, approve: boolean): ApprovalRequest | null {
    this.sweep();
    const request = this.requests.get(id);
    if (!request || request.state !== 'pending') return null;
    request.state = approve ? 'approved' : 'refused';
    request.decidedAt = this.now();
    return request;
  }

  remove(id: string): void {
    this.requests.delete(id);
  }

  pending(): ApprovalRequest[] {
    this.sweep();
    return [...this.requests.values()]
      .filter((r) => r.state === 'pending')
      .sort((a, b) => a.requestedAt - b.requestedAt);
  }

  clear(): void {
    this.requests.clear();
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, r] of this.requests)
      if (
        (r.state === 'pending' && now - r.requestedAt > PENDING_MS) ||
        (r.decidedAt !== null && now - r.decidedAt > DECIDED_MS)
      )
        this.requests.delete(id);
  }
}

/** A check-in code stays valid this long, and is used once. */
export const CHECKIN_MS = 30 * 60_000;
const CHECKIN_LENGTH = 6;

/**
 * One-time codes staff issue on their screen for one person (a woman at the clinic desk, a
 * student whose slip is lost). Only in memory: they end with the station.
 */
export class CheckinBook {
  private readonly codes = new Map<string, { personId: number; expiresAt: number }>();

  constructor(private readonly now: () => number) {}

  issue(personId: number): { code: string; expiresAt: number } {
    // A new code for the same person replaces the old one.
    for (const [code, entry] of this.codes) if (entry.personId === personId) this.codes.delete(code);
    let code: string;
    do code = randomCode(CHECKIN_LENGTH);
    while (this.codes.has(code));
    const expiresAt = this.now() + CHECKIN_MS;
    this.codes.set(code, { personId, expiresAt });
    return { code, expiresAt };
  }

  /** The person a typed code is for, used up at once; null for anything else. */
  take(typed: string): number | null {
    const code = normaliseCode(typed);
    const entry = this.codes.get(code);
    if (!entry) return null;
    this.codes.delete(code);
    return entry.expiresAt >= this.now() ? entry.personId : null;
  }

  clear(): void {
    this.codes.clear();
  }
}
