import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { appendFileSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditEntry, AuditListInput, AuditPage } from '../../shared/api/audit';
import { sheetsToXlsx } from './spreadsheet/write-sheets';
import type { Db } from '../db/database';
import { nowIso } from '../db/database';
import { appendAuditRow, verifyChain, type ChainReport } from '../db/audit-chain';

/**
 * Records who did what; never the personal data itself, only ids and counts. Each row is chained
 * to the one before it (electron/db/audit-chain.ts), whichever connection writes it.
 */
export function audit(
  db: Db,
  userId: number | null,
  action: string,
  subject?: string,
  detail?: unknown,
): void {
  appendAuditRow(db, {
    at: nowIso(),
    userId,
    action,
    subject: subject ?? null,
    detail: detail === undefined ? null : JSON.stringify(detail),
  });
}

/**
 * A failed log-in cannot be written to the trail when it happens: a wrong password opens nothing.
 * It waits in a small file beside the database — its time, the reason and, only when the name
 * belongs to an account (keyring.json already lists those names), that name; an unknown name,
 * which may be a mistyped password, is never kept — and enters the chain at the next unlock.
 */
const PENDING_PREFIX = 'audit-pending';
const PENDING_FILE = `${PENDING_PREFIX}.jsonl`;

export interface FailedAttempt {
  action: 'login.failed' | 'recover.failed';
  reason: string;
  account: string | null;
}

/** A line of the pending-attempts file: anyone who can write the data folder can write it too. */
const pendingAttemptSchema = z.object({
  at: z.string(),
  action: z.enum(['login.failed', 'recover.failed']),
  reason: z.string(),
  account: z.string().nullable(),
});

export function noteFailedAttempt(dataDir: string, attempt: FailedAttempt): void {
  try {
    appendFileSync(join(dataDir, PENDING_FILE), `${JSON.stringify({ at: nowIso(), ...attempt })}\n`, {
      mode: 0o600,
    });
  } catch {
    // A folder that cannot be written to is reported by the log-in itself; the attempt is not lost silently
    // anywhere else, and refusing the log-in over it would help nobody.
  }
}

/**
 * Moves the waiting attempts into the trail, naming each account by its user id. An attempt
 * noted meanwhile (another process) starts a new file and waits for the next unlock.
 */
export function recordFailedAttempts(db: Db, dataDir: string): number {
  let names: string[];
  try {
    names = readdirSync(dataDir).filter((f) => f.startsWith(`${PENDING_PREFIX}.`));
  } catch {
    return 0;
  }
  let count = 0;
  const userId = db.prepare('SELECT id FROM users WHERE username = ?').pluck();
  for (const name of names) {
    // Claimed by renaming it to a name of our own: of two processes unlocking at once only one
    // can win each file, and a file left by a crash is claimed by the next unlock.
    const claimed = join(
      dataDir,
      `${PENDING_PREFIX}.${process.pid}-${randomBytes(4).toString('hex')}.claimed`,
    );
    let lines: string[];
    try {
      renameSync(join(dataDir, name), claimed);
      lines = readFileSync(claimed, 'utf8').split('\n').filter(Boolean);
    } catch {
      continue; // Taken by another process meanwhile.
    }
    db.transaction(() => {
      for (const line of lines) {
        let attempt: FailedAttempt & { at: string };
        try {
          const parsed = pendingAttemptSchema.safeParse(JSON.parse(line));
          if (!parsed.success) continue; // Not a line this app wrote: never audited as one.
          attempt = parsed.data;
        } catch {
          continue; // A line cut short by a crash.
        }
        const id = attempt.account ? ((userId.get(attempt.account) as number | undefined) ?? null) : null;
        audit(db, id, attempt.action === 'recover.failed' ? 'recover.failed' : 'login.failed', undefined, {
          attemptedAt: String(attempt.at),
          reason: String(attempt.reason),
        });
        count++;
      }
    })();
    rmSync(claimed, { force: true });
  }
  return count;
}

/** The UTC instant of local midnight starting `day` (plus `days` days). */
function localMidnight(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + days).toISOString();
}

interface ListRow {
  id: number;
  at: string;
  user_id: number | null;
  username: string | null;
  action: string;
  subject: string | null;
  detail: string | null;
}

/** Newest first, filtered by user, action and a date range (both days included). */
export function listAudit(db: Db, input: AuditListInput): AuditPage {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  if (input.userId !== undefined) {
    where.push('a.user_id = @userId');
    params.userId = input.userId;
  }
  if (input.action) {
    // An action family ("export") takes in its members ("export.roster", "export.failed").
    where.push("(a.action = @action OR a.action LIKE @family ESCAPE '\\')");
    params.action = input.action;
    params.family = `${input.action.replace(/[\\%_]/g, '\\$&')}.%`;
  }
  // Days are the user's own (this computer's time zone), as the viewer shows the times; stored
  // times are UTC ISO strings, which compare in time order.
  if (input.from) {
    where.push('a.at >= @from');
    params.from = localMidnight(input.from, 0);
  }
  if (input.to) {
    where.push('a.at < @to');
    params.to = localMidnight(input.to, 1);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = db.prepare(`SELECT count(*) FROM audit_log a ${clause}`).pluck().get(params) as number;
  const rows = db
    .prepare(
      `SELECT a.id, a.at, a.user_id, u.username, a.action, a.subject, a.detail
       FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
       ${clause} ORDER BY a.id DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: input.limit, offset: input.offset }) as ListRow[];
  const items: AuditEntry[] = rows.map((r) => ({
    id: r.id,
    at: r.at,
    userId: r.user_id,
    username: r.username,
    action: r.action,
    subject: r.subject,
    detail: parseDetail(r.detail),
  }));
  const actions = db
    .prepare('SELECT DISTINCT action FROM audit_log ORDER BY action')
    .pluck()
    .all() as string[];
  return { items, total, actions };
}

/** A detail edited into something that is not JSON is shown as it is (verify names the row). */
function parseDetail(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function verifyAudit(db: Db): ChainReport {
  return verifyChain(db);
}

// An export holds at most this many rows (newest first); narrower filters reach older ones.
const EXPORT_LIMIT = 100_000;

/**
 * The filtered trail as a workbook for an inspector, with the chain's state at the time on a
 * second sheet. Exporting it is itself recorded.
 */
export async function exportAudit(
  db: Db,
  userId: number,
  filters: Omit<AuditListInput, 'limit' | 'offset'>,
): Promise<{ fileName: string; contentBase64: string }> {
  const page = listAudit(db, { ...filters, limit: EXPORT_LIMIT, offset: 0 });
  const chain = verifyChain(db);
  const content = await sheetsToXlsx([
    {
      name: '审计日志 Audit log',
      columns: [
        { header: '编号 Id', width: 10 },
        { header: '时间 Time (UTC)', width: 26, text: true },
        { header: '用户编号 User id', width: 14 },
        { header: '用户名 User', width: 16, text: true },
        { header: '操作 Action', width: 22, text: true },
        { header: '对象 Subject', width: 14, text: true },
        { header: '详情 Detail', width: 60, text: true },
      ],
      rows: page.items.map((e) => [
        e.id,
        e.at,
        e.userId,
        e.username,
        e.action,
        e.subject,
        e.detail === null ? null : JSON.stringify(e.detail),
      ]),
    },
    {
      name: '链状态 Chain',
      columns: [
        { header: '项目 Item', width: 24 },
        { header: '值 Value', width: 60, text: true },
      ],
      rows: [
        ['完整 Intact', chain.ok ? '是 yes' : '否 no'],
        ['条数 Entries', String(chain.entries)],
        [
          '首个断点 First broken',
          chain.firstBroken ? `${chain.firstBroken.id} (${chain.firstBroken.reason})` : '—',
        ],
        ['导出行数 Rows exported', `${page.items.length} / ${page.total}`],
      ],
    },
  ]);
  audit(db, userId, 'audit.export', undefined, { ...filters, rows: page.items.length });
  const day = new Date().toISOString().slice(0, 10);
  return { fileName: `审计日志-${day}.xlsx`, contentBase64: content.toString('base64') };
}
