import { EXPORT_TOO_LARGE } from '../../shared/api/exports';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { User } from '../../shared/api/auth';
import { runInWorker } from '../../electron/backend/offload';
import type { AppContext } from '../../electron/services/context';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

// A job that only grows its heap, standing in for a file that slipped past the reader's limits.
const GREEDY_WORKER = `
const hoard = [];
for (;;) hoard.push(new Array(100000).fill({ row: hoard.length }));
`;

describe('job workers have a memory ceiling', () => {
  test('an import job running out of memory ends with a clear message; the host lives on', async () => {
    const dir = tempDir();
    const workerFile = join(dir, 'greedy-worker.mjs');
    writeFileSync(workerFile, GREEDY_WORKER);
    const ctx = { dataDir: dir, transport: 'http', dataKey: Buffer.alloc(32, 1) } as unknown as AppContext;
    const user = { id: 1, username: 'admin', role: 'admin' } as unknown as User;
    const started = Date.now();
    await expect(
      runInWorker(
        workerFile,
        ctx,
        user,
        { kind: 'call', method: 'people.importPreview', input: {} },
        { maxHeapMb: 64 },
      ),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('超出了允许的内存'),
      extra: { detail: { reason: 'file.out_of_memory' } },
    });
    expect(Date.now() - started).toBeLessThan(20_000);
    // An export hitting the ceiling is a clear conflict, not an internal error.
    await expect(
      runInWorker(workerFile, ctx, user, { kind: 'export', options: {} as never }, { maxHeapMb: 64 }),
    ).rejects.toMatchObject({ code: 'conflict', extra: { detail: { reason: EXPORT_TOO_LARGE } } });
  });
});
