import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../../shared/api/errors';
import type { HubFilter } from '../../../shared/hub/views';
import { privateTmpFile } from '../../services/private-tmp';
import type { HubDb } from '../db/hub-db';
import { reportWorkbook, type ReportLang } from './report';
import type { HubUser } from './users';
import { districtDashboard } from './views';

/**
 * The district report as a printable PDF: the report's workbook (report.ts) printed by LibreOffice
 * headless, so the PDF is page for page what printing the workbook gives (A4, one page wide, headers
 * repeated). The product has no PDF writer of its own, and the hub is a server an administrator
 * installs: without LibreOffice the request is refused with `hub_report.pdf_unavailable` (the
 * workbook still works).
 */

const KNOWN_PATHS = [
  '/usr/bin/soffice',
  '/usr/bin/libreoffice',
  '/usr/lib/libreoffice/program/soffice',
  '/opt/libreoffice/program/soffice',
  '/Applications/LibreOffice.app/Contents/MacOS/soffice',
  'C:\\Program Files\\LibreOffice\\program\\soffice.exe',
];

/** LibreOffice's soffice: ANXIN_SOFFICE, a usual install path, or on PATH; undefined when missing. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.ANXIN_SOFFICE !== undefined) return existsSync(env.ANXIN_SOFFICE) ? env.ANXIN_SOFFICE : undefined;
  const onPath = (env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .flatMap((dir) => ['soffice', 'soffice.exe', 'libreoffice'].map((name) => join(dir, name)));
  return [...KNOWN_PATHS, ...onPath].find((path) => existsSync(path));
}

const CONVERT_TIMEOUT_MS = 120_000;

const unavailable = () =>
  new AppError('not_found', 'LibreOffice is not installed: the PDF report needs it (the workbook does not)', {
    detail: { reason: 'hub_report.pdf_unavailable' },
  });

/**
 * Converts an .xlsx to PDF in a private folder (owner-only; under the hub's data folder when given,
 * where a killed run's leftovers are cleaned at the next start) with its own LibreOffice profile, so
 * two conversions at once do not block each other on the user's profile.
 */
export async function xlsxToPdf(
  xlsx: Buffer,
  options: { dataDir?: string; soffice?: string } = {},
): Promise<Buffer> {
  const soffice = options.soffice ?? findSoffice();
  if (!soffice) throw unavailable();
  let dir: string;
  if (options.dataDir) {
    dir = privateTmpFile(options.dataDir);
    await mkdir(dir, { mode: 0o700 });
  } else dir = await mkdtemp(join(tmpdir(), 'anxin-hub-report-'));
  try {
    const input = join(dir, 'report.xlsx');
    await writeFile(input, xlsx, { mode: 0o600 });
    await new Promise<void>((resolve, reject) => {
      execFile(
        soffice,
        [
          `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
          '--headless',
          '--norestore',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          input,
        ],
        { timeout: CONVERT_TIMEOUT_MS, windowsHide: true },
        (error) => (error ? reject(error) : resolve()),
      );
    }).catch((error: unknown) => {
      throw new AppError('internal', `LibreOffice could not convert the report: ${(error as Error).message}`);
    });
    const pdf = join(dir, 'report.pdf');
    if (!existsSync(pdf)) throw new AppError('internal', 'LibreOffice wrote no PDF for the report');
    return await readFile(pdf);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The district report as a PDF, for what `user` may see, cut to `filter`, as of `today`. */
export async function districtReportPdf(
  db: HubDb,
  user: HubUser,
  filter: HubFilter,
  today: string,
  lang: ReportLang,
  options: { dataDir?: string; soffice?: string } = {},
): Promise<Buffer> {
  // Refuse before reading anything when there is nothing to print with.
  if (!(options.soffice ?? findSoffice())) throw unavailable();
  const dashboard = await districtDashboard(db, user, filter, today);
  return xlsxToPdf(await reportWorkbook(dashboard, filter, lang), options);
}
