import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

/** Lints `code` as if it were the file at `path` and returns the project rules that fired. */
async function fired(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, path) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message).filter((id) => id.startsWith('anxin/'));
}

describe('project lint rules attack', () => {
  test('literal words in JSX are refused, punctuation and i18n calls pass', async () => {
    const page = 'renderer/src/features/people/Probe.tsx';
    expect(await fired(page, 'export const A = () => <p>保存</p>;\n')).toEqual(['anxin/no-jsx-literals']);
    expect(await fired(page, 'export const A = () => <p>{"Save"}</p>;\n')).toEqual(['anxin/no-jsx-literals']);
    expect(await fired(page, 'export const A = () => <input placeholder="姓名" />;\n')).toEqual([
      'anxin/no-jsx-literals',
    ]);
    expect(await fired(page, 'export const A = () => <p>{`共 ${1} 人`}</p>;\n')).toEqual([
      'anxin/no-jsx-literals',
    ]);
    expect(
      await fired(
        page,
        'declare const t: (k: string) => string;\nexport const A = () => <p>{t("x")} · 3/4 →</p>;\n',
      ),
    ).toEqual([]);
  });

  test('each room is fenced from the rooms above it', async () => {
    const imp = (spec: string) => `import { x } from '${spec}';\nexport const y = x;\n`;
    expect(await fired('electron/services/probe.ts', imp('../transports/http'))).toEqual(['anxin/fences']);
    expect(await fired('electron/services/probe.ts', imp('../../renderer/src/api/client'))).toEqual([
      'anxin/fences',
    ]);
    expect(await fired('shared/people/probe.ts', imp('../../electron/db/database'))).toEqual([
      'anxin/fences',
    ]);
    expect(await fired('renderer/src/ui/Probe.tsx', imp('../features/people/levels'))).toEqual([
      'anxin/fences',
    ]);
    expect(await fired('renderer/src/features/station/Probe.tsx', imp('../../api/client'))).toEqual([
      'anxin/fences',
    ]);
    expect(await fired('renderer/src/features/station/Probe.tsx', imp('../cases/caseText'))).toEqual([
      'anxin/fences',
    ]);
    expect(await fired('renderer/src/features/respondent/Probe.tsx', imp('../../store/session'))).toEqual([
      'anxin/fences',
    ]);
    // Allowed doors stay open.
    expect(await fired('renderer/src/features/station/Probe.tsx', imp('../respondent/model'))).toEqual([]);
    expect(await fired('renderer/src/features/people/Probe.tsx', imp('../../ui/Button'))).toEqual([]);
    expect(await fired('electron/services/probe.ts', imp('../db/database'))).toEqual([]);
  });
});
