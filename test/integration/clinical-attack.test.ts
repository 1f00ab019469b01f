// The offline attack on clinical content: a data folder set up through the real services, with an
// administrator, a psychologist, a screener and a class teacher at work; then the database is opened
// with nothing but what the class teacher's password unwraps (the data key, for now) and every
// cell of every table is searched for the answers, notes, records and the diagnosis.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { todayIso } from '../../shared/people/date';
import { openDatabase, type Db } from '../../electron/db/database';
import { createContext, DATABASE_FILE, type AppContext } from '../../electron/services/context';
import { unlockWithPassword } from '../../electron/services/keyring';
import {
  answerAad,
  closeClinical,
  clinicalPrivateKey,
  openClinical,
  openNumber,
} from '../../electron/services/clinical/vault';
import { getCase } from '../../electron/services/cases/cases';
import { personEvents } from '../../electron/services/people/person-events';
import { listAlerts } from '../../electron/services/screening/alerts';
import { ok, setUpApp } from '../helpers/app';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

// Texts no table would hold by chance: any trace of them in a cell is a leak.
const NOTE = '母亲反映她近两周夜里哭泣-NOTE-7731';
const SAFETY = '已与学生当面谈话并移除危险物品-SAFETY-5512';
const INTERVIEW = '复核约谈：自述有结束生命的计划-INTERVIEW-9042';
const REASON = '约谈确认风险持续-REASON-3318';
const FOLLOW_UP = '随访：情绪较上周平稳-FOLLOWUP-6620';
const GUARDIAN = '家长同意陪同就医-GUARDIAN-4471';
const DIAGNOSIS = '重度抑郁发作伴自杀观念-DIAGNOSIS-2209';
const OUTCOME = '住院治疗两周后出院-OUTCOME-8153';
const SECRETS = [NOTE, SAFETY, INTERVIEW, REASON, FOLLOW_UP, GUARDIAN, DIAGNOSIS, OUTCOME];

const PASSWORDS = { li: 'psych-pass-1', chen: 'class-pass-1', wu: 'screen-pass-1' };

async function loginAs(dataDir: string, username: keyof typeof PASSWORDS): Promise<AppContext> {
  const ctx = createContext(dataDir, 'http');
  await ok(ctx, 'auth.login', { username, password: PASSWORDS[username] });
  return ctx;
}

/** Every TEXT, BLOB and REAL cell of every table, with where it was found. */
function everyCell(db: Db): { where: string; value: string | Buffer | number }[] {
  const cells: { where: string; value: string | Buffer | number }[] = [];
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  for (const table of tables) {
    for (const row of db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]) {
      for (const [column, value] of Object.entries(row)) {
        if (
          typeof value === 'string' ||
          Buffer.isBuffer(value) ||
          (typeof value === 'number' && !Number.isInteger(value))
        )
          cells.push({ where: `${table}.${column}`, value: value as string | Buffer | number });
      }
    }
  }
  return cells;
}

describe('clinical content offline, with what a class teacher holds', () => {
  test('no answer, note, record or diagnosis in plaintext; no vault without the key reads them; the psychologist reads all', async () => {
    const dataDir = tempDir();
    const { ctx: admin } = await setUpApp(dataDir);
    await ok(admin, 'users.create', {
      username: 'li',
      displayName: '李老师',
      role: 'psychologist',
      password: PASSWORDS.li,
    });
    await ok(admin, 'users.create', {
      username: 'chen',
      displayName: '陈老师',
      role: 'class_teacher',
      password: PASSWORDS.chen,
      classes: [{ grade: '七年级', className: '1班' }],
    });
    await ok(admin, 'users.create', {
      username: 'wu',
      displayName: '吴老师',
      role: 'screener',
      password: PASSWORDS.wu,
    });
    const student = await ok(admin, 'students.add', {
      studentNo: '20260001',
      name: '张小明',
      sex: 'M',
      birthDate: '2013-03-05',
      grade: '七年级',
      className: '1班',
    });

    // The screener runs the sheet (no clinical read key): answers incl. item 9 at 3, then submits —
    // scoring works on the answers this process wrote.
    const screener = await loginAs(dataDir, 'wu');
    const answers = [2, 3, 1, 2, 3, 1, 2, 1, 3];
    const sheet = await ok(screener, 'screening.start', {
      personId: student.id,
      mode: 'kiosk',
      battery: ['PHQ-9'],
    });
    for (const [i, value] of answers.entries())
      await ok(screener, 'screening.saveAnswer', {
        screeningId: sheet.screeningId,
        instrumentId: 'PHQ-9',
        itemId: `q${i + 1}`,
        value,
      });
    const outcome = await ok(screener, 'screening.submit', { screeningId: sheet.screeningId });
    expect(outcome.results[0]).toMatchObject({ instrumentId: 'PHQ-9', total: 18, critical: true });
    expect(outcome.level).toBe('red');
    await ok(screener, 'auth.logout', {});

    // The psychologist records the follow-through.
    const li = await loginAs(dataDir, 'li');
    await ok(li, 'people.addNote', { id: student.id, text: NOTE });
    const [item] = await ok(li, 'cases.worklist', { programme: 'school' });
    expect(item?.personId).toBe(student.id);
    const caseId = item!.caseId;
    await ok(li, 'cases.safetyCheck', {
      caseId,
      talked: true,
      riskAssessed: true,
      familyContacted: true,
      plan: 'referral',
      outcome: SAFETY,
    });
    await ok(li, 'cases.interview', { caseId, summary: INTERVIEW, confirmedLevel: 'red', reason: REASON });
    await ok(li, 'cases.followUp', { caseId, method: 'in_person', content: FOLLOW_UP, riskChange: 'same' });
    await ok(li, 'cases.guardianContact', {
      caseId,
      contactedOn: '2026-11-02',
      who: '母亲',
      method: 'phone',
      response: GUARDIAN,
    });
    const referred = await ok(li, 'cases.refer', {
      caseId,
      institution: '市精神卫生中心',
      referredOn: '2026-11-02',
      consent: true,
    });
    const referralId = referred.referrals[0]!.id;
    await ok(li, 'cases.updateReferral', { referralId, status: 'attended', attendedOn: '2026-11-03' });
    await ok(li, 'cases.updateReferral', {
      referralId,
      status: 'diagnosed',
      conclusion: 'confirmed',
      diagnosis: DIAGNOSIS,
      diagnosedOn: '2026-11-04',
    });
    await ok(li, 'cases.updateReferral', { referralId, status: 'closed', outcome: OUTCOME });

    // With the psychologist's key everything reads back through the services.
    const file = await ok(li, 'people.get', { id: student.id });
    expect(file.events.find((e) => e.kind === 'note')?.text).toBe(NOTE);
    const kase = await ok(li, 'cases.get', { id: caseId });
    const detail = (kind: string) => kase.events.find((e) => e.kind === kind)?.detail;
    expect(detail('safety_check')).toMatchObject({ outcome: SAFETY, plan: 'referral', talked: true });
    expect(detail('interview')).toMatchObject({ summary: INTERVIEW, reason: REASON });
    expect(detail('follow_up')).toMatchObject({
      content: FOLLOW_UP,
      method: 'in_person',
      riskChange: 'same',
    });
    expect(detail('guardian_contact')).toMatchObject({ response: GUARDIAN, contactedOn: '2026-11-02' });
    expect(kase.referrals[0]).toMatchObject({ diagnosis: DIAGNOSIS, outcome: OUTCOME, status: 'closed' });
    const alerts = await ok(li, 'alerts.list', { openOnly: false });
    expect(alerts[0]?.critical).toEqual({ instrumentId: 'PHQ-9', itemNumber: 9, value: 3 });

    // The class teacher still sees what a class teacher may: the level and the next step.
    const chen = await loginAs(dataDir, 'chen');
    const teacherList = await ok(chen, 'cases.worklist', { programme: 'school' });
    expect(teacherList).toEqual([
      expect.objectContaining({
        personId: student.id,
        level: 'red',
        nextTask: expect.objectContaining({ kind: 'follow_up' }) as unknown,
      }),
    ]);
    for (const c of [admin, li, chen]) await ok(c, 'auth.logout', {});

    // Offline: the two files and the class teacher's password.
    const unlocked = await unlockWithPassword(dataDir, 'chen', PASSWORDS.chen);
    // The class teacher's entry opens the data key and no clinical key at all.
    expect(unlocked.clinicalKeys).toEqual([]);
    const dataKey = unlocked.dataKeys[0]!;
    const db = openDatabase(join(dataDir, DATABASE_FILE), dataKey);
    const cells = everyCell(db);
    expect(cells.length).toBeGreaterThan(100);
    for (const secret of SECRETS) {
      const leaks = cells.filter(({ value }) =>
        Buffer.isBuffer(value) ? value.includes(Buffer.from(secret)) : String(value).includes(secret),
      );
      expect(
        leaks.map((l) => l.where),
        secret,
      ).toEqual([]);
      // Not even a distinctive part of it (the marker at its end).
      const marker = secret.slice(secret.lastIndexOf('-') - 4);
      expect(
        cells.some(({ value }) => String(value).includes(marker)),
        marker,
      ).toBe(false);
    }
    // Every answer and alert value is sealed; the stored result keeps totals, not item values.
    const answerValues = db.prepare('SELECT value FROM screening_answers').pluck().all() as string[];
    expect(answerValues).toHaveLength(9);
    expect(answerValues.every((v) => /^c1\.\d+\.[A-Za-z0-9+/=]+$/.test(v))).toBe(true);
    expect(
      (db.prepare('SELECT value FROM alerts').pluck().all() as string[]).every((v) => v.startsWith('c1.')),
    ).toBe(true);
    const result = JSON.parse(db.prepare('SELECT result FROM screening_results').pluck().get() as string) as {
      itemScores: object;
      critical: { value: unknown }[];
      total: number;
      sealed: string;
    };
    expect(result).toMatchObject({ itemScores: {}, total: 18 });
    expect(result.critical.map((c) => c.value)).toEqual([null]);
    expect(result.sealed.startsWith('c1.')).toBe(true);
    // What a class teacher may see stays readable offline too: levels, dates, next steps.
    expect(db.prepare('SELECT level FROM screenings').pluck().get()).toBe('red');
    expect(db.prepare("SELECT due_on FROM tasks WHERE status = 'open'").pluck().all()).not.toEqual([]);

    // A vault opened without the private key reads none of it through the services.
    openClinical(db, null);
    expect(personEvents(db, student.id).find((e) => e.kind === 'note')?.text).toBeNull();
    const locked = getCase(db, caseId);
    // The day a check or interview took place stays readable, like a guardian contact's date.
    expect(locked.events.find((e) => e.kind === 'safety_check')?.detail).toEqual({ heldOn: todayIso(), restricted: true }); // prettier-ignore
    expect(locked.events.find((e) => e.kind === 'interview')?.detail).toEqual({ heldOn: todayIso(), restricted: true }); // prettier-ignore
    expect(locked.events.find((e) => e.kind === 'guardian_contact')?.detail).toEqual({
      contactedOn: '2026-11-02',
      method: 'phone',
      restricted: true,
    });
    expect(locked.referrals[0]).toMatchObject({ diagnosis: null, outcome: null, status: 'closed' });
    expect(locked.level).toBe('red');
    expect(listAlerts(db, 'admin', { openOnly: false })[0]?.critical).toBeNull();
    closeClinical(db);
    db.close();
    dataKey.fill(0);
  });

  test('a screener whose station restarted cannot read the earlier answers: they count as unanswered and are overwritten', async () => {
    const dataDir = tempDir();
    const { ctx: admin } = await setUpApp(dataDir);
    await ok(admin, 'users.create', {
      username: 'wu',
      displayName: '吴老师',
      role: 'screener',
      password: PASSWORDS.wu,
    });
    const student = await ok(admin, 'students.add', {
      studentNo: '20260002',
      name: '李小红',
      sex: 'F',
      birthDate: '2013-04-06',
      grade: '七年级',
      className: '1班',
    });
    const campaign = await ok(admin, 'campaigns.create', {
      name: '秋季筛查',
      programme: 'school',
      startsOn: '2026-11-01',
      endsOn: '2026-12-31',
      targets: [{ battery: ['PHQ-9'] }],
    });
    const answer = (ctx: AppContext, screeningId: number, item: number, value: number) =>
      ok(ctx, 'screening.saveAnswer', { screeningId, instrumentId: 'PHQ-9', itemId: `q${item}`, value });
    const first = await loginAs(dataDir, 'wu');
    const sheet = await ok(first, 'screening.start', {
      campaignId: campaign.id,
      personId: student.id,
      mode: 'kiosk',
    });
    for (const i of [1, 2, 3]) await answer(first, sheet.screeningId, i, 2);
    // Within the same process the station reads its own answers back (resume after a reload).
    const resumed = await ok(first, 'screening.start', {
      campaignId: campaign.id,
      personId: student.id,
      mode: 'kiosk',
    });
    expect(resumed.answers).toEqual({ 'PHQ-9': { q1: 2, q2: 2, q3: 2 } });
    await ok(first, 'auth.logout', {});

    // A new process (new writer key, no private key): the earlier answers are not readable.
    const second = await loginAs(dataDir, 'wu');
    const again = await ok(second, 'screening.start', {
      campaignId: campaign.id,
      personId: student.id,
      mode: 'kiosk',
    });
    expect(again.screeningId).toBe(sheet.screeningId);
    expect(again.answers).toEqual({});
    for (const i of [1, 2, 3, 4, 5, 6, 7, 8, 9]) await answer(second, sheet.screeningId, i, 1);
    const outcome = await ok(second, 'screening.submit', { screeningId: sheet.screeningId });
    expect(outcome.results[0]).toMatchObject({ total: 9, complete: true });
    // The administrator (clinical key) reads the answers the second process gave, one row per item.
    const rows = admin
      .db!.prepare('SELECT item_id AS item, value FROM screening_answers WHERE screening_id = ?')
      .all(sheet.screeningId) as { item: string; value: string }[];
    expect(
      rows.map((r) => openNumber(admin.db!, answerAad(sheet.screeningId, 'PHQ-9', r.item), r.value)),
    ).toEqual(Array<number>(9).fill(1));
    await ok(second, 'auth.logout', {});
  });

  test('the clinical private key is nowhere in the database or the keyring in the clear', async () => {
    const dataDir = tempDir();
    const { ctx: admin } = await setUpApp(dataDir);
    const privateKey = clinicalPrivateKey(admin.db!)!;
    const needles = [
      privateKey.toString('hex'),
      privateKey.toString('base64'),
      privateKey.toString('base64url'),
    ];
    const cells = everyCell(admin.db!);
    for (const needle of needles) {
      expect(cells.some(({ value }) => String(value).includes(needle))).toBe(false);
      expect(cells.some(({ value }) => Buffer.isBuffer(value) && value.includes(privateKey))).toBe(false);
      expect(readFileSync(join(dataDir, 'keyring.json'), 'utf8')).not.toContain(needle);
    }
    expect(
      admin.db!.prepare("SELECT count(*) FROM settings WHERE key LIKE 'clinical.%Private%'").pluck().get(),
    ).toBe(0);
    privateKey.fill(0);
  });
});
