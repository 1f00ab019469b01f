import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InstrumentSummary } from '../../../../shared/api/instruments';
import type { InstrumentDefinition, Language } from '../../../../shared/instruments/schema';
import type { ScoreResult } from '../../../../shared/instruments/result';
import { displayOptions } from '../../../../shared/instruments/options';
import { describeError } from '../../api/errors';
import { useApiQuery } from '../../api/query';
import { Icon } from '../../ui/Icon';
import { Dialog } from '../../ui/Dialog';
import { LoadState } from '../../ui/LoadState';
import { Spinner } from '../../ui/Spinner';
import { Tabs } from '../../ui/Tabs';
import { Tag } from '../../ui/Tag';
import { Switch } from '../../ui/Switch';
import { formatRange, useContentLanguage } from '../../lib/format';
import { itemLabel } from './instrumentText';
import { Button } from '../../ui/Button';
import styles from './library.module.css';

function LanguageToggle({ value, onChange }: { value: Language; onChange(lang: Language): void }) {
  const { t } = useTranslation();
  return (
    <Tabs
      items={(['zh', 'en'] as const).map((lang) => ({
        value: lang,
        label: lang === 'zh' ? t('language.zh') : t('language.en'),
        testId: `preview-lang-${lang}`,
        lang: lang === 'zh' ? 'zh-CN' : 'en',
      }))}
      value={value}
      onChange={onChange}
      label={t('library.previewLanguage')}
    />
  );
}

function ScorePanel({
  def,
  summary,
  result,
  error,
  busy,
  onClear,
}: {
  def: InstrumentDefinition;
  summary: InstrumentSummary;
  result: ScoreResult | null;
  error: unknown;
  busy: boolean;
  onClear(): void;
}) {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  const band = result?.band ? summary.bands.find((b) => b.id === result.band) : undefined;
  const subscales = def.scales.filter((s) => s.id !== def.mainScale);
  return (
    <div className={styles.tryoutPanel} data-testid="tryout-result" aria-live="polite">
      <div className={styles.tryoutFigures}>
        <div className={styles.tryoutTotal}>
          <span className={styles.tryoutLabel}>{t('library.tryout.total')}</span>
          <strong data-testid="tryout-total">
            {result?.total ?? '—'}
            {result && !result.complete ? (
              <span className={styles.tryoutRange}>
                {' '}
                (
                {t('library.tryout.range', {
                  range: formatRange(result.totalRange.min, result.totalRange.max),
                })}
                )
              </span>
            ) : null}
          </strong>
        </div>
        <div>
          <span className={styles.tryoutLabel}>{t('library.tryout.band')}</span>
          <strong>
            {band ? band.label[lang] : result && !result.complete ? t('library.tryout.undecided') : '—'}
          </strong>
        </div>
        <div>
          <span className={styles.tryoutLabel}>{t('library.tryout.screen')}</span>
          {result?.positive === true ? (
            <Tag tone="danger">{t('library.tryout.positive')}</Tag>
          ) : result?.positive === false ? (
            <Tag tone="success">{t('library.tryout.negative')}</Tag>
          ) : (
            <strong>—</strong>
          )}
        </div>
        {subscales.map((s) => (
          <div key={s.id}>
            <span className={styles.tryoutLabel}>{s.name[lang]}</span>
            <strong>{result?.subscales[s.id]?.score ?? '—'}</strong>
          </div>
        ))}
        <div>
          <span className={styles.tryoutLabel}>{t('library.tryout.answered')}</span>
          <strong>
            {result?.answered ?? 0} / {result?.expected ?? def.items.filter((i) => i.scored !== false).length}
          </strong>
        </div>
        {busy ? <Spinner size={14} /> : null}
      </div>
      {result && result.critical.length > 0 ? (
        <p className={styles.tryoutCritical} data-testid="tryout-critical">
          <Icon name="alert" size={15} />
          {t('library.tryout.critical', {
            items: result.critical
              .map((c) =>
                t('library.tryout.criticalItem', {
                  item: itemLabel(c.item, c.number),
                  reason: c.reason[lang],
                }),
              )
              .join(t('errors.listSeparator')),
          })}
        </p>
      ) : null}
      {band?.advice ? <p className={styles.tryoutAdvice}>{band.advice[lang]}</p> : null}
      {error ? <p className="field-error">{describeError(error)}</p> : null}
      <Button variant="ghost" size="sm" onClick={onClear}>
        {t('library.tryout.clear')}
      </Button>
    </div>
  );
}

/** The form as a respondent sees it, in either language, with an optional live try-out score. */
export function PreviewDialog({ summary, onClose }: { summary: InstrumentSummary; onClose(): void }) {
  const { t } = useTranslation();
  const uiLang = useContentLanguage();
  const [lang, setLang] = useState<Language>(uiLang);
  const [trying, setTrying] = useState(false);
  const [values, setValues] = useState<Record<string, number>>({});
  const def = useApiQuery('instruments.get', { id: summary.id });
  const items = useMemo(
    () => (def.data ? [...def.data.items].sort((a, b) => a.number - b.number) : []),
    [def.data],
  );
  // Each change of answers asks the server to score them; the last answer stays while the next loads.
  const score = useApiQuery(
    'instruments.score',
    { instrumentId: summary.id, values: (def.data?.items ?? []).map((item) => values[item.id] ?? null) },
    { enabled: trying && def.data !== undefined, keepPrevious: true },
  );
  const result: ScoreResult | null = trying ? (score.data ?? null) : null;

  const licence = summary.licence;
  return (
    <Dialog
      size="xl"
      title={summary.names[lang]}
      subtitle={
        <>
          {t('library.version', { version: summary.version })} ·{' '}
          {t('library.itemCount', { count: summary.itemCount })}
        </>
      }
      headerExtra={
        <>
          <Switch
            checked={trying}
            onChange={setTrying}
            label={t('library.tryout.toggle')}
            testId="tryout-toggle"
          />
          <LanguageToggle value={lang} onChange={setLang} />
        </>
      }
      onClose={onClose}
      testId="preview-dialog"
      footer={
        trying && def.data ? (
          <ScorePanel
            def={def.data}
            summary={summary}
            result={result}
            error={score.error}
            busy={score.isFetching}
            onClear={() => setValues({})}
          />
        ) : (
          <Button variant="secondary" onClick={onClose}>
            {t('common.close')}
          </Button>
        )
      }
    >
      <LoadState query={def} failed={t('library.loadFailed')}>
        {(definition) => (
          <div className={styles.formPreview} lang={lang === 'zh' ? 'zh-CN' : 'en'}>
            {trying ? <p className={styles.tryoutHint}>{t('library.tryout.hint')}</p> : null}
            <div className={styles.formInstructions}>
              <p>{definition.instructions[lang]}</p>
              {definition.timeFrame ? (
                <p className={styles.formTimeframe}>
                  <Icon name="clock" size={14} />
                  {definition.timeFrame[lang]}
                </p>
              ) : null}
            </div>
            <ol className={styles.formItems}>
              {items.map((item) => {
                const options = displayOptions(definition, item.id, lang);
                const chosen = values[item.id];
                return (
                  <li
                    key={item.id}
                    className={styles.formItem}
                    data-testid="preview-item"
                    data-item={item.number}
                  >
                    <p className={styles.formItemText}>
                      <span className={styles.formItemNumber}>{item.number}.</span>
                      {item.text[lang]}
                      {item.scored === false ? (
                        <span className="fact-note"> {t('library.unscored')}</span>
                      ) : null}
                    </p>
                    <div
                      className={styles.formOptions}
                      role={trying ? 'radiogroup' : 'list'}
                      aria-label={item.text[lang]}
                    >
                      {options.map((option) =>
                        trying ? (
                          <button
                            key={option.value}
                            type="button"
                            role="radio"
                            aria-checked={chosen === option.value}
                            className={`${styles.formOption} ${styles.isChoice}`}
                            onClick={() =>
                              setValues((v) => {
                                const next = { ...v };
                                if (next[item.id] === option.value) delete next[item.id];
                                else next[item.id] = option.value;
                                return next;
                              })
                            }
                            data-testid="preview-option"
                          >
                            <span className={styles.formRadio} aria-hidden="true" />
                            {option.label[lang]}
                            <span className={styles.formOptionValue}>{option.value}</span>
                          </button>
                        ) : (
                          <span
                            key={option.value}
                            role="listitem"
                            className={styles.formOption}
                            data-testid="preview-option"
                          >
                            <span className={styles.formRadio} aria-hidden="true" />
                            {option.label[lang]}
                          </span>
                        ),
                      )}
                    </div>
                  </li>
                );
              })}
            </ol>
            <footer className={styles.formLicence} data-testid="preview-licence">
              <p>{licence.attribution[lang]}</p>
              {licence.requiresPermission ? (
                <p className={styles.licencePermission}>
                  <Icon name="lock" size={14} />
                  {t('library.requiresPermission', { holder: licence.holder })}
                </p>
              ) : null}
            </footer>
          </div>
        )}
      </LoadState>
    </Dialog>
  );
}
