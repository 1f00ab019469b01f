import { Agent } from 'node:http';
import { beforeAll, describe, expect, test } from 'vitest';
import { answerAad, openNumber } from '../../electron/services/clinical/vault';
import { createContext } from '../../electron/services/context';
import { todayIso } from '../../shared/people';
import type { StationSession } from '../../shared/api/station';
import { ADMIN_PASSWORD, ok, setUpApp } from '../helpers/app';
import { ensureBuilt } from '../helpers/cli';
import { labPcAgent, post, startStationProcess } from '../helpers/station-process';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
const RESPONDENTS = 40;
const BIRTH = '2011-03-05';
const ITEMS = [
  ...['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9'].map((itemId) => ({
    instrumentId: 'PHQ-9',
    itemId,
  })),
  ...['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7'].map((itemId) => ({ instrumentId: 'GAD-7', itemId })),
];

/** The crash test runs the built CLI (rebuilt when older than its sources). */
beforeAll(ensureBuilt, 300_000);

describe('station crash safety', () => {
  test('a SIGKILL mid-burst loses no acknowledged answer and leaves the database intact', async () => {
    const dataDir = tempDir();
    const { ctx } = await setUpApp(dataDir);
    for (let i = 0; i < RESPONDENTS; i++)
      await ok(ctx, 'students.add', {
        studentNo: `C${100 + i}`,
        name: `学生${i}`,
        sex: 'F',
        birthDate: BIRTH,
        grade: '八年级',
        className: `${1 + (i % 4)}班`,
      });
    const campaign = await ok(ctx, 'campaigns.create', {
      name: 'crash',
      programme: 'school',
      signIn: 'student_no_birth_code',
      startsOn: '2026-11-23',
      endsOn: '2026-11-30',
      targets: [{ battery: ['PHQ-9', 'GAD-7'] }],
    });
    await ok(ctx, 'auth.logout', {});

    const station = startStationProcess(dataDir, campaign.id);
    const { port, stationCode } = await station.ready;
    const agent = new Agent({ keepAlive: true, maxSockets: RESPONDENTS });
    const tokens = await Promise.all(
      Array.from({ length: RESPONDENTS }, async (_, i) => {
        const session = (await post(labPcAgent(i), port, 'identify', {
          stationCode,
          studentNo: `C${100 + i}`,
          birthDate: BIRTH,
        })) as StationSession;
        await post(agent, port, 'consent', { token: session.token, accept: true });
        return session.token;
      }),
    );

    // Every acknowledged answer, by 学籍号 and item; each item is answered once, so the value is exact.
    const acknowledged = new Map<string, number>();
    const killAt = Math.floor((RESPONDENTS * ITEMS.length) / 3);
    let killed = false;
    await Promise.all(
      tokens.map(async (token, i) => {
        for (const [k, item] of ITEMS.entries()) {
          const value = (i + k) % 4;
          try {
            await post(agent, port, 'answer', { token, ...item, value });
          } catch {
            return; // The station is gone: this answer was never acknowledged.
          }
          acknowledged.set(`C${100 + i}/${item.instrumentId}/${item.itemId}`, value);
          if (!killed && acknowledged.size >= killAt) {
            killed = true;
            station.child.kill('SIGKILL');
          }
        }
      }),
    );
    await station.exited;
    agent.destroy();
    expect(killed).toBe(true);
    expect(acknowledged.size).toBeGreaterThanOrEqual(killAt);
    expect(acknowledged.size).toBeLessThan(RESPONDENTS * ITEMS.length);

    const reopened = createContext(dataDir, 'http');
    await ok(reopened, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    const db = reopened.db!;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The values are sealed (clinical fields); the administrator's session opens them, including
    // those under the killed station's writer key, which was committed with its first answer.
    const stored = new Map(
      db
        .prepare<[], { key: string; s: number; i: string; t: string; value: string }>(
          `SELECT p.student_no || '/' || a.instrument_id || '/' || a.item_id AS key,
                  a.screening_id AS s, a.instrument_id AS i, a.item_id AS t, a.value
           FROM screening_answers a JOIN screenings s ON s.id = a.screening_id JOIN people p ON p.id = s.person_id`,
        )
        .all()
        .map((r) => [r.key, openNumber(db, answerAad(r.s, r.i, r.t), r.value)]),
    );
    const lost = [...acknowledged].filter(([key, value]) => stored.get(key) !== value);
    expect(lost).toEqual([]);
    await ok(reopened, 'auth.logout', {});
  }, 120_000);
});

describe('a critical answer survives a crash', () => {
  test("SIGKILL right after item 9's 2xx: after restart the case and its same-day safety check exist", async () => {
    const dataDir = tempDir();
    const { ctx } = await setUpApp(dataDir);
    const student = await ok(ctx, 'students.add', {
      studentNo: 'K100',
      name: '学生甲',
      sex: 'F',
      birthDate: BIRTH,
      grade: '八年级',
      className: '1班',
    });
    const campaign = await ok(ctx, 'campaigns.create', {
      name: 'crash-critical',
      programme: 'school',
      signIn: 'student_no_birth_code',
      startsOn: '2026-11-23',
      endsOn: '2026-11-30',
      targets: [{ battery: ['PHQ-9'] }],
    });
    await ok(ctx, 'auth.logout', {});

    const station = startStationProcess(dataDir, campaign.id);
    const { port, stationCode } = await station.ready;
    const agent = new Agent({ keepAlive: true });
    const session = (await post(agent, port, 'identify', {
      stationCode,
      studentNo: 'K100',
      birthDate: BIRTH,
    })) as StationSession;
    await post(agent, port, 'consent', { token: session.token, accept: true });
    await post(agent, port, 'answer', {
      token: session.token,
      instrumentId: 'PHQ-9',
      itemId: 'q9',
      value: 3,
    });
    // The 2xx is in: nothing else happens before the kill (no submit, no clean stop).
    station.child.kill('SIGKILL');
    await station.exited;
    agent.destroy();

    const reopened = createContext(dataDir, 'http');
    await ok(reopened, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    const [item, ...rest] = await ok(reopened, 'cases.worklist', { programme: 'school' });
    expect(rest).toEqual([]);
    expect(item).toMatchObject({
      personId: student.id,
      level: 'red',
      reasons: [expect.objectContaining({ kind: 'item_positive', instrument: 'PHQ-9', item: 9 })],
      nextTask: { kind: 'safety_check', dueOn: todayIso() },
      incomplete: true,
    });
    expect((await ok(reopened, 'alerts.list', {})).map((a) => a.personId)).toEqual([student.id]);
    await ok(reopened, 'auth.logout', {});
  }, 120_000);
});
