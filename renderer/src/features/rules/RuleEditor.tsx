import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TierCondition } from '../../../../shared/tiers/schema';
import { itemLabel } from '../library/instrumentText';
import { conditionText } from './ruleText';
import styles from './RulesPage.module.css';

/** A number box that lets the person type freely and reports only numbers (or blank, if allowed). */
function NumberInput({
  value,
  onChange,
  label,
  optional,
  invalid,
}: {
  value: number | undefined;
  onChange(value: number | undefined): void;
  label: string;
  optional?: boolean;
  invalid?: boolean;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(value === undefined ? '' : String(value));
  useEffect(() => setText(value === undefined ? '' : String(value)), [value]);
  return (
    <input
      type="number"
      inputMode="decimal"
      className={`input ${styles.num}`}
      aria-label={label}
      aria-invalid={invalid || undefined}
      placeholder={optional ? t('rules.noMax') : undefined}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const n = e.target.value.trim() === '' ? undefined : Number(e.target.value);
        if (n === undefined ? optional : Number.isFinite(n)) onChange(n);
      }}
    />
  );
}

/** The one mistake a rule can have before saving: a top of the range below its bottom. */
export function ruleProblem(when: TierCondition): 'rules.maxBelowMin' | null {
  if (when.kind === 'total' && when.max !== undefined && when.max < when.min) return 'rules.maxBelowMin';
  return null;
}

/** A rule in words with its thresholds as inputs: "PHQ-9 总分 [10] – [14]". */
export function RuleEditor({
  when,
  onChange,
  lang,
}: {
  when: TierCondition;
  onChange(when: TierCondition): void;
  lang: 'zh' | 'en';
}) {
  const { t } = useTranslation();
  if (when.kind === 'critical') return <span className={styles.words}>{conditionText(when, lang)}</span>;
  const rule = conditionText(when, lang);
  const min = (invalid: boolean) => (
    <NumberInput
      label={t('rules.minFor', { rule })}
      value={when.min}
      invalid={invalid}
      onChange={(next) => next !== undefined && onChange({ ...when, min: next })}
    />
  );
  const labelText = when.label ? t('rules.when.itemLabel', { label: when.label[lang] }) : '';
  if (when.kind === 'item') {
    return (
      <span className={styles.words}>
        <span className={styles.prefix}>
          {t('rules.itemPrefix', {
            instrument: when.instrument,
            item: itemLabel(when.item),
            label: labelText,
          })}
        </span>
        {min(false)}
      </span>
    );
  }
  const invalid = ruleProblem(when) !== null;
  return (
    <span className={styles.words}>
      <span className={styles.prefix}>{t('rules.totalPrefix', { instrument: when.instrument })}</span>
      {min(invalid)}
      <span className={styles.dash}>–</span>
      <NumberInput
        label={t('rules.maxFor', { rule })}
        value={when.max}
        optional
        invalid={invalid}
        onChange={(max) => {
          const next = { ...when };
          if (max === undefined) delete next.max;
          else next.max = max;
          onChange(next);
        }}
      />
      {labelText ? <span className={styles.prefix}>{labelText}</span> : null}
    </span>
  );
}
