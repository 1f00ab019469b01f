import type { Messages } from '../../i18n/messages';

export const exportEn: Messages['export'] = {
  title: 'Export',
  subtitle:
    'Export the follow-up roster (Excel) for a period, levels and population; every export is recorded in the audit log',
  programme: 'Programme',
  programmes: { school: 'Student mental-health screening', perinatal: 'Perinatal depression screening' },
  from: 'From',
  to: 'To',
  levels: 'Warning levels',
  levelsHint: 'None selected means all levels',
  population: 'Population',
  populationHint: 'None selected means everyone',
  populationDeidentified:
    'The de-identified file covers whole grades (none selected means everyone), never a single class or township',
  grade: '{{grade}} (whole grade)',
  variant: 'Variant',
  variants: {
    full: 'Full (psychology staff)',
    'class-teacher': 'Class teacher (no scores or items)',
    aggregate: 'Figures only (supervisors)',
    deidentified: 'De-identified (can be sent on)',
  },
  options: 'Options',
  leaveOutDiagnosis: 'Leave out the diagnosis column',
  leaveOutItems: 'Leave out item columns (item 9/10 …)',
  shiftDates: 'Shift dates per person (de-identified)',
  start: 'Export',
  cancel: 'Cancel',
  running: 'Exporting…',
  phases: {
    reading: 'Reading records',
    summary: 'Summary',
    statistics: 'Group statistics',
    roster: 'Follow-up roster',
    screenings: 'Screening records',
    finishing: 'Writing the file',
  },
  rows: '{{done}} / {{total}} rows',
  done: 'Exported: {{people}} people on the roster, {{screenings}} screenings',
  cancelled: 'Export cancelled; no file was made',
  failed: 'Export failed',
  failures: {
    tooLarge:
      'Export failed: too much data for the memory allowed. Narrow the export (by grade, class or dates) and try again.',
    internal:
      'Export failed: an internal error; no file was made. The error was logged (without personal information). Try again; if it keeps happening, contact support.',
    unauthenticated: 'Export failed: your session ended. Log in again, then export.',
    other: 'Export failed; no file was made (error code {{code}}). Try again.',
  },
  noVariants: 'Your role cannot export the roster.',
};
