import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { programmeSchema } from '../../../shared/hub/agreement';
import type { IngestSummary } from '../../../shared/hub/ingest';
import type { HubDb } from '../../hub/db/hub-db';
import { verifyHubAudit } from '../../hub/services/audit';
import { addHubUser, initHub, recoverHubAdmin } from '../../hub/services/hub';
import { ingestBundle, MAX_BUNDLE_BYTES } from '../../hub/services/ingest';
import { installationByName, inviteInstallation } from '../../hub/services/invite';
import type { HubKeys } from '../../hub/services/keys';
import { revokeInstallation } from '../../hub/services/revoke';
import { hubRoleMay, type HubAction } from '../../hub/services/roles';
import { hubStats } from '../../hub/services/stats';
import {
  HUB_ROLES,
  scopeInstallationIds,
  verifyHubUser,
  type HubRole,
  type HubScope,
  type HubUser,
} from '../../hub/services/users';
import { openHubDb, openHubStore, type HubStoreOptions } from '../../hub/store';
import { writeFileAtomic } from '../../services/atomic-file';
import { optionalString, requireString, type CliValues } from '../args';
import type { Command } from './types';

/** `--data-dir DIR [--pg URL]`: where the hub keeps its keys, and its database. */
export function hubStoreOptions(values: CliValues): HubStoreOptions {
  const pg = optionalString(values, 'pg');
  return { dataDir: resolve(requireString(values, 'data-dir')), ...(pg ? { pg } : {}) };
}

/** The hub user `--user` (default admin) with the password in ANXIN_PASSWORD, if the role may take `action`. */
export async function hubLogin(db: HubDb, values: CliValues, action: HubAction): Promise<HubUser> {
  const password = process.env.ANXIN_PASSWORD;
  if (!password)
    throw new AppError(
      'unauthenticated',
      'Set ANXIN_PASSWORD (and --user if not admin) to sign in to the hub.',
    );
  const username = optionalString(values, 'user') ?? 'admin';
  const user = await verifyHubUser(db, username, password);
  if (!user) throw new AppError('wrong_password', 'Wrong user name or password.');
  if (!hubRoleMay(user.role, action))
    throw new AppError('forbidden', `A ${user.role} may not run this command (${action}).`);
  return user;
}

/** Opens the hub, signs in, runs `work`, and always closes the store. */
async function asHubUser<T>(
  values: CliValues,
  action: HubAction,
  work: (hub: { db: HubDb; keys: HubKeys; user: HubUser; actor: string }) => Promise<T>,
): Promise<T> {
  const { db, keys } = await openHubStore(hubStoreOptions(values));
  try {
    const user = await hubLogin(db, values, action);
    return await work({ db, keys, user, actor: `cli:${user.username}` });
  } finally {
    await db.close();
  }
}

async function requireInstallation(db: HubDb, name: string) {
  const installation = await installationByName(db, name);
  if (!installation) throw new AppError('not_found', `No installation named ${name}.`);
  return installation;
}

const PG = '[--pg postgres://…]';

export const hubInitCommand: Command = {
  name: 'hub init',
  usage: `anxin hub init --data-dir DIR --name NAME [--user admin] ${PG} [--json]   (the administrator's password from ANXIN_PASSWORD; prints the recovery code once)`,
  async run({ values }) {
    const name = requireString(values, 'name');
    const adminUsername = optionalString(values, 'user') ?? 'admin';
    const adminPassword = process.env.ANXIN_PASSWORD;
    if (!adminPassword || adminPassword.length < 8)
      throw new AppError(
        'invalid_input',
        "Set ANXIN_PASSWORD to the administrator's password (8 characters or more).",
      );
    const options = hubStoreOptions(values);
    const db = await openHubDb(options);
    try {
      const result = await initHub(db, options.dataDir, { name, adminUsername, adminPassword });
      return {
        json: result,
        text: [
          `区县平台已创建 / Hub created: ${name} (${result.hubId})`,
          `管理员 / Administrator: ${adminUsername}`,
          '',
          `恢复码 / Recovery code: ${result.recoveryCode}`,
          '请抄写恢复码并妥善保管，它不会再次显示。 Write the recovery code down and keep it safe: it is not shown again.',
        ].join('\n'),
      };
    } finally {
      await db.close();
    }
  },
};

export const hubInviteCommand: Command = {
  name: 'hub invite',
  usage: `anxin hub invite --data-dir DIR ${PG} --installation NAME --programme school|perinatal [--township T] [--share-names] [--upload-url URL] --out FILE [--json]   (as a district administrator)`,
  async run({ values }) {
    const name = requireString(values, 'installation');
    const programme = programmeSchema.safeParse(requireString(values, 'programme'));
    if (!programme.success) throw new AppError('invalid_input', '--programme must be school or perinatal.');
    const out = resolve(requireString(values, 'out'));
    const township = optionalString(values, 'township');
    const uploadUrl = optionalString(values, 'upload-url');
    if (uploadUrl !== undefined && !URL.canParse(uploadUrl))
      throw new AppError('invalid_input', '--upload-url must be a URL (https://…).');
    const invite = await asHubUser(values, 'installations.invite', ({ db, keys, actor }) =>
      inviteInstallation(
        db,
        keys,
        {
          name,
          programme: programme.data,
          township: township ?? null,
          shareNames: values['share-names'] === true,
          uploadUrl: uploadUrl ?? null,
        },
        actor,
      ),
    );
    // The secret is in the file: atomic, and readable by its owner only.
    writeFileAtomic(out, JSON.stringify(invite, null, 2));
    return {
      json: { installationId: invite.installationId, file: out },
      text: [
        `邀请文件已写入 / Invitation written: ${out}`,
        `机构 / Installation: ${name} (${invite.installationId})`,
        `共享姓名 / Names shared: ${invite.agreement.names ? '是 yes' : '否 no'}`,
        '此文件只能使用一次，请当面或加密传送。 The file works once; hand it over in person or encrypted.',
      ].join('\n'),
    };
  },
};

export const hubIngestCommand: Command = {
  name: 'hub ingest',
  usage: `anxin hub ingest FILE… --data-dir DIR ${PG} [--json]   (as a district administrator or staff; refused bundles are listed with their reason)`,
  async run({ values, positionals }) {
    if (positionals.length === 0) throw new AppError('invalid_input', 'Name one or more bundle files.');
    const summary = await asHubUser(values, 'bundles.ingest', async ({ db, keys, actor }) => {
      const result: IngestSummary = { accepted: 0, unchanged: 0, rejected: [] };
      for (const file of positionals) {
        let bytes: Buffer;
        try {
          // A file too big to be a bundle is not read into memory at all.
          bytes = statSync(file).size > MAX_BUNDLE_BYTES ? Buffer.alloc(0) : readFileSync(file);
        } catch {
          // Unreadable is not a bundle; it still goes through ingest so the refusal is audited.
          bytes = Buffer.alloc(0);
        }
        const outcome = await ingestBundle(db, keys, bytes, actor);
        if (outcome.status === 'rejected') result.rejected.push({ file, reason: outcome.reason });
        else result[outcome.status] += 1;
      }
      return result;
    });
    return {
      json: summary,
      text: [
        `已接收 / Accepted: ${summary.accepted}`,
        `无变化 / Unchanged: ${summary.unchanged}`,
        `已拒收 / Rejected: ${summary.rejected.length}`,
        ...summary.rejected.map((r) => `  ${r.file}: ${r.reason}`),
      ].join('\n'),
    };
  },
};

export const hubStatsCommand: Command = {
  name: 'hub stats',
  usage: `anxin hub stats --data-dir DIR ${PG} [--json]   (totals within the signed-in user's scope)`,
  async run({ values }) {
    const stats = await asHubUser(values, 'stats.read', async ({ db, user }) =>
      hubStats(db, await scopeInstallationIds(db, user)),
    );
    return {
      json: stats,
      text: [
        `机构 / Installations: ${stats.installations}`,
        `人数 / People: ${stats.people}`,
        `筛查人次 / Screenings: ${stats.screenings}`,
        ...Object.entries(stats.byLevel).map(([level, n]) => `  ${level}: ${n}`),
      ].join('\n'),
    };
  },
};

export const hubRevokeCommand: Command = {
  name: 'hub revoke',
  usage: `anxin hub revoke --data-dir DIR ${PG} --installation NAME [--json]   (its bundles are refused from now on; as a district administrator)`,
  async run({ values }) {
    const name = requireString(values, 'installation');
    const result = await asHubUser(values, 'installations.revoke', async ({ db, actor }) => {
      const installation = await requireInstallation(db, name);
      return revokeInstallation(db, installation.id, actor);
    });
    return {
      json: result,
      text: result.alreadyRevoked
        ? `已是撤销状态 / Already revoked: ${name}`
        : `已撤销 / Revoked: ${name} (${result.installationId})`,
    };
  },
};

const cliHubRole = (role: HubRole) => role.replace(/_/g, '-');
const HUB_ROLE_WORDS = HUB_ROLES.map(cliHubRole).join('|');

function parseHubRole(text: string): HubRole {
  const role = HUB_ROLES.find((r) => r === text.trim().replace(/-/g, '_'));
  if (!role) throw new AppError('invalid_input', `--role must be one of ${HUB_ROLE_WORDS}.`);
  return role;
}

const listOf = (text: string) =>
  text
    .split(/[,，、;；]/)
    .map((s) => s.trim())
    .filter(Boolean);

export const hubUsersAddCommand: Command = {
  name: 'hub users add',
  usage: `anxin hub users add --data-dir DIR ${PG} --username U --display-name N --role ${HUB_ROLE_WORDS} [--township T | --installations NAME,NAME] [--json]   (the new password from ANXIN_NEW_PASSWORD; as a district administrator)`,
  async run({ values }) {
    const username = requireString(values, 'username');
    const displayName = optionalString(values, 'display-name') ?? username;
    const role = parseHubRole(requireString(values, 'role'));
    const township = optionalString(values, 'township');
    const names = optionalString(values, 'installations');
    if (township !== undefined && names !== undefined)
      throw new AppError('invalid_input', 'Give --township or --installations, not both.');
    const password = process.env.ANXIN_NEW_PASSWORD;
    if (!password || password.length < 8)
      throw new AppError(
        'invalid_input',
        "Set ANXIN_NEW_PASSWORD to the new user's password (8 characters or more).",
      );
    const user = await asHubUser(values, 'users.add', async ({ db, actor }) => {
      let scope: HubScope = { kind: 'district' };
      if (township !== undefined) scope = { kind: 'township', township };
      if (names !== undefined) {
        const ids = [];
        for (const name of listOf(names)) ids.push((await requireInstallation(db, name)).id);
        if (ids.length === 0) throw new AppError('invalid_input', '--installations names no installation.');
        scope = { kind: 'installations', installations: ids };
      }
      return addHubUser(db, { username, displayName, role, scope, password }, actor);
    });
    return {
      json: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        role: cliHubRole(user.role),
        scope: user.scope,
      },
      text: `已添加 / Added: ${user.username} (${cliHubRole(user.role)}, ${user.scope.kind})`,
    };
  },
};

export const hubAuditVerifyCommand: Command = {
  name: 'hub audit verify',
  usage: `anxin hub audit verify --data-dir DIR ${PG} [--json]   (walks the hub's audit hash chain; as a district administrator)`,
  async run({ values }) {
    const report = await asHubUser(values, 'audit.verify', ({ db }) => verifyHubAudit(db));
    return {
      json: report,
      exitCode: report.ok ? 0 : 1,
      text: report.ok
        ? `审计链完整，共 ${report.rows} 条 / audit chain intact, ${report.rows} entries`
        : `审计链在第 ${report.brokenAt} 条断开 / audit chain broken at row ${report.brokenAt}`,
    };
  },
};

export const hubRecoverCommand: Command = {
  name: 'hub recover',
  usage: `anxin hub recover --data-dir DIR ${PG} [--username admin] [--json]   (the recovery code from ANXIN_RECOVERY_CODE or --recovery-code, the new password from ANXIN_NEW_PASSWORD; prints a new code)`,
  async run({ values }) {
    const recoveryCode = optionalString(values, 'recovery-code') ?? process.env.ANXIN_RECOVERY_CODE;
    if (!recoveryCode)
      throw new AppError('invalid_input', 'Give the recovery code (ANXIN_RECOVERY_CODE or --recovery-code).');
    const newPassword = process.env.ANXIN_NEW_PASSWORD;
    if (!newPassword || newPassword.length < 8)
      throw new AppError(
        'invalid_input',
        'Set ANXIN_NEW_PASSWORD to the new password (8 characters or more).',
      );
    const username = optionalString(values, 'username') ?? optionalString(values, 'user') ?? 'admin';
    const { db } = await openHubStore(hubStoreOptions(values));
    try {
      const result = await recoverHubAdmin(db, { recoveryCode, username, newPassword });
      return {
        json: result,
        text: [
          `管理员密码已重设 / Administrator password reset: ${result.username}`,
          `新恢复码 / New recovery code: ${result.recoveryCode}`,
          '旧恢复码已失效。 The old code no longer works.',
        ].join('\n'),
      };
    } finally {
      await db.close();
    }
  },
};

export const hubCommands: Command[] = [
  hubInitCommand,
  hubInviteCommand,
  hubIngestCommand,
  hubStatsCommand,
  hubRevokeCommand,
  hubUsersAddCommand,
  hubAuditVerifyCommand,
  hubRecoverCommand,
];
