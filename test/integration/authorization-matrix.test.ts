import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import { restoreBackup } from '../../electron/services/backup/backup';
import { createContext, type AppContext } from '../../electron/services/context';
import { startStaffServer, TOKEN_HEADER, type StaffServer } from '../../electron/transports/http';
import { roleSchema, type Role } from '../../shared/api/auth';
import { EXPORT_VARIANTS_BY_ROLE } from '../../shared/api/exports';
import { randomUUID } from 'node:crypto';
import { newHubKeys, newSecret } from '../../electron/security/bundle-crypto';
import { defaultAgreement } from '../../shared/hub/agreement';
import { INVITE_FORMAT } from '../../shared/hub/invite';
import {
  ALL_ROLES,
  apiMethods,
  can,
  contract,
  isLocalOnly,
  methodRoles,
  type ApiMethod,
} from '../../shared/api/contract';
import { ok, setUpApp, ADMIN_PASSWORD } from '../helpers/app';
import { rosterCsv } from '../helpers/backend';
import { CLI, ensureBuilt } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

/** One account per role; the administrator is the one set up first. */
const ACCOUNTS: Record<Role, { username: string; password: string }> = {
  admin: { username: 'admin', password: ADMIN_PASSWORD },
  psychologist: { username: 'psy', password: 'psych-pass-1' },
  screener: { username: 'scr', password: 'screen-pass-1' },
  class_teacher: { username: 'cls', password: 'class-pass-1' },
  supervisor: { username: 'sup', password: 'super-pass-1' },
};
const ROLES = roleSchema.options;
/** The methods anyone may call without a session. */
const PUBLIC = ['app.status', 'auth.setup', 'auth.login', 'auth.recover'];

describe('the authorization table', () => {
  test('every method declares its roles: public, or a non-empty list of known roles without repeats', () => {
    expect([...ALL_ROLES].sort()).toEqual([...ROLES].sort());
    for (const method of apiMethods) {
      const roles = methodRoles(method);
      expect(roles, method).toBeDefined();
      if (roles === 'public') continue;
      expect(roles.length, method).toBeGreaterThan(0);
      expect(new Set(roles).size, method).toBe(roles.length);
      for (const role of roles) expect(ROLES, method).toContain(role);
    }
    expect(apiMethods.filter((m) => methodRoles(m) === 'public').sort()).toEqual([...PUBLIC].sort());
  });

  test('can() reads the table', () => {
    for (const method of apiMethods)
      for (const role of ROLES) {
        const roles = contract[method].roles;
        expect(can(role, method), `${role} ${method}`).toBe(roles === 'public' || roles.includes(role));
      }
    expect(can(null, 'people.list')).toBe(false);
    expect(can(null, 'app.status')).toBe(true);
    // The methods once open to every role now name their few.
    expect(can('supervisor', 'db.info')).toBe(false);
    expect(can('class_teacher', 'instruments.get')).toBe(false);
    expect(can('screener', 'tiers.evaluate')).toBe(false);
    expect(can('screener', 'students.list')).toBe(false);
  });
});

/** A school with one account per role, 40 students (七年级1班…) and a campaign. */
async function schoolWithEveryRole(dir: string): Promise<{ campaignId: number; roster: string }> {
  const { ctx } = await setUpApp(dir);
  for (const role of ROLES.filter((r) => r !== 'admin'))
    await ok(ctx, 'users.create', {
      ...ACCOUNTS[role],
      displayName: role,
      role,
      classes: role === 'class_teacher' ? [{ grade: '七年级', className: '1班' }] : [],
    });
  const roster = join(dir, '..', `roster-${Date.now()}.csv`);
  writeFileSync(roster, rosterCsv(40));
  const local: AppContext = { ...ctx, commandLine: true };
  await ok(local, 'people.importCommit', { kind: 'student', file: { path: roster } });
  const campaign = await ok(ctx, 'campaigns.create', {
    name: '秋季筛查',
    programme: 'school',
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    targets: [{ battery: ['PHQ-9', 'GAD-7'] }],
  });
  await ok(ctx, 'auth.logout', {});
  return { campaignId: campaign.id, roster };
}

describe('method × role over the loopback HTTP transport', () => {
  const servers: StaffServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  test('allowed roles get past authorization, every other role gets forbidden; local-only methods are refused to all', async () => {
    const dir = tempDir();
    await schoolWithEveryRole(dir);
    const ui = tempDir();
    mkdirSync(join(ui, 'assets'));
    writeFileSync(join(ui, 'index.html'), '<!doctype html>');
    // Calls that end the session come last (and are followed by a new log-in).
    const ending: ApiMethod[] = ['auth.lock', 'auth.logout'];
    const methods = [...apiMethods.filter((m) => !PUBLIC.includes(m) && !ending.includes(m)), ...ending];
    const mismatches: string[] = [];
    for (const role of ROLES) {
      const server = await startStaffServer(createContext(dir, 'http'), { rendererDir: ui });
      servers.push(server);
      const post = async (method: string, input: unknown) =>
        (await (
          await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token },
            body: JSON.stringify(input),
          })
        ).json()) as { ok: boolean; error?: { code: string } };
      const login = async () => expect((await post('auth.login', ACCOUNTS[role])).ok).toBe(true);
      await login();
      expect((await post('app.status', {})).ok).toBe(true);
      for (const method of methods) {
        // `{}` is enough: the role is checked before the input, so a refusal never depends on it.
        const body = await post(method, {});
        const code = body.ok ? 'ok' : body.error!.code;
        const expected = isLocalOnly(method) || !can(role, method) ? 'forbidden' : 'not forbidden';
        const got = code === 'forbidden' ? 'forbidden' : 'not forbidden';
        if (got !== expected) mismatches.push(`${role} ${method}: ${code}`);
        if (code === 'unauthenticated' || code === 'locked') mismatches.push(`${role} ${method}: ${code}`);
        if (ending.includes(method) && body.ok) await login();
      }
    }
    expect(mismatches).toEqual([]);
  }, 300_000);
});

interface Run {
  code: number | null;
  json: { error?: { code: string } } & Record<string, unknown>;
}

/** Runs the built CLI; a command that keeps running (the station) is stopped once it has printed. */
function runCli(args: string[], env: Record<string, string>, keepsRunning = false): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const parsed = () => {
      try {
        return JSON.parse(out) as Run['json'];
      } catch {
        return null;
      }
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (keepsRunning && parsed()?.url) child.kill('SIGTERM');
    });
    child.stderr.resume();
    child.once('error', reject);
    child.once('exit', (code) => {
      const json = parsed();
      if (!json) reject(new Error(`anxin ${args.slice(0, 2).join(' ')}: no JSON in ${JSON.stringify(out)}`));
      else resolve({ code, json });
    });
  });
}

/** Runs `work` over `items`, `limit` at a time. */
async function inBatches<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

interface CliCase {
  /** What the command is called with (before --data-dir, --user and --json). */
  args(role: Role): string[];
  /** The contract methods it calls: a role must hold every one of them. */
  methods: ApiMethod[];
  keepsRunning?: boolean;
}

describe('CLI command × role (anxin … --user U)', () => {
  beforeAll(ensureBuilt, 300_000);

  test('each command runs for the roles its methods allow and is refused with forbidden, non-zero, for the rest', async () => {
    const dir = tempDir();
    const { campaignId, roster } = await schoolWithEveryRole(dir);
    const out = tempDir();
    const invite = join(out, 'invite.anxininvite');
    writeFileSync(invite, JSON.stringify({ format: INVITE_FORMAT, hubId: randomUUID(), hubName: '区县平台', hubPublicKey: newHubKeys().publicKey, installationId: randomUUID(), installationName: '学校', township: null, secret: newSecret(), agreement: defaultAgreement('school'), uploadUrl: null, issuedAt: new Date().toISOString() })); // prettier-ignore
    const cases: Record<string, CliCase> = {
      info: { args: () => ['info'], methods: ['db.info'] },
      'people search': { args: () => ['people', 'search', '--query', 'xs'], methods: ['people.search'] },
      'people add': {
        args: (role) => ['people', 'add', '--kind', 'student', '--set', `学籍号=ADD-${role}`, '--set', '姓名=新生', '--set', '性别=女', '--set', '出生日期=2013-03-05', '--set', '年级=七年级', '--set', '班级=1班'], // prettier-ignore
        methods: ['people.add'],
      },
      'campaign create': {
        args: (role) => ['campaign', 'create', '--name', `计划-${role}`, '--programme', 'school', '--battery', 'PHQ-9'], // prettier-ignore
        methods: ['campaigns.create'],
      },
      'import roster (preview)': {
        args: () => ['import', 'roster', roster],
        methods: ['people.importPreview'],
      },
      'import roster --commit': {
        args: () => ['import', 'roster', roster, '--commit'],
        methods: ['people.importCommit'],
      },
      'import women (preview)': {
        args: () => ['import', 'women', roster],
        methods: ['people.importPreview'],
      },
      'import responses': {
        args: () => ['import', 'responses', roster, '--campaign', String(campaignId)],
        methods: ['responses.import'],
      },
      'import responses --order': {
        args: () => ['import', 'responses', roster, '--campaign', String(campaignId), '--order', 'en'],
        methods: ['responses.preview', 'responses.import'],
      },
      'export roster': {
        args: (role) => ['export', 'roster', '--programme', 'school', '--out', join(out, `${role}.xlsx`), '--variant', EXPORT_VARIANTS_BY_ROLE[role][0] ?? 'full'], // prettier-ignore
        methods: ['exports.toFile'],
      },
      worklist: { args: () => ['worklist'], methods: ['cases.worklist'] },
      'worklist --level': {
        args: () => ['worklist', '--level', 'red'],
        methods: ['tiers.get', 'cases.worklist'],
      },
      alerts: { args: () => ['alerts'], methods: ['alerts.list'] },
      'cases assign': {
        args: () => ['cases', 'assign', '--case', '1', '--to', 'admin'],
        methods: ['cases.assign'],
      },
      'audit verify': { args: () => ['audit', 'verify'], methods: ['audit.verify'] },
      'audit list': { args: () => ['audit', 'list'], methods: ['audit.list'] },
      'score --data-dir': {
        args: () => ['score', '--instrument', 'PHQ-9', '--values', '0 1 2 3 0 1 2 3 0'],
        methods: ['instruments.get', 'instruments.score'],
      },
      'tier --data-dir': {
        args: () => ['tier', '--programme', 'school', '--phq9', '0 1 2 3 0 1 2 3 0'],
        methods: ['tiers.evaluate'],
      },
      station: {
        args: () => ['station', '--campaign', String(campaignId)],
        methods: ['station.start'],
        keepsRunning: true,
      },
      'backup create': { args: (role) => ['backup', 'create', '--out', join(out, `${role}.anxinbak`)], methods: ['backup.create'] }, // prettier-ignore
      'users add': {
        args: (role) => ['users', 'add', '--username', `new-${role.replace('_', '')}`, '--role', 'screener'],
        methods: ['users.create'],
      },
      'users list': { args: () => ['users', 'list'], methods: ['users.list'] },
      enrol: { args: () => ['enrol', '--invite', invite], methods: ['hubLink.enrol'] },
      'report bundle': { args: (role) => ['report', 'bundle', '--out', join(out, `${role}.anxinreport`)], methods: ['hubLink.bundle'] }, // prettier-ignore
    };
    const runs = Object.entries(cases).flatMap(([name, c]) => ROLES.map((role) => ({ name, c, role })));
    const mismatches: string[] = [];
    await inBatches(runs, 3, async ({ name, c, role }) => {
      const { username, password } = ACCOUNTS[role];
      const run = await runCli(
        [...c.args(role), '--data-dir', dir, '--user', username, '--json'],
        { ANXIN_PASSWORD: password, ANXIN_NEW_PASSWORD: 'new-pass-123' },
        c.keepsRunning,
      );
      const allowed = c.methods.every((m) => can(role, m));
      const code = run.json.error?.code ?? 'ok';
      if (allowed ? code === 'forbidden' : code !== 'forbidden' || run.code === 0)
        mismatches.push(`${name} as ${role}: ${code} (exit ${run.code})`);
      if (code === 'unauthenticated' || code === 'wrong_password' || code === 'internal')
        mismatches.push(`${name} as ${role}: ${code}`);
    });
    expect(mismatches).toEqual([]);
  }, 900_000);

  test("a screener's anxin import roster --commit is refused and writes nothing", async () => {
    const dir = tempDir();
    await schoolWithEveryRole(dir);
    const admin = createContext(dir, 'http');
    await ok(admin, 'auth.login', ACCOUNTS.admin);
    const count = async () => (await ok(admin, 'people.list', { kind: 'student', limit: 1 })).total;
    expect(await count()).toBe(40);
    const more = join(tempDir(), 'more.csv');
    writeFileSync(more, rosterCsv(25, 40));
    const run = await runCli(
      ['import', 'roster', more, '--commit', '--data-dir', dir, '--user', 'scr', '--json'],
      { ANXIN_PASSWORD: ACCOUNTS.screener.password },
    );
    expect(run.code).not.toBe(0);
    expect(run.json).toEqual({
      error: { code: 'forbidden', message: 'Your role does not allow this action.' },
    });
    expect(await count()).toBe(40);
    // The same file as the administrator goes in: the refusal was the role, not the file.
    const adminRun = await runCli(['import', 'roster', more, '--commit', '--data-dir', dir, '--json'], {
      ANXIN_PASSWORD: ADMIN_PASSWORD,
    });
    expect(adminRun.json).toMatchObject({ created: 25, committed: true });
    expect(await count()).toBe(65);
    await ok(admin, 'auth.logout', {});
  }, 120_000);

  test('a path upload is the command line’s only: over a page’s transport it is refused', async () => {
    const dir = tempDir();
    const { roster } = await schoolWithEveryRole(dir);
    const ctx = createContext(dir, 'http');
    await ok(ctx, 'auth.login', ACCOUNTS.admin);
    const result = await dispatch(ctx, 'people.importPreview', { kind: 'student', file: { path: roster } });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const toFile = await dispatch(ctx, 'exports.toFile', { programme: 'school', out: join(dir, 'x.xlsx') });
    expect(toFile).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await ok(ctx, 'auth.logout', {});
  });
});

describe('commands without a session are role-checked where they touch data', () => {
  test('a backup restores with an administrator’s password or the code, never a screener’s', async () => {
    const dir = tempDir();
    await schoolWithEveryRole(dir);
    const ctx = createContext(dir, 'http');
    await ok(ctx, 'auth.login', ACCOUNTS.admin);
    const { file } = await ok(ctx, 'backup.create', { folder: tempDir() });
    await ok(ctx, 'auth.logout', {});
    const target = tempDir();
    await expect(
      restoreBackup(file, target, { username: 'scr', password: ACCOUNTS.screener.password }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    // Nothing was moved in: the folder is as empty as before.
    expect(readdirSync(target)).toEqual([]);
    const restored = await restoreBackup(file, target, ACCOUNTS.admin);
    expect(restored.counts.people).toBe(40);
  }, 120_000);
});
