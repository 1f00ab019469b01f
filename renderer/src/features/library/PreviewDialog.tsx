import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InstrumentSummary } from '../../../../shared/api/instruments';
import type { InstrumentDefinition, Language } from '../../../../shared/instruments/schema';
import type { ScoreResult } from '../../../../shared/instruments/result';
import { displayOptions } from '../../../../shared/instruments/options';
import { invoke } from '../../api/client';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { Icon } from '../../ui/Icon';
import { Dialog } from '../../ui/Dialog';
import { Spinner } from '../../ui/Spinner';
import { Switch } from '../../ui/Switch';
import { formatRange, useContentLanguage } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { itemLabel } from './instrumentText';
import { Button } from '../../ui/Button';

function LanguageToggle({ value, onChange }: { value: Language; onChange(lang: Language): void }) {
  const { t } = useTranslation();
  return (
    <div className="segmented" role="group" aria-label={t('library.previewLanguage')}>
      {(['zh', 'en'] as const).map((lang) => (
        <button
          key={lang}
          type="button"
          lang={lang === 'zh' ? 'zh-CN' : 'en'}
          aria-pressed={value === lang}
          onClick={() => onChange(lang)}
          data-testid={`preview-lang-${lang}`}
        >
          {lang === 'zh' ? t('language.zh') : t('language.en')}
        </button>
      ))}
    </div>
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
    <div className="tryout-panel" data-testid="tryout-result" aria-live="polite">
      <div className="tryout-figures">
        <div className="tryout-total">
          <span className="tryout-label">{t('library.tryout.total')}</span>
          <strong data-testid="tryout-total">
            {result?.total ?? '—'}
            {result && !result.complete ? (
              <span className="tryout-range">
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
          <span className="tryout-label">{t('library.tryout.band')}</span>
          <strong>
            {band ? band.label[lang] : result && !result.complete ? t('library.tryout.undecided') : '—'}
          </strong>
        </div>
        <div>
          <span className="tryout-label">{t('library.tryout.screen')}</span>
          {result?.positive === true ? (
            <span className="chip chip-warn">{t('library.tryout.positive')}</span>
          ) : result?.positive === false ? (
            <span className="chip chip-ok">{t('library.tryout.negative')}</span>
          ) : (
            <strong>—</strong>
          )}
        </div>
        {subscales.map((s) => (
          <div key={s.id}>
            <span className="tryout-label">{s.name[lang]}</span>
            <strong>{result?.subscales[s.id]?.score ?? '—'}</strong>
          </div>
        ))}
        <div>
          <span className="tryout-label">{t('library.tryout.answered')}</span>
          <strong>
            {result?.answered ?? 0} / {result?.expected ?? def.items.filter((i) => i.scored !== false).length}
          </strong>
        </div>
        {busy ? <Spinner size={14} /> : null}
      </div>
      {result && result.critical.length > 0 ? (
        <p className="tryout-critical" data-testid="tryout-critical">
          <Icon name="alert" size={15} />
          {t('library.tryout.critical', {
            items: result.critical
              .map((c) => t('common.aside', { text: itemLabel(c.item, c.number), note: c.reason[lang] }))
              .join(t('errors.listSeparator')),
          })}
        </p>
      ) : null}
      {band?.advice ? <p className="tryout-advice">{band.advice[lang]}</p> : null}
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
  const [result, setResult] = useState<ScoreResult | null>(null);
  const [scoreError, setScoreError] = useState<unknown>(null);
  const [scoring, setScoring] = useState(false);
  const request = useRef(0);
  const def = useApi(() => invoke('instruments.get', { id: summary.id }), [summary.id]);

  const items = useMemo(
    () => (def.data ? [...def.data.items].sort((a, b) => a.number - b.number) : []),
    [def.data],
  );

  useEffect(() => {
    if (!trying || !def.data) return;
    const definition = def.data;
    const id = ++request.current;
    setScoring(true);
    invoke('instruments.score', {
      instrumentId: definition.id,
      values: definition.items.map((item) => values[item.id] ?? null),
    })
      .then((value) => {
        if (id !== request.current) return;
        setResult(value);
        setScoreError(null);
      })
      .catch((error: unknown) => id === request.current && setScoreError(error))
      .finally(() => id === request.current && setScoring(false));
  }, [values, trying, def.data]);

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
            error={scoreError}
            busy={scoring}
            onClear={() => {
              setValues({});
              setResult(null);
            }}
          />
        ) : (
          <Button variant="secondary" onClick={onClose}>
            {t('common.close')}
          </Button>
        )
      }
    >
      {def.error ? <Alert>{describeError(def.error)}</Alert> : null}
      {def.loading && !def.data ? (
        <div className="card-loading">
          <Spinner size={20} />
          {t('common.loading')}
        </div>
      ) : null}
      {def.data ? (
        <div className="form-preview" lang={lang === 'zh' ? 'zh-CN' : 'en'}>
          {trying ? <p className="tryout-hint">{t('library.tryout.hint')}</p> : null}
          <div className="form-instructions">
            <p>{def.data.instructions[lang]}</p>
            {def.data.timeFrame ? (
              <p className="form-timeframe">
                <Icon name="clock" size={14} />
                {def.data.timeFrame[lang]}
              </p>
            ) : null}
          </div>
          <ol className="form-items">
            {items.map((item) => {
              const options = displayOptions(def.data!, item.id, lang);
              const chosen = values[item.id];
              return (
                <li key={item.id} className="form-item" data-testid="preview-item" data-item={item.number}>
                  <p className="form-item-text">
                    <span className="form-item-number">{item.number}.</span>
                    {item.text[lang]}
                    {item.scored === false ? (
                      <span className="fact-note"> {t('library.unscored')}</span>
                    ) : null}
                  </p>
                  <div
                    className="form-options"
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
                          className="form-option is-choice"
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
                          <span className="form-radio" aria-hidden="true" />
                          {option.label[lang]}
                          <span className="form-option-value">{option.value}</span>
                        </button>
                      ) : (
                        <span
                          key={option.value}
                          role="listitem"
                          className="form-option"
                          data-testid="preview-option"
                        >
                          <span className="form-radio" aria-hidden="true" />
                          {option.label[lang]}
                        </span>
                      ),
                    )}
                  </div>
                </li>
              );
            })}
          </ol>
          <footer className="form-licence" data-testid="preview-licence">
            <p>{licence.attribution[lang]}</p>
            {licence.requiresPermission ? (
              <p className="licence-permission">
                <Icon name="lock" size={14} />
                {t('library.requiresPermission', { holder: licence.holder })}
              </p>
            ) : null}
          </footer>
        </div>
      ) : null}
    </Dialog>
  );
}
