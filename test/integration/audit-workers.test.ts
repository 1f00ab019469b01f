// A roster commit in a job worker (its own connection) writes its audit row while the request
// thread writes others (files opened): both connections chain onto the newest row, so the trail
// still verifies. Real `anxin serve`, real HTTP, a real encrypted database.
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, serveProcess } from '../helpers/cli';
import { PASSWORD, postJson, rosterCsv, schoolWithCampaign } from '../helpers/backend';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});
beforeAll(() => ensureBuilt());

describe('audit rows from a job worker and the request thread', () => {
  test('interleave and still verify', async () => {
    const { dataDir } = schoolWithCampaign(tempDir(), 30);
    const server = serveProcess(dataDir);
    cleanups.push(() => server.stop());
    const { port, token } = await server.ready;
    const api = async (method: string, input: unknown = {}) =>
      (await postJson(port, `/api/${method}`, input, { 'x-anxin-token': token })).body;
    expect((await api('auth.login', { username: 'admin', password: PASSWORD })).ok).toBe(true);

    const file = (count: number, first: number) => ({
      fileName: '名册.csv',
      contentBase64: Buffer.from(rosterCsv(count, first)).toString('base64'),
    });
    let importing = true;
    let opened = 0;
    const opener = (async () => {
      while (importing) {
        const result = await api('people.get', { id: 1 + (opened % 30) });
        expect(result.ok).toBe(true);
        opened++;
      }
    })();
    // Two commits, each a job in a worker writing its own people.import row.
    for (const first of [1_000, 4_000]) {
      const commit = await api('people.importCommit', { kind: 'student', file: file(3_000, first) });
      expect(commit).toMatchObject({ ok: true, value: { created: 3_000 } });
      await api('people.get', { id: 1 });
    }
    importing = false;
    await opener;

    const listed = (await api('audit.list', { limit: 5000 })) as {
      value: { items: { id: number; action: string }[] };
    };
    const actions = [...listed.value.items].reverse().map((e) => e.action);
    const imports = actions.flatMap((a, i) => (a === 'people.import' ? [i] : []));
    // The roster import of setup, then the two from the workers, with files opened around them.
    expect(imports).toHaveLength(3);
    const [, firstJob, secondJob] = imports as [number, number, number];
    expect(actions.slice(firstJob + 1, secondJob)).toContain('person.open');
    expect(actions.slice(0, firstJob)).toContain('person.open');
    expect(opened).toBeGreaterThan(2);
    expect(await api('audit.verify')).toEqual({
      ok: true,
      value: { ok: true, entries: listed.value.items.length },
    });
  }, 120_000);
});
