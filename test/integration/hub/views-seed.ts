import { randomUUID } from 'node:crypto';
import type { HubQueries } from '../../../electron/hub/db/hub-db';
import type { HubUser } from '../../../electron/hub/services/users';
import { defaultAgreement, type HubProgramme } from '../../../shared/hub/agreement';
import {
  BUNDLE_FORMAT,
  type BundleAggregate,
  type BundleCase,
  type BundlePayload,
} from '../../../shared/hub/bundle';
import { pseudonym, type SyntheticInstallation } from '../../helpers/hub-bundles';

/**
 * A small district written straight into the hub's tables (what ingest would leave), so the views'
 * tests do not depend on the ingest path: two schools and a clinic in three townships, plus a school
 * that was invited and never reported. Every figure below is summed by hand in the tests.
 */
export const HUB_NAME = '临川区心理健康教育指导中心';
export const TODAY = '2026-05-10';

export const IDS = {
  first: '11111111-1111-4111-8111-111111111111',
  second: '22222222-2222-4222-8222-222222222222',
  clinic: '33333333-3333-4333-8333-333333333333',
  third: '44444444-4444-4444-8444-444444444444',
};

const SCHOOL_LEVELS = [
  { id: 'red', name: { zh: '红色预警（一级）', en: 'Red (level 1)' }, colour: '#D32F2F' },
  { id: 'orange', name: { zh: '橙色预警（二级）', en: 'Orange (level 2)' }, colour: '#F57C00' },
  { id: 'yellow', name: { zh: '黄色预警（三级）', en: 'Yellow (level 3)' }, colour: '#FBC02D' },
  { id: 'green', name: { zh: '绿色（无预警）', en: 'Green (no warning)' }, colour: '#388E3C' },
];
const PERINATAL_LEVELS = [
  {
    id: 'critical',
    name: { zh: '危急（当日评估）', en: 'Critical (same-day assessment)' },
    colour: '#B71C1C',
  },
  {
    id: 'positive',
    name: { zh: '筛查阳性（建议进一步评估）', en: 'Positive (refer for further assessment)' },
    colour: '#E65100',
  },
  {
    id: 'watch',
    name: { zh: '需关注（2–4 周内复筛）', en: 'Watch (repeat within 2–4 weeks)' },
    colour: '#F9A825',
  },
  { id: 'negative', name: { zh: '筛查阴性', en: 'Negative' }, colour: '#2E7D32' },
];

interface Inst {
  id: string;
  name: string;
  programme: HubProgramme;
  township: string;
  names: boolean;
  status: 'invited' | 'enrolled';
  lastCreatedAt: string | null;
  people: number;
}

const INSTALLATIONS: Inst[] = [
  {
    id: IDS.first,
    name: '第一中学',
    programme: 'school',
    township: '城关镇',
    names: true,
    status: 'enrolled',
    lastCreatedAt: '2026-05-08T02:00:00.000Z',
    people: 100,
  },
  {
    id: IDS.second,
    name: '第二小学',
    programme: 'school',
    township: '河口乡',
    names: false,
    status: 'enrolled',
    lastCreatedAt: '2026-04-01T02:00:00.000Z',
    people: 200,
  },
  {
    id: IDS.clinic,
    name: '石门乡卫生院',
    programme: 'perinatal',
    township: '石门乡',
    names: false,
    status: 'enrolled',
    lastCreatedAt: '2026-05-09T02:00:00.000Z',
    people: 45,
  },
  {
    id: IDS.third,
    name: '第三中学',
    programme: 'school',
    township: '石门乡',
    names: false,
    status: 'invited',
    lastCreatedAt: null,
    people: 0,
  },
];

type Agg = [
  id: string,
  key: string,
  month: string,
  expected: number,
  screened: number,
  declined: number,
  levels: Record<string, number>,
  critical: number,
  referred: number,
  attended: number,
];
const AGGREGATES: Agg[] = [
  [IDS.first, 'c1|1|1', '2026-03', 100, 98, 2, { red: 2, orange: 3, yellow: 5, green: 88 }, 2, 2, 1],
  [IDS.first, 'c2|1|1', '2026-09', 100, 95, 5, { red: 1, orange: 2, yellow: 4, green: 88 }, 1, 1, 1],
  [IDS.second, 'c1|1|1', '2026-03', 120, 115, 5, { red: 0, orange: 2, yellow: 3, green: 110 }, 0, 0, 0],
  [IDS.second, 'c1|1|2', '2026-03', 80, 75, 5, { orange: 2, yellow: 3, green: 70 }, 0, 0, 0],
  [
    IDS.clinic,
    '2026-03|early|石门乡',
    '2026-03',
    40,
    38,
    2,
    { critical: 1, positive: 2, watch: 3, negative: 32 },
    1,
    3,
    2,
  ],
  [
    IDS.clinic,
    '2026-04|early|石门乡',
    '2026-04',
    30,
    30,
    0,
    { positive: 1, watch: 2, negative: 27 },
    0,
    1,
    1,
  ],
];

type Case = [
  id: string,
  ref: string,
  status: string,
  level: string | null,
  nextKind: string | null,
  nextDue: string | null,
  safetyDue: string | null,
  named: boolean,
];
const CASES: Case[] = [
  // 第一中学: two open cases with overdue tasks (the red one named, as its agreement allows), one closed.
  [IDS.first, 'aaaaaaaaaaaaaaa1', 'open', 'red', 'follow_up', '2026-05-01', '2026-05-20', true],
  [IDS.first, 'aaaaaaaaaaaaaaa2', 'open', 'orange', 'follow_up', '2026-05-08', null, false],
  [IDS.first, 'aaaaaaaaaaaaaaa3', 'closed', 'yellow', null, null, null, false],
  // 第二小学: an open case whose safety check is overdue, and one not yet due.
  [IDS.second, 'bbbbbbbbbbbbbbb1', 'open', 'yellow', 'follow_up', '2026-06-01', null, false],
  [IDS.second, 'bbbbbbbbbbbbbbb2', 'open', 'orange', 'safety_check', '2026-05-02', '2026-05-02', false],
  // 石门乡卫生院: one overdue task.
  [IDS.clinic, 'ccccccccccccccc1', 'open', 'critical', 'follow_up', '2026-05-05', '2026-05-11', false],
];

export async function seedDistrict(db: HubQueries): Promise<void> {
  await db.query(
    "INSERT INTO hub (id, name, public_key) VALUES ('99999999-9999-4999-8999-999999999999', $1, 'k')",
    [HUB_NAME],
  );
  for (const i of INSTALLATIONS)
    await db.query(
      `INSERT INTO installations (id, name, programme, township, agreement, status, last_sequence, last_created_at, last_received_at, people, levels)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10)`,
      [
        i.id,
        i.name,
        i.programme,
        i.township,
        JSON.stringify(defaultAgreement(i.programme, i.names)),
        i.status,
        i.lastCreatedAt ? 1 : null,
        i.lastCreatedAt,
        i.people,
        JSON.stringify(i.lastCreatedAt ? (i.programme === 'school' ? SCHOOL_LEVELS : PERINATAL_LEVELS) : []),
      ],
    );
  for (const [
    id,
    key,
    month,
    expected,
    screened,
    declined,
    levels,
    critical,
    referred,
    attended,
  ] of AGGREGATES)
    await db.query(
      `INSERT INTO aggregates (installation_id, key, version, sequence, month, expected, screened, declined, levels, critical, referred, attended)
       VALUES ($1, $2, 1, 1, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [id, key, month, expected, screened, declined, JSON.stringify(levels), critical, referred, attended],
    );
  for (const [id, ref, status, level, nextKind, nextDue, safetyDue, named] of CASES)
    await db.query(
      `INSERT INTO cases (installation_id, ref, version, sequence, person, status, level, purple, reasons, opened_on, ended_on, tasks,
         next_task_kind, next_due_on, safety_check_due_on, referral, outcome, name, grade, class_name)
       VALUES ($1, $2, 1, 1, $3, $4, $5, false, '[]', '2026-03-02', $6, '[]', $7, $8, $9, 'none', NULL, $10, $11, $12)`,
      [
        id,
        ref,
        ref.replace(/.$/, 'z'),
        status,
        level,
        status === 'closed' ? '2026-04-01' : null,
        nextKind,
        nextDue,
        safetyDue,
        named ? '张三' : null,
        named ? '初一' : null,
        named ? '1班' : null,
      ],
    );
}

export const user = (role: HubUser['role'], scope: HubUser['scope'] = { kind: 'district' }): HubUser => ({
  id: 1,
  username: role,
  displayName: role,
  role,
  scope,
});

/** A township clinic's snapshot (months × time points), as a perinatal installation would send it. */
export function clinicPayload(
  inst: SyntheticInstallation,
  createdAt: string,
  months: string[] = ['2026-04', '2026-05'],
): BundlePayload {
  const timePoints = ['early', 'mid', 'late', 'postpartum42'];
  const aggregates: BundleAggregate[] = months.flatMap((month, m) =>
    timePoints.map((timePoint, t) => {
      const screened = 20 + m + t;
      const critical = t === 3 ? 1 : 0;
      const positive = 1 + ((m + t) % 2);
      const watch = 2;
      return {
        key: `${month}|${timePoint}`,
        campaign: null,
        grade: null,
        className: null,
        timePoint,
        township: inst.invite.township,
        month,
        expected: screened + 2,
        screened,
        declined: 1,
        levels: { critical, positive, watch, negative: screened - critical - positive - watch },
        critical,
        referred: critical + positive,
        attended: positive,
      };
    }),
  );
  const cases: BundleCase[] = [0, 1, 2].map((i) => ({
    ref: pseudonym(`${inst.invite.installationId}|c|${i}`),
    person: pseudonym(`${inst.invite.installationId}|p|${i}`),
    status: 'open',
    level: i === 0 ? 'critical' : 'positive',
    purple: false,
    reasons: [],
    openedOn: '2026-05-02',
    endedOn: null,
    tasks: [{ kind: i === 0 ? 'safety_check' : 'follow_up', dueOn: i === 2 ? '2026-06-01' : '2026-07-15' }],
    referral: 'referred',
    outcome: null,
  }));
  return {
    format: BUNDLE_FORMAT,
    bundleId: randomUUID(),
    hubId: inst.invite.hubId,
    installationId: inst.invite.installationId,
    sequence: ++inst.sequence,
    createdAt,
    agreement: inst.invite.agreement,
    installation: { name: inst.invite.installationName, township: inst.invite.township },
    levels: PERINATAL_LEVELS,
    people: 120,
    aggregates,
    cases,
  };
}
