import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InstrumentSummary } from '../../../../shared/api/instruments';
import { formatRange, useContentLanguage } from '../../lib/format';
import { useProgramme } from '../../store/session';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import { Switch } from '../../ui/Switch';
import { Tag } from '../../ui/Tag';
import { gradeText, itemLabel, respondentText } from './instrumentText';
import styles from './library.module.css';

/** Bands run from least to most severe; the colour steps with the position. */
function bandTone(index: number, count: number): number {
  return count <= 1 ? 0 : Math.round((index / (count - 1)) * 4);
}

/** One instrument: who it is for, its cut-off, bands, critical items and licence, and its switch. */
export function InstrumentCard({
  summary,
  canToggle,
  onToggle,
  onPreview,
}: {
  summary: InstrumentSummary;
  canToggle: boolean;
  onToggle(enabled: boolean): Promise<void>;
  onPreview(): void;
}) {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  const programme = useProgramme();
  // The switch moves at once; it goes back if the server refuses.
  const [pending, setPending] = useState<boolean | null>(null);
  const enabled = pending ?? summary.enabled;
  const grades = gradeText(summary);

  async function toggle(on: boolean) {
    setPending(on);
    try {
      await onToggle(on);
    } finally {
      setPending(null);
    }
  }

  return (
    <article
      className={`card ${styles.instrumentCard}${enabled ? '' : ` ${styles.isDisabled}`}`}
      data-testid="instrument-card"
      data-instrument={summary.id}
      data-enabled={enabled}
      aria-label={summary.names[lang]}
    >
      <header className={styles.instrumentHead}>
        <div className={styles.instrumentTitles}>
          <div className={styles.instrumentTags}>
            <span className={styles.instrumentCode}>{summary.id}</span>
            <Tag tone="muted">{t('library.version', { version: summary.version })}</Tag>
            <Tag tone={summary.builtin ? 'primary' : 'accent'}>
              {summary.builtin ? t('library.builtin') : t('library.custom')}
            </Tag>
            {!enabled ? <Tag tone="muted">{t('library.disabledChip')}</Tag> : null}
          </div>
          {/* The name in the UI's language; the Chinese UI adds the English name, as scales are cited. */}
          <h2
            className={styles.instrumentName}
            lang={lang === 'zh' ? 'zh-CN' : 'en'}
            data-testid="instrument-name"
          >
            {summary.names[lang]}
          </h2>
          {lang === 'zh' ? (
            <p className={styles.instrumentNameEn} lang="en">
              {summary.names.en}
            </p>
          ) : null}
        </div>
        {canToggle ? (
          <Switch
            checked={enabled}
            disabled={pending !== null}
            onChange={(on) => void toggle(on)}
            label={enabled ? t('library.enabled') : t('library.disabled')}
            testId="instrument-enabled"
          />
        ) : null}
      </header>

      <dl className={styles.instrumentFacts}>
        <div>
          <dt>{t('library.items')}</dt>
          <dd>{t('library.itemCount', { count: summary.itemCount })}</dd>
        </div>
        <div>
          <dt>{t('library.population')}</dt>
          <dd>
            {respondentText(summary)}
            {/* Named in the organisation's own programme only (a clinic is not told "学校"). */}
            {summary.population.programmes
              .filter((p) => p === programme)
              .map((p) => (
                <span key={p} className={styles.programme}>
                  <Tag tone="muted">{t(`programme.${p}`)}</Tag>
                </span>
              ))}
            {grades ? <span className="fact-note">{grades}</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t('library.cutoff')}</dt>
          <dd>
            {summary.cutoff ? (
              <>
                <strong className={styles.cutoffValue}>
                  {t('library.cutoffValue', { min: summary.cutoff.min })}
                  {summary.cutoff.basis === 'standard' ? t('library.standardScore') : ''}
                </strong>
                <span className="fact-note" title={summary.cutoff.source}>
                  {summary.cutoff.source}
                </span>
              </>
            ) : (
              <span className="fact-note">{t('library.noCutoff')}</span>
            )}
          </dd>
        </div>
        {summary.bands.length > 0 ? (
          <div>
            <dt>{t('library.bands')}</dt>
            <dd>
              <ul className={styles.bandList}>
                {summary.bands.map((band, i) => (
                  <li
                    key={band.id}
                    className={`${styles.band} ${styles[`band${bandTone(i, summary.bands.length)}`]}`}
                  >
                    <span className={styles.bandRange}>{formatRange(band.min, band.max)}</span>
                    {band.label[lang]}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {summary.subscales.length > 0 ? (
          <div>
            <dt>{t('library.subscales')}</dt>
            <dd>
              <ul className={styles.plainList}>
                {summary.subscales.map((s) => (
                  <li key={s.id}>
                    {s.name[lang]}
                    {s.cutoff ? (
                      <span className="fact-note"> {t('library.cutoffValue', { min: s.cutoff.min })}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('library.critical')}</dt>
          <dd>
            {summary.critical.length === 0 ? (
              <span className="fact-note">{t('library.noCritical')}</span>
            ) : (
              <ul className={styles.plainList}>
                {summary.critical.map((c) => (
                  <li key={c.item} className={styles.criticalLine}>
                    <Icon name="alert" size={14} />
                    {t('library.criticalRule', {
                      item: itemLabel(c.item),
                      min: c.min,
                      reason: c.reason[lang],
                    })}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>

      <footer className={styles.licence} data-testid="instrument-licence">
        <p className={styles.licenceLine} data-testid="licence-line">
          <Icon name="award" size={15} />
          <span>{summary.licence.attribution[lang]}</span>
        </p>
        {summary.licence.requiresPermission ? (
          <p className={styles.licencePermission} data-testid="licence-permission">
            <Icon name="lock" size={14} />
            {t('library.requiresPermission', { holder: summary.licence.holder })}
          </p>
        ) : null}
      </footer>

      <div className={styles.instrumentActions}>
        <Button variant="secondary" size="sm" icon="eye" onClick={onPreview}>
          {t('library.preview')}
        </Button>
      </div>
    </article>
  );
}
