// Checks that this Node can run Anxin before anything is opened. Node 20 loads the SQLite module
// and then dies with a segmentation fault on the first database, so the version is checked first
// and the module is only touched on a supported Node. Plain JS with no dependencies: it runs
// before the build (`npm start`) and is bundled as the first thing `dist/cli.js` does.
import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';

export const MIN_NODE_MAJOR = 22;
const SQLITE_MODULE = 'better-sqlite3-multiple-ciphers';

/**
 * The one bilingual line saying why this runtime cannot run Anxin and what to do, or null.
 * `command` is how the user starts Anxin again once fixed (`npm start`, `npx anxin`).
 * @param {string} command
 * @returns {string | null}
 */
export function runtimeProblem(command) {
  const found = process.versions.node;
  if (Number(found.split('.')[0]) < MIN_NODE_MAJOR) {
    return (
      `安心筛查需要 Node.js ${MIN_NODE_MAJOR} 或更高版本（当前 v${found}）：请在项目目录运行 npm install 后用 ${command}，或安装 Node ${MIN_NODE_MAJOR}。` +
      ` / Anxin needs Node.js ${MIN_NODE_MAJOR} or newer (found v${found}): run npm install in the project folder, then ${command}, or install Node ${MIN_NODE_MAJOR}.`
    );
  }
  try {
    // Loading the package alone does not load the binary; an in-memory database does, and
    // touches no file.
    const Database = createRequire(import.meta.url)(SQLITE_MODULE);
    new Database(':memory:').close();
    return null;
  } catch (error) {
    const reason = String(/** @type {Error} */ (error)?.message ?? error)
      .split('\n')[0]
      .slice(0, 160);
    return (
      `安心筛查无法加载数据库模块 ${SQLITE_MODULE}（${reason}）：请在项目目录运行 npm install 后用 ${command}。` +
      ` / Anxin cannot load its database module ${SQLITE_MODULE} (${reason}): run npm install in the project folder, then ${command}.`
    );
  }
}

/**
 * Prints the problem as one line on stderr and ends the process with exit code 1; returns when
 * the runtime is fine.
 * @param {string} command
 */
export function exitUnlessRuntimeSupported(command) {
  const problem = runtimeProblem(command);
  if (problem === null) return;
  // Synchronous, so the line is out before the exit even on a pipe.
  writeSync(2, `${problem}\n`);
  process.exit(1);
}
