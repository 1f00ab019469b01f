import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Programme } from '../../../../shared/instruments/schema';
import { todayIso } from '../../../../shared/people/date';
import { Tabs } from '../../ui/Tabs';
import { PRESETS, presetPeriod, type Period, type PeriodPreset } from '../../../../shared/figures/periods';
import styles from './DashboardPage.module.css';

const isInvalid = (p: Period) => !p.from || !p.to || p.from > p.to;

/**
 * The period the figures cover: a preset (this term, last month…) or typed dates. While a custom
 * range is half typed, `period` stays the last complete one so the figures do not flicker.
 */
export function usePeriodChoice(programme: Programme) {
  const today = todayIso();
  const first = PRESETS[programme][0] as Exclude<PeriodPreset, 'custom'>;
  const [preset, setPreset] = useState<PeriodPreset>(first);
  const [custom, setCustom] = useState<Period>(() => presetPeriod(first, today));
  const [applied, setApplied] = useState<Period>(custom);
  const period = preset === 'custom' ? applied : presetPeriod(preset, today);
  return {
    preset,
    custom,
    period,
    invalid: isInvalid(custom),
    choose(next: PeriodPreset) {
      if (next === 'custom') {
        setCustom(period);
        setApplied(period);
      }
      setPreset(next);
    },
    type(next: Period) {
      setCustom(next);
      if (!isInvalid(next)) setApplied(next);
    },
  };
}

export type PeriodChoice = ReturnType<typeof usePeriodChoice>;

export function PeriodPicker({ programme, choice }: { programme: Programme; choice: PeriodChoice }) {
  const { t } = useTranslation();
  const { custom, invalid } = choice;
  const date = (key: 'from' | 'to') => (
    <input
      type="date"
      className="input input-sm"
      aria-label={t(`dashboard.${key}`)}
      aria-invalid={invalid || undefined}
      value={custom[key]}
      onChange={(e) => choice.type({ ...custom, [key]: e.target.value })}
    />
  );
  return (
    <div className={styles.period}>
      <Tabs
        items={PRESETS[programme].map((p) => ({ value: p, label: t(`dashboard.presets.${p}`) }))}
        value={choice.preset}
        onChange={choice.choose}
        label={t('dashboard.period')}
        testId="period-presets"
      />
      {choice.preset === 'custom' ? (
        <span className={styles.dates}>
          {date('from')}
          <span aria-hidden="true">–</span>
          {date('to')}
        </span>
      ) : null}
    </div>
  );
}
