import { useMemo, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case, NextActionKind } from '../../../../shared/api/cases';
import type { Programme } from '../../../../shared/instruments/schema';
import type { TierLevel } from '../../../../shared/tiers/schema';
import { daysBetween } from '../../../../shared/people/date';
import { useApiQuery } from '../../api/query';
import { useContentLanguage } from '../../lib/format';
import { todayIso } from '../../../../shared/people/date';
import { ICD10_CODES, type DiagnosisConclusion, type Icd10Code } from '../../../../shared/cases/diagnosis';
import styles from './caseText.module.css';

export type Levels = ReadonlyMap<string, TierLevel>;

/** The programme's levels (names, colours, order) from the active warning rules. */
export function useLevels(programme: Programme): Levels {
  const levels = useApiQuery('tiers.get', { programme }).data?.active.ruleSet.levels;
  return useMemo(() => new Map((levels ?? []).map((l) => [l.id, l])), [levels]);
}

// The national five-colour scheme: fixed colours, not settings.
export const RISK_COLOURS = {
  green: '#2e9d5b',
  yellow: '#e0b100',
  orange: '#ef7d1a',
  red: '#d32f2f',
  purple: '#7e57c2',
} as const;

function Chip({
  colour,
  label,
  testId,
  level,
}: {
  colour: string;
  label: string;
  testId?: string;
  level?: string;
}) {
  return (
    <span
      className="level-chip"
      style={{ '--level': colour } as CSSProperties}
      data-testid={testId}
      data-level={level}
    >
      {label}
    </span>
  );
}

export function LevelChip({ levels, level, testId }: { levels: Levels; level: string; testId?: string }) {
  const lang = useContentLanguage();
  const found = levels.get(level);
  return (
    <Chip
      colour={found?.colour ?? '#687886'}
      label={found ? found.name[lang] : level}
      testId={testId}
      level={level}
    />
  );
}

export function ColourChip({ colour, testId }: { colour: keyof typeof RISK_COLOURS; testId?: string }) {
  const { t } = useTranslation();
  return <Chip colour={RISK_COLOURS[colour]} label={t(`cases.colour.${colour}`)} testId={testId} />;
}

/** Chips and short labels side by side, wrapping. */
export function CaseChips({ children }: { children: ReactNode }) {
  return <span className={styles.chips}>{children}</span>;
}

/** The colour and purple together, as the five-colour scheme writes them. */
export function RiskColours({ item }: { item: Pick<Case, 'colour' | 'purple'> }) {
  return (
    <CaseChips>
      {item.colour ? <ColourChip colour={item.colour} /> : null}
      {item.purple ? <ColourChip colour="purple" /> : null}
    </CaseChips>
  );
}

export function levelName(levels: Levels, level: string | null, lang: 'zh' | 'en'): string {
  if (!level) return '';
  return levels.get(level)?.name[lang] ?? level;
}

export const taskKey = (kind: NextActionKind) => `cases.task.${kind}` as const;

/** Days past due (positive) or 0 when due today or later. */
export const daysOverdue = (dueOn: string, today = todayIso()) => Math.max(0, daysBetween(dueOn, today));

/** The case's next action: its earliest open task, or the re-screen when that comes first. */
export function nextAction(c: Pick<Case, 'openTasks' | 'rescreenOn' | 'status'>) {
  if (c.status !== 'open') return null;
  const task = c.openTasks[0];
  if (c.rescreenOn && (!task || c.rescreenOn < task.dueOn))
    return { kind: 'rescreen' as const, dueOn: c.rescreenOn };
  return task ? { kind: task.kind, dueOn: task.dueOn } : null;
}

/** A due date's frame: figures aligned, red and bold once overdue. */
export function DueMark({
  overdue,
  children,
  testId,
}: {
  overdue: boolean;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <span className={overdue ? `${styles.due} ${styles.overdue}` : styles.due} data-testid={testId}>
      {children}
    </span>
  );
}

/** "截止 2026-05-01", "今天截止" or "已逾期 3 天": the due date in words, urgent first. */
export function DueText({ dueOn }: { dueOn: string }) {
  const { t } = useTranslation();
  const today = todayIso();
  const late = daysOverdue(dueOn, today);
  if (late > 0)
    return (
      <DueMark overdue>
        {dueOn} · {t('cases.page.overdueBy', { days: late })}
      </DueMark>
    );
  return (
    <DueMark overdue={false}>
      {dueOn === today ? t('cases.page.dueToday') : t('cases.page.dueOn', { date: dueOn })}
    </DueMark>
  );
}

/** "确诊 F53.0 产后抑郁": a specialist conclusion in the UI language, with its ICD-10 code. */
export function useConclusionText() {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  return (conclusion: DiagnosisConclusion | null, icd10: Icd10Code | null): string =>
    [
      conclusion ? t(`cases.referral.conclusion.${conclusion}`) : '',
      icd10 ? `${icd10} ${ICD10_CODES[icd10][lang]}` : '',
    ]
      .filter(Boolean)
      .join(' ');
}
