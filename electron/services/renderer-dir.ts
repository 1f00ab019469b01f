import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built UI: `out/renderer` at the project root, found from wherever this bundle runs. */
export function rendererDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'out', 'renderer');
    if (existsSync(join(candidate, 'index.html'))) return resolve(candidate);
    dir = dirname(dir);
  }
  throw new Error('The UI has not been built: run `npm run build` first.');
}
