import { beforeAll, describe, expect, test } from 'vitest';
import { latestSchemaVersion } from '../../electron/db/migrations';
import { TOKEN_HEADER } from '../../electron/transports/http';
import { anxin, ensureBuilt, serveProcess } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();
const password = { ANXIN_PASSWORD: 'cli-password-1' };

beforeAll(ensureBuilt, 300_000);

describe('anxin CLI', () => {
  test('init sets up a data folder and prints the recovery code; info reports it as JSON', () => {
    const dir = tempDir();
    const init = anxin(
      ['init', '--data-dir', dir, '--org-type', 'maternal', '--org-name', '城关镇卫生院', '--json'],
      password,
    );
    expect(init.code).toBe(0);
    expect(init.json()).toEqual({
      dataDir: dir,
      orgType: 'maternal',
      orgName: '城关镇卫生院',
      admin: 'admin',
      recoveryCode: expect.stringMatching(/^([0-9A-Z]{5}-){5}[0-9A-Z]{5}$/),
    });
    const info = anxin(['info', '--data-dir', dir, '--json'], password);
    expect(info.code).toBe(0);
    expect(info.json()).toEqual({
      dataDir: dir,
      org: { type: 'maternal', name: '城关镇卫生院' },
      schemaVersion: latestSchemaVersion,
      latestSchemaVersion,
      counts: { users: 1, students: 0 },
      cipher: 'sqlcipher',
    });
    const text = anxin(['info', '--data-dir', dir], password);
    expect(text.stdout).toContain('城关镇卫生院');
  });

  test('errors are typed JSON with a non-zero exit code', () => {
    const dir = tempDir();
    expect(
      anxin(['init', '--data-dir', dir, '--org-type', 'school', '--org-name', 'x', '--json'], {}).json(),
    ).toEqual({
      error: { code: 'invalid_input', message: 'Set ANXIN_PASSWORD to the administrator password.' },
    });
    const badType = anxin(
      ['init', '--data-dir', dir, '--org-type', 'hospital', '--org-name', 'x', '--json'],
      password,
    );
    expect(badType.code).toBe(2);
    expect(badType.json().error.code).toBe('invalid_input');
    expect(anxin(['info', '--data-dir', dir, '--json'], password).json().error.code).toBe('not_set_up');
    anxin(['init', '--data-dir', dir, '--org-type', 'school', '--org-name', 'x'], password);
    const wrong = anxin(['info', '--data-dir', dir, '--json'], { ANXIN_PASSWORD: 'wrong-password' });
    expect(wrong.code).toBe(1);
    expect(wrong.json().error.code).toBe('wrong_password');
    expect(anxin(['info', '--data-dir', dir, '--bogus'], password).code).toBe(2);
    expect(anxin(['frobnicate'], password).code).toBe(2);
  });

  test('serve answers the API on loopback with the printed token, and stops on SIGTERM', async () => {
    const dir = tempDir();
    anxin(['init', '--data-dir', dir, '--org-type', 'school', '--org-name', '第一中学'], password);
    const server = serveProcess(dir);
    const { port, token, url } = await server.ready;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    const response = await fetch(`http://127.0.0.1:${port}/api/app.status`, {
      method: 'POST',
      headers: { [TOKEN_HEADER]: token },
      body: '{}',
    });
    expect(await response.json()).toMatchObject({
      ok: true,
      value: { setUp: true, org: { name: '第一中学' }, user: null },
    });
    await server.stop();
    expect(server.child.exitCode).toBe(0);
  });
});
