import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Icon } from '../../ui/Icon';
import type { ParticipantStatus } from './api';
import { percent, type campaignPhase } from './api';

type CampaignPhase = ReturnType<typeof campaignPhase>;
import sc from './screening.module.css';
import styles from './ui.module.css';

export const STATUS_ORDER: readonly ParticipantStatus[] = [
  'done',
  'in_progress',
  'due',
  'declined',
  'absent',
];

/** The status palette's class, for anything coloured by a participant's status (data-status). */
export const statusTone = styles.tone;

export function StatusBadge({ status }: { status: ParticipantStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`${styles.pill} ${styles.tone}`} data-status={status} data-testid="participant-status">
      {t(`screening.status.${status}`)}
    </span>
  );
}

type Counts = Record<ParticipantStatus, number> & { total: number };

/** The status colour as a small square, for a legend. */
export function StatusDot({ status }: { status: ParticipantStatus }) {
  return <span className={`${styles.legendDot} ${styles.swatch}`} data-status={status} aria-hidden="true" />;
}

/** Where a campaign stands in time (running, upcoming, over), as a small pill. */
export function PhaseTag({ phase }: { phase: CampaignPhase }) {
  const { t } = useTranslation();
  return (
    <span className={`${styles.pill} ${styles.phase}`} data-phase={phase}>
      {t(`screening.phase.${phase}`)}
    </span>
  );
}

/** One bar split by status, so a glance shows done, in progress, not started, declined and absent. */
export function StackedBar({ counts, label }: { counts: Counts; label?: string }) {
  const { t } = useTranslation();
  const done = percent(counts.done, counts.total);
  return (
    <div
      className={styles.bar}
      role="img"
      aria-label={
        label ?? t('screening.common.doneOf', { done: counts.done, total: counts.total, pct: done })
      }
    >
      {STATUS_ORDER.map((s) =>
        counts[s] > 0 ? (
          <span
            key={s}
            className={`${styles.barSeg} ${styles.swatch}`}
            data-status={s}
            style={{ width: `${(counts[s] / Math.max(1, counts.total)) * 100}%` }}
          />
        ) : null,
      )}
    </div>
  );
}

export function StatusLegend() {
  const { t } = useTranslation();
  return (
    <ul className={styles.legend} aria-hidden="true">
      {STATUS_ORDER.map((s) => (
        <li key={s}>
          <StatusDot status={s} />
          {t(`screening.status.${s}`)}
        </li>
      ))}
    </ul>
  );
}

/** Toggle chips for a multi-select: every option visible at once, one click each. */
export function ChipSelect({
  label,
  options,
  selected,
  onChange,
  emptyMeans,
  testId,
}: {
  label: string;
  options: readonly { value: string; label: string; count?: number }[];
  selected: readonly string[];
  onChange(next: string[]): void;
  /** What choosing nothing means ("全部年级"), shown as the first chip. */
  emptyMeans?: string;
  testId?: string;
}) {
  const labelId = useId();
  const toggle = (value: string) =>
    onChange(selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value]);
  return (
    <div className={styles.chipsField}>
      <p className="field-label" id={labelId}>
        {label}
      </p>
      <div className={styles.chips} role="group" aria-labelledby={labelId} data-testid={testId}>
        {emptyMeans !== undefined ? (
          <button
            type="button"
            className={styles.chip}
            aria-pressed={selected.length === 0}
            onClick={() => onChange([])}
          >
            {emptyMeans}
          </button>
        ) : null}
        {options.map((o) => (
          <button
            key={o.value}
            type="button"
            className={styles.chip}
            aria-pressed={selected.includes(o.value)}
            onClick={() => toggle(o.value)}
          >
            {selected.includes(o.value) ? <Icon name="check" size={14} /> : null}
            {o.label}
            {o.count !== undefined ? <span className={styles.chipCount}>{o.count}</span> : null}
          </button>
        ))}
      </div>
    </div>
  );
}

export function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <Link to={to} className={`link ${styles.back}`}>
      <Icon name="chevronLeft" size={16} />
      {label}
    </Link>
  );
}

/** A radio or checkbox with its label and a quieter line under it saying what the choice means. */
export function HintedChoice({
  type = 'radio',
  name,
  checked,
  onChange,
  label,
  hint,
  testId,
  role,
}: {
  type?: 'radio' | 'checkbox';
  name?: string;
  checked: boolean;
  onChange(checked: boolean): void;
  label: string;
  hint: string;
  testId?: string;
  role?: 'switch';
}) {
  return (
    <label className="checkbox">
      <input
        type={type}
        name={name}
        role={role}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        data-testid={testId}
      />
      <span>
        {label}
        <span className={sc.checkboxHint}>{hint}</span>
      </span>
    </label>
  );
}
