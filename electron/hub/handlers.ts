import { AppError } from '../../shared/api/errors';
import type {
  HubFileOutcome,
  HubInstallationItem,
  HubMe,
  HubMethod,
  HubOutput,
  HubParsedInput,
  HubUploadResult,
} from '../../shared/hub/contract';
import type { IngestRefusal } from '../../shared/hub/ingest';
import type { HubDb } from './db/hub-db';
import { appendHubAudit, verifyHubAudit } from './services/audit';
import { ingestBundle } from './services/ingest';
import { inviteInstallation } from './services/invite';
import { revokeInstallation } from './services/revoke';
import { withScope } from './services/scoped';
import {
  createHubUser,
  listHubUsers,
  scopeInstallationIds,
  verifyHubUser,
  type HubUser,
} from './services/users';
import { districtDashboard, installationCases } from './services/views';
import { closeHubSession, openHubSession, sessionUser } from './sessions';
import type { HubKeys } from './store';

/** What every call can reach: the store, the hub's keys, and the day the views reckon against. */
export interface HubContext {
  db: HubDb;
  keys: HubKeys;
  /** YYYY-MM-DD in the hub's time zone (tests pin it). */
  today(): string;
  /** The hub's folder (private scratch space for the PDF report); absent in tests on a bare store. */
  dataDir?: string;
}

/**
 * One call's session. `token` is the cookie's; a handler that starts or ends a session says so in
 * `cookie`, which the transport turns into Set-Cookie (the token never appears in a response body).
 */
export interface HubCall {
  user: HubUser | null;
  token: string | undefined;
  cookie?: { set: string } | { clear: true };
}

type Handler<M extends HubMethod> = (
  input: HubParsedInput<M>,
  ctx: HubContext,
  call: HubCall,
) => Promise<HubOutput<M>>;
export type HubHandlers = { [M in HubMethod]: Handler<M> };

export const actorOf = (user: HubUser): string => `user:${user.username}`;
export const meOf = (user: HubUser): HubMe => ({
  id: user.id,
  username: user.username,
  displayName: user.displayName,
  role: user.role,
  scope: user.scope,
});

/** The local calendar day (the views' "today": overdue and stale are reckoned against it). */
export function localToday(now = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

/** Refuses an installation outside the user's scope as if it did not exist (its existence is not told). */
export async function assertInScope(db: HubDb, user: HubUser, installationId: string): Promise<void> {
  const ids = await scopeInstallationIds(db, user);
  if (ids !== null && !ids.includes(installationId)) throw new AppError('not_found', 'No such installation.');
}

/** A user the handler needs (the dispatcher has checked the role already). */
function who(call: HubCall): HubUser {
  if (!call.user) throw new AppError('unauthenticated', 'Please log in first.');
  return call.user;
}

// Failed logins per user name: five within the window, then refused until it passes.
const LOGIN_WINDOW_MS = 15 * 60_000;
const LOGIN_MAX_FAILURES = 5;
const failures = new Map<string, { count: number; since: number }>();

function checkThrottle(username: string, now: number): void {
  const entry = failures.get(username);
  if (!entry) return;
  if (now - entry.since > LOGIN_WINDOW_MS) {
    failures.delete(username);
    return;
  }
  if (entry.count >= LOGIN_MAX_FAILURES)
    throw new AppError('too_many_attempts', 'Too many failed logins; try again later.', {
      retryAfterMs: entry.since + LOGIN_WINDOW_MS - now,
    });
}

/** Names tracked at most; the oldest are forgotten first, so made-up names cannot fill the memory. */
const MAX_TRACKED_NAMES = 10_000;

function noteFailure(username: string, now: number): void {
  if (!failures.has(username) && failures.size >= MAX_TRACKED_NAMES)
    failures.delete(failures.keys().next().value!);
  const entry = failures.get(username);
  if (!entry || now - entry.since > LOGIN_WINDOW_MS) failures.set(username, { count: 1, since: now });
  else entry.count += 1;
}

const isUniqueViolation = (error: unknown): boolean => (error as { code?: unknown })?.code === '23505';

/** The invitation file's name: the installation's name kept readable, path characters removed. */
export function inviteFileName(name: string): string {
  const safe = name.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60) || 'installation';
  return `${safe}.anxin-invite.json`;
}

export const hubHandlers: HubHandlers = {
  async 'hub.status'(_input, ctx, call) {
    const [hub] = await ctx.db.query<{ name: string }>('SELECT name FROM hub');
    const user = hub ? await sessionUser(ctx.db, call.token) : null;
    return { initialised: Boolean(hub), hubName: hub?.name ?? null, me: user ? meOf(user) : null };
  },

  async 'hub.login'(input, ctx, call) {
    const now = Date.now();
    checkThrottle(input.username, now);
    const user = await verifyHubUser(ctx.db, input.username, input.password);
    if (!user) {
      noteFailure(input.username, now);
      await ctx.db.transaction((tx) =>
        appendHubAudit(tx, { actor: `user:${input.username}`, action: 'login_failed', detail: {} }),
      );
      throw new AppError('wrong_password', 'Wrong user name or password.');
    }
    failures.delete(input.username);
    // A session cookie the browser already had is ended, so logging in never leaves two behind.
    await closeHubSession(ctx.db, call.token);
    const token = await openHubSession(ctx.db, user.id);
    await ctx.db.transaction((tx) =>
      appendHubAudit(tx, { actor: actorOf(user), action: 'login', detail: {} }),
    );
    call.cookie = { set: token };
    call.user = user;
    return meOf(user);
  },

  async 'hub.logout'(_input, ctx, call) {
    await closeHubSession(ctx.db, call.token);
    await ctx.db.transaction((tx) =>
      appendHubAudit(tx, { actor: actorOf(who(call)), action: 'logout', detail: {} }),
    );
    call.cookie = { clear: true };
    return {};
  },

  async 'hub.me'(_input, _ctx, call) {
    return meOf(who(call));
  },

  async 'hub.dashboard'(input, ctx, call) {
    const user = who(call);
    if (input.installationId) await assertInScope(ctx.db, user, input.installationId);
    return districtDashboard(ctx.db, user, input, ctx.today());
  },

  async 'hub.cases'(input, ctx, call) {
    const user = who(call);
    await assertInScope(ctx.db, user, input.installationId);
    const list = await installationCases(ctx.db, user, input.installationId, ctx.today());
    await ctx.db.transaction((tx) =>
      appendHubAudit(tx, {
        actor: actorOf(user),
        action: 'cases_viewed',
        installationId: input.installationId,
        detail: {},
      }),
    );
    return list;
  },

  async 'hub.installations'(_input, ctx, call) {
    const ids = await scopeInstallationIds(ctx.db, who(call));
    // Read as the scoped reader role: row-level security cuts the list a second time.
    const rows = await withScope(ctx.db, ids, (tx) =>
      tx.query<HubInstallationItem>(
        `SELECT id::text AS id, name, programme, township, status,
              coalesce((agreement->>'names')::boolean, false) AS "namesShared",
              to_char(invited_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "invitedAt",
              to_char(last_received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "lastReceivedAt"
         FROM installations
        WHERE $1::uuid[] IS NULL OR id = ANY($1::uuid[])
        ORDER BY name`,
        [ids],
      ),
    );
    return rows;
  },

  async 'hub.invite'(input, ctx, call) {
    const user = who(call);
    try {
      const invite = await inviteInstallation(
        ctx.db,
        ctx.keys,
        {
          name: input.name,
          programme: input.programme,
          township: input.township,
          shareNames: input.shareNames,
          uploadUrl: input.uploadUrl,
        },
        actorOf(user),
      );
      return {
        installationId: invite.installationId,
        fileName: inviteFileName(invite.installationName),
        text: `${JSON.stringify(invite, null, 2)}\n`,
      };
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError('conflict', 'An installation of that name exists already.');
      throw error;
    }
  },

  async 'hub.revoke'(input, ctx, call) {
    const user = who(call);
    await assertInScope(ctx.db, user, input.installationId);
    await revokeInstallation(ctx.db, input.installationId, actorOf(user));
    return {};
  },

  async 'hub.ingest'(input, ctx, call) {
    const user = who(call);
    const result: HubUploadResult = { accepted: 0, unchanged: 0, rejected: [], files: [] };
    for (const file of input.files) {
      const outcome = await ingestBundle(ctx.db, ctx.keys, Buffer.from(file.base64, 'base64'), actorOf(user));
      const row: HubFileOutcome = { file: file.name, status: outcome.status };
      if (outcome.status === 'rejected') {
        row.reason = outcome.reason as IngestRefusal;
        result.rejected.push({ file: file.name, reason: outcome.reason });
      } else if (outcome.status === 'accepted') result.accepted += 1;
      else result.unchanged += 1;
      if (outcome.installationId) {
        const [inst] = await ctx.db.query<{ name: string }>('SELECT name FROM installations WHERE id = $1', [
          outcome.installationId,
        ]);
        row.installationName = inst?.name ?? null;
      }
      result.files.push(row);
    }
    return result;
  },

  async 'hub.users.list'(_input, ctx) {
    const users = await listHubUsers(ctx.db);
    return users.map((u) => ({ ...meOf(u), active: u.active }));
  },

  async 'hub.users.add'(input, ctx, call) {
    const admin = who(call);
    try {
      const user = await ctx.db.transaction(async (tx) => {
        const made = await createHubUser(tx, input);
        await appendHubAudit(tx, {
          actor: actorOf(admin),
          action: 'user_added',
          detail: { username: made.username, role: made.role, scope: made.scope.kind },
        });
        return made;
      });
      return { ...meOf(user), active: true };
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('conflict', 'That user name is taken.');
      throw error;
    }
  },

  async 'hub.audit.verify'(_input, ctx) {
    return verifyHubAudit(ctx.db);
  },
};
