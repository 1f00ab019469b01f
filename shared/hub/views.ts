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

export interface HubFilter {
  township?: string;
  installationId?: string;
  /** YYYY-MM bounds on the aggregates' month, both inclusive. */
  from?: string;
  to?: string;
}

export interface DistrictDashboard {
  hubName: string;
  asOf: string;
  /** The programmes present in scope. */
  programmes: HubProgramme[];
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
