import { rmSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './helpers/browser';
import { ensureBuilt } from './helpers/server';
import {
  boot,
  report,
  strip,
  walk,
  type Finding,
  type Installation,
  type Language,
  type Snippet,
  type Walk,
} from './helpers/ui-walk';

// Issue 15's first "done when": the English UI, walked end to end for a school and for a clinic,
// shows no Chinese except what the organisation itself entered (names, places, classes, notes);
// the Chinese UI shows no English except instrument names and codes. The walk visits every
// sidebar page and the pages reached from them, opens every case dialog, runs a kiosk and a
// station sign-in, and provokes a few errors; each screen's visible text and its title /
// aria-label / placeholder / alt attributes are checked (the walk: helpers/ui-walk.ts).

/**
 * Chinese that may reach the English UI as server data, by its source. Empty: errors, tier
 * reasons, contact methods, import issues and station refusals all cross the API as codes the UI
 * words itself. A new entry here is a leak to fix, not an allowance.
 */
const PENDING_CODES: readonly { text: string; source: string }[] = [];

/** Chinese characters, and the CJK / full-width punctuation that comes with them (，；：（）《》、。). */
const HAN = /[\p{Script=Han}\u3000-\u303F\uFF01-\uFF65]/u;
/** Latin words in Chinese text; a code such as PHQ-9 or EPDS-3A is one word. */
const LATIN_WORD = /[A-Za-z][A-Za-z0-9]*(?:[-_.'][A-Za-z0-9]+)*/g;
/** English allowed in the Chinese UI: instrument names and codes, units, file kinds, the product name. */
const ZH_ALLOWED_WORDS: readonly RegExp[] = [
  /^(PHQ|GAD|EPDS|PSC)(-[0-9A-Za-z]+)*$/, // instruments (PHQ-9, EPDS-3A)
  /^[A-Z]\d{2}(\.\d+)?$/, // ICD codes (F32.1)
  /^ICD(-\d+)?$/,
  /^(Anxin|PIN|ID|English|Excel|CSV|PDF|JSON|A4|QR|Wi-?Fi|IP|URL|HTTP|HTTPS|SQLCipher|AES-256|HMAC|SHA-256)$/,
  /^(xlsx|xls|csv|json|pdf|png|zip|db|bak|txt|anxin|anxinbak)$/i, // file extensions
  /^(Esc|Enter|Tab|Shift|Ctrl|Alt)$/, // keys on the keyboard
  /^(eth|wlan|wlp|enp|ens|eno|lo|docker|br)[0-9a-z]*$/, // network interface names (station address picker)
  /^safety$/, // the folder a restore moves the current data to, named as on disk
  /^(K|M|G)?B$/, // units
  /^[A-Z0-9]+(-[A-Z0-9]+)*$/, // printed codes: slip, station and check-in codes, NM-… pseudonyms
];

/** A tooltip that is a machine code, such as the audit action `anxin audit` prints (person.open). */
const MACHINE_CODE = /^[a-z]+(\.[a-zA-Z]+)*$/;

function violations(snippets: Snippet[], where: string, language: Language, allowed: string[]): Finding[] {
  const data = [...allowed].sort((a, b) => b.length - a.length);
  const found: Finding[] = [];
  for (const s of snippets) {
    const rest = strip(s.text, data).trim();
    if (language === 'en') {
      if (HAN.test(rest)) found.push({ ...s, where, snippet: rest });
    } else if (!s.code && !(s.attr === 'title' && MACHINE_CODE.test(s.text))) {
      const bad = (rest.replace(/https?:\/\/\S+/g, ' ').match(LATIN_WORD) ?? []).filter(
        (w) => !ZH_ALLOWED_WORDS.some((re) => re.test(w)),
      );
      if (bad.length) found.push({ ...s, where, snippet: `${bad.join(' ')}  ⟵  ${s.text}` });
    }
  }
  return found;
}

let browser: Browser;
const installs: Installation[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  ensureBuilt();
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  for (const i of installs) await i.server.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function assertClean(w: Walk): void {
  const seconds = Math.round((Date.now() - w.started) / 1000);
  console.log(`language walk ${w.inst.programme}/${w.language}: ${seconds}s`);
  const rule =
    w.language === 'en'
      ? 'Chinese in the English UI (not the organisation’s own data)'
      : 'English in the Chinese UI (not an instrument name or code)';
  expect(w.findings.length === 0 ? '' : `${rule}:\n${report(w.findings)}`).toBe('');
  expect(w.problems).toEqual([]);
}

describe.each(['school', 'perinatal'] as const)('the %s installation', (programme) => {
  let inst: Installation;
  beforeAll(async () => {
    inst = await boot(programme, dirs);
    installs.push(inst);
  }, 300_000);

  test.each(['en', 'zh-CN'] as const)(
    'in %s shows only that language',
    async (language) => {
      const allowed = language === 'en' ? PENDING_CODES.map((p) => p.text) : [];
      assertClean(await walk(browser, inst, language, violations, { allowed }));
    },
    600_000,
  );
});
