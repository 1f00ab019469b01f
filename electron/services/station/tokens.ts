import { createHash, randomBytes } from 'node:crypto';

export interface RespondentSession {
  screeningId: number;
  personId: number;
  /** The device holding the token (address + the page's device id): a token is bound to it. */
  device: string;
  consented: boolean;
  status: 'in_progress' | 'submitted' | 'declined';
  lastSeen: number;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
export const newToken = () => randomBytes(32).toString('base64url');

/**
 * Respondents' session tokens, kept only as hashes and only in memory: a token is worthless
 * once the station stops. One live token per person: a new one (the same device signing in
 * again, or another device the teacher approved) ends the old one, and the old page is told why.
 */
export class TokenStore {
  private readonly byHash = new Map<string, RespondentSession>();
  private readonly hashOfPerson = new Map<number, string>();
  // Tokens ended because the person continued elsewhere: their page says so instead of "expired".
  private readonly takenOver = new Set<string>();

  constructor(
    private readonly idleMs: number,
    private readonly now: () => number,
  ) {}

  issue(session: Omit<RespondentSession, 'lastSeen'>): string {
    const token = newToken();
    const previous = this.hashOfPerson.get(session.personId);
    if (previous && this.byHash.delete(previous)) {
      if (this.takenOver.size > 10_000) this.takenOver.clear();
      this.takenOver.add(previous);
    }
    const key = hashToken(token);
    this.byHash.set(key, { ...session, lastSeen: this.now() });
    this.hashOfPerson.set(session.personId, key);
    return token;
  }

  find(token: string): RespondentSession | null {
    const key = hashToken(token);
    const session = this.byHash.get(key);
    if (!session) return null;
    const now = this.now();
    if (now - session.lastSeen > this.idleMs) {
      this.drop(key, session);
      return null;
    }
    session.lastSeen = now;
    return session;
  }

  /** Was this token ended because its person went on at another (approved) device? */
  wasTakenOver(token: string): boolean {
    return this.takenOver.has(hashToken(token));
  }

  /** The page signed out (submit, idle, "not me"): the person is no longer live anywhere. */
  revoke(token: string): void {
    const key = hashToken(token);
    const session = this.byHash.get(key);
    if (session) this.drop(key, session);
  }

  /** The device where this person is answering right now, if any. */
  liveDevice(personId: number): string | null {
    const key = this.hashOfPerson.get(personId);
    const session = key ? this.byHash.get(key) : undefined;
    if (!key || !session) return null;
    if (this.now() - session.lastSeen > this.idleMs) {
      this.drop(key, session);
      return null;
    }
    return session.status === 'in_progress' ? session.device : null;
  }

  /** Respondents still answering (signed in, not yet submitted or declined). */
  active(): number {
    const now = this.now();
    let count = 0;
    for (const s of this.byHash.values())
      if (s.status === 'in_progress' && now - s.lastSeen <= this.idleMs) count++;
    return count;
  }

  clear(): void {
    this.byHash.clear();
    this.hashOfPerson.clear();
    this.takenOver.clear();
  }

  private drop(key: string, session: RespondentSession): void {
    this.byHash.delete(key);
    if (this.hashOfPerson.get(session.personId) === key) this.hashOfPerson.delete(session.personId);
  }
}
