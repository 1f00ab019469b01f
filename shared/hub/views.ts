import { z } from 'zod';
import type { ReasonFact } from '../tiers/reasons';
import type { LocalizedText } from '../instruments/schema';
import type { HubProgramme } from './agreement';

/**
 * What the district hub's views return (electron/hub/services/views.ts computes them, the hub's
 * pages word them). Counts are summed over the installations in the user's scope and the period.
 */
export interface HubFigures {
  /** 应测 / 应筛 (person-times over the period's campaigns or months). */
  expected: number;
  /** 实测 / 已筛. */
  screened: number;
  /** screened / expected, null when nobody was due. */
  rate: number | null;
  declined: number;
  /** Screened by level id. */
  levels: Record<string, number>;
  /** People with a critical answer. */
  critical: number;
  referred: number;
  attended: number;
  /** 到位率: attended / referred, null when nobody was referred. */
  attendanceRate: number | null;
  openCases: number;
  /** Open cases whose safety check (安全确认) is past due. */
  overdueSafetyChecks: number;
  /** Open cases with any task past due. */
  overdueTasks: number;
}

export interface HubLevel {
  id: string;
  name: LocalizedText;
  colour: string;
}

export interface HubInstallationRow {
  id: string;
  name: string;
  programme: HubProgramme;
  township: string | null;
  status: 'invited' | 'enrolled' | 'revoked';
  /** When its newest bundle was written (the installation's clock) and received. */
  lastBundleAt: string | null;
  lastReceivedAt: string | null;
  daysSinceBundle: number | null;
  /** No bundle yet, or the newest is older than STALE_DAYS. */
  stale: boolean;
  namesShared: boolean;
  people: number;
  figures: HubFigures;
}

export interface HubTrendPoint {
  /** YYYY-MM */
  month: string;
  expected: number;
  screened: number;
  levels: Record<string, number>;
  critical: number;
}

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** What a dashboard or report is cut to, inside the user's scope (which it can only narrow). */
export const hubFilterSchema = z.strictObject({
  township: z.string().min(1).max(60).optional(),
  installationId: z.string().uuid().optional(),
  /** YYYY-MM bounds on the aggregates' month, both inclusive. */
  from: month.optional(),
  to: month.optional(),
});
export type HubFilter = z.infer<typeof hubFilterSchema>;

/** One programme's share of the dashboard: what the district report's paragraph words. */
export interface HubProgrammeFigures {
  programme: HubProgramme;
  /** That programme's installations' legends merged (most urgent first). */
  levels: HubLevel[];
  figures: HubFigures;
  installations: number;
  /** Installations with at least one overdue safety check. */
  withOverdueSafetyChecks: number;
  /** Installations with overdue tasks. */
  withOverdueTasks: number;
  /** Installations not revoked whose newest bundle is missing or older than STALE_DAYS. */
  stale: number;
}

export interface DistrictDashboard {
  hubName: string;
  asOf: string;
  /** The programmes present in scope. */
  programmes: HubProgramme[];
  /** The figures per programme present (school first): a school's 人次 and a clinic's 孕产妇 never add up. */
  byProgramme: HubProgrammeFigures[];
  levels: HubLevel[];
  totals: HubFigures;
  byTownship: { township: string | null; figures: HubFigures }[];
  /** Installations with overdue safety checks first (most first), then other overdue work, then by name. */
  installations: HubInstallationRow[];
  trend: HubTrendPoint[];
}

export interface HubCaseRow {
  ref: string;
  person: string;
  status: 'open' | 'lifted' | 'closed';
  level: string | null;
  purple: boolean;
  reasons: ReasonFact[];
  openedOn: string;
  endedOn: string | null;
  nextTask: { kind: string; dueOn: string } | null;
  overdue: boolean;
  safetyCheckDueOn: string | null;
  safetyCheckOverdue: boolean;
  referral: 'none' | 'referred' | 'attended' | 'concluded';
  outcome: string | null;
  /** Only where the installation's agreement shares names (and the installation sent them). */
  name?: string;
  grade?: string;
  className?: string;
}

export interface HubCaseList {
  installation: Pick<HubInstallationRow, 'id' | 'name' | 'programme' | 'township' | 'namesShared'>;
  levels: HubLevel[];
  /** Overdue safety checks first, then by level (most urgent first), then next due date. */
  cases: HubCaseRow[];
}

/** A bundle older than this many days marks its installation as late (逾期未报). */
export const STALE_DAYS = 14;
