import { createHash, randomBytes } from 'node:crypto';

export interface RespondentSession {
  screeningId: number;
  personId: number;
  consented: boolean;
  status: 'in_progress' | 'submitted' | 'declined';
  lastSeen: number;
}

const hash = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Respondents' session tokens, kept only as hashes and only in memory: a token read off a
 * lab PC's localStorage is worthless once the station stops, and identifying again resumes
 * the same sheet anyway. One live token per sheet, so a second sign-in ends the first.
 */
export class TokenStore {
  private readonly byHash = new Map<string, RespondentSession>();
  private readonly hashOfSheet = new Map<number, string>();

  constructor(
    private readonly idleMs: number,
    private readonly now: () => number,
  ) {}

  issue(session: Omit<RespondentSession, 'lastSeen'>): string {
    const token = randomBytes(32).toString('base64url');
    const previous = this.hashOfSheet.get(session.screeningId);
    if (previous) this.byHash.delete(previous);
    const key = hash(token);
    this.byHash.set(key, { ...session, lastSeen: this.now() });
    this.hashOfSheet.set(session.screeningId, key);
    return token;
  }

  find(token: string): RespondentSession | null {
    const key = hash(token);
    const session = this.byHash.get(key);
    if (!session) return null;
    const now = this.now();
    if (now - session.lastSeen > this.idleMs) {
      this.byHash.delete(key);
      this.hashOfSheet.delete(session.screeningId);
      return null;
    }
    session.lastSeen = now;
    return session;
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
    this.hashOfSheet.clear();
  }
}
