import { AppError } from '../../../shared/api/errors';
import { optionalString } from '../args';
import { asUser, call } from '../session';
import type { Command } from './types';

export const auditVerifyCommand: Command = {
  name: 'audit verify',
  usage:
    'anxin audit verify --data-dir DIR [--json]   (walks the audit hash chain; names the first changed, deleted or reordered row)',
  async run({ values }) {
    const report = await asUser(values, (ctx) => call(ctx, 'audit.verify', {}));
    return {
      json: report,
      // Scripts (a nightly check) can tell a broken chain from the exit status alone.
      exitCode: report.ok ? 0 : 1,
      text: report.ok
        ? `审计链完整，共 ${report.entries} 条 / audit chain intact, ${report.entries} entries`
        : `审计链在第 ${report.firstBroken!.id} 条断开（${report.firstBroken!.reason}）/ audit chain broken at row ${report.firstBroken!.id}: ${report.firstBroken!.detail}`,
    };
  },
};

// The CLI lists at most this many rows; the viewer pages through the rest.
const LIST_LIMIT = 5000;

export const auditListCommand: Command = {
  name: 'audit list',
  usage:
    'anxin audit list --data-dir DIR [--from YYYY-MM-DD --to YYYY-MM-DD --action A] [--json]   (audit trail, newest first; admin only)',
  async run({ values }) {
    const from = optionalString(values, 'from');
    const to = optionalString(values, 'to');
    const action = optionalString(values, 'action');
    const input = {
      limit: LIST_LIMIT,
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(action ? { action } : {}),
    };
    const page = await asUser(values, (ctx) => call(ctx, 'audit.list', input)).catch((error: unknown) => {
      // Name the option, not the contract's field path.
      if (error instanceof AppError && error.code === 'invalid_input' && error.extra.issues) {
        throw new AppError(
          'invalid_input',
          error.extra.issues.map((i) => `--${i.path || 'options'}: ${i.message}`).join('; '),
          { issues: error.extra.issues },
        );
      }
      throw error;
    });
    const entries = page.items;
    return {
      json: { entries, total: page.total },
      text: entries.length
        ? entries
            .map(
              (e) =>
                `${e.id}\t${e.at}\t${e.username ?? e.userId ?? '—'}\t${e.action}\t${e.subject ?? ''}\t${e.detail === null ? '' : JSON.stringify(e.detail)}`,
            )
            .join('\n')
        : '没有审计记录 / no audit entries',
    };
  },
};
