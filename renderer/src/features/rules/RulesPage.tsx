import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { TierSettings } from '../../../../shared/api/instruments';
import type { Programme } from '../../../../shared/instruments/schema';
import type { TierCondition, TierRuleSet } from '../../../../shared/tiers/schema';
import { invoke } from '../../api/client';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { Icon } from '../../ui/Icon';
import { Dialog } from '../../ui/Dialog';
import { Spinner } from '../../ui/Spinner';
import { formatDateTime, useContentLanguage } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { useSession } from '../../store/session';
import { toast } from '../../store/toast';
import { itemLabel } from '../library/instrumentText';
import { conditionText, describeChanges } from './ruleText';
import { Button } from '../../ui/Button';

const clone = <T,>(value: T): T => structuredClone(value);

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
      className="input input-num"
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

function ruleProblem(when: TierCondition): string | null {
  if (when.kind === 'total' && when.max !== undefined && when.max < when.min) return 'rules.maxBelowMin';
  return null;
}

function RuleEditor({
  when,
  onChange,
  lang,
}: {
  when: TierCondition;
  onChange(when: TierCondition): void;
  lang: 'zh' | 'en';
}) {
  const { t } = useTranslation();
  if (when.kind === 'critical') return <span className="rule-words">{conditionText(when, lang)}</span>;
  if (when.kind === 'item') {
    return (
      <span className="rule-words">
        <span className="rule-prefix">
          {t('rules.itemPrefix', {
            instrument: when.instrument,
            item: itemLabel(when.item),
            label: when.label ? t('rules.when.itemLabel', { label: when.label[lang] }) : '',
          })}
        </span>
        <NumberInput
          label={t('rules.minFor', { rule: conditionText(when, lang) })}
          value={when.min}
          onChange={(min) => min !== undefined && onChange({ ...when, min })}
        />
      </span>
    );
  }
  const invalid = ruleProblem(when) !== null;
  return (
    <span className="rule-words">
      <span className="rule-prefix">{t('rules.totalPrefix', { instrument: when.instrument })}</span>
      <NumberInput
        label={t('rules.minFor', { rule: conditionText(when, lang) })}
        value={when.min}
        invalid={invalid}
        onChange={(min) => min !== undefined && onChange({ ...when, min })}
      />
      <span className="rule-dash">–</span>
      <NumberInput
        label={t('rules.maxFor', { rule: conditionText(when, lang) })}
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
      {when.label ? (
        <span className="rule-prefix">{t('rules.when.itemLabel', { label: when.label[lang] })}</span>
      ) : null}
    </span>
  );
}

export function RulesPage() {
  const { t } = useTranslation();
  usePageTitle(t('rules.title'));
  const lang = useContentLanguage();
  const orgType = useSession((s) => s.status?.org?.type);
  const programme: Programme = orgType === 'maternal' ? 'perinatal' : 'school';
  const settings = useApi(() => invoke('tiers.get', { programme }), [programme]);
  const [draft, setDraft] = useState<TierRuleSet | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);

  const active = settings.data?.active;
  useEffect(() => {
    if (active) setDraft(clone(active.ruleSet));
  }, [active]);

  const changes = useMemo(
    () => (active && draft ? describeChanges(active.ruleSet, draft, lang) : []),
    [active, draft, lang],
  );
  const problems = draft ? draft.rules.filter((r) => ruleProblem(r.when)).length : 0;

  function updateLevel(index: number, patch: Partial<TierRuleSet['levels'][number]>) {
    setDraft((d) => d && { ...d, levels: d.levels.map((l, i) => (i === index ? { ...l, ...patch } : l)) });
  }
  function updateRule(index: number, when: TierCondition) {
    setDraft((d) => d && { ...d, rules: d.rules.map((r, i) => (i === index ? { ...r, when } : r)) });
  }

  async function save() {
    if (!draft) return;
    setSaving(true);
    setSaveError(null);
    try {
      const saved: TierSettings = await invoke('tiers.save', { programme, ruleSet: draft });
      settings.set(saved);
      setConfirming(false);
      toast.success(t('rules.saved', { version: saved.active.version }));
    } catch (error) {
      setSaveError(error);
    } finally {
      setSaving(false);
    }
  }

  const history = settings.data ? [...settings.data.history].sort((a, b) => b.version - a.version) : [];
  if (active && !history.some((h) => h.version === active.version)) history.unshift(active);

  return (
    <div className="page" data-testid="rules-page">
      <div className="page-header">
        <div>
          <h1 className="page-title">
            {t(programme === 'school' ? 'rules.titleSchool' : 'rules.titlePerinatal')}
          </h1>
          <p className="page-subtitle">{t('rules.subtitle')}</p>
        </div>
        {active ? (
          <div className="version-badge" data-testid="rules-version">
            <Icon name="clock" size={15} />
            {active.version === 0
              ? t('rules.versionDefault')
              : t('rules.versionLine', {
                  version: active.version,
                  at: formatDateTime(active.createdAt),
                  by: active.createdBy ?? '—',
                })}
          </div>
        ) : null}
      </div>

      {settings.error ? (
        <Alert title={t('rules.loadFailed')}>
          {describeError(settings.error)}{' '}
          <Button variant="link" onClick={settings.reload}>
            {t('common.retry')}
          </Button>
        </Alert>
      ) : null}
      {settings.loading && !settings.data ? (
        <div className="card card-loading">
          <Spinner size={20} />
          {t('common.loading')}
        </div>
      ) : null}

      {draft && active ? (
        <div className="rules-layout">
          <div className="rules-main">
            <section className="card">
              <header className="card-head">
                <h2 className="card-title">{t('rules.levels')}</h2>
                <p className="card-subtitle">{t('rules.levelsHint')}</p>
              </header>
              <table className="table table-compact levels-table" data-testid="levels-table">
                <thead>
                  <tr>
                    <th scope="col">{t('rules.order')}</th>
                    <th scope="col">{t('rules.colour')}</th>
                    <th scope="col">{t('rules.nameZh')}</th>
                    <th scope="col">{t('rules.nameEn')}</th>
                  </tr>
                </thead>
                <tbody>
                  {draft.levels.map((level, i) => (
                    <tr key={level.id}>
                      <td className="cell-num">{i + 1}</td>
                      <td>
                        <label className="swatch" style={{ background: level.colour }}>
                          <input
                            type="color"
                            value={level.colour.toLowerCase()}
                            onChange={(e) => updateLevel(i, { colour: e.target.value.toUpperCase() })}
                            aria-label={t('rules.colourFor', { level: level.name[lang] })}
                          />
                        </label>
                      </td>
                      <td>
                        <input
                          className="input input-sm"
                          value={level.name.zh}
                          maxLength={40}
                          lang="zh-CN"
                          aria-label={t('rules.nameZhFor', { level: level.name[lang] })}
                          onChange={(e) => updateLevel(i, { name: { ...level.name, zh: e.target.value } })}
                        />
                      </td>
                      <td>
                        <input
                          className="input input-sm"
                          value={level.name.en}
                          maxLength={60}
                          lang="en"
                          aria-label={t('rules.nameEnFor', { level: level.name[lang] })}
                          onChange={(e) => updateLevel(i, { name: { ...level.name, en: e.target.value } })}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>

            <section className="card">
              <header className="card-head">
                <h2 className="card-title">{t('rules.rules')}</h2>
                <p className="card-subtitle">{t('rules.rulesHint')}</p>
              </header>
              <ul className="rule-groups" data-testid="rule-list">
                {draft.levels.map((level, li) => {
                  const rules = draft.rules
                    .map((rule, index) => ({ rule, index }))
                    .filter(({ rule }) => rule.level === level.id);
                  const last = li === draft.levels.length - 1;
                  return (
                    <li key={level.id} className="rule-group">
                      <span className="level-chip" style={{ '--level': level.colour } as CSSProperties}>
                        {level.name[lang] || level.id}
                      </span>
                      <ul className="rule-lines">
                        {rules.map(({ rule, index }) => {
                          const problem = ruleProblem(rule.when);
                          return (
                            <li key={index} className="rule-line" data-testid="rule-line">
                              <RuleEditor
                                when={rule.when}
                                lang={lang}
                                onChange={(w) => updateRule(index, w)}
                              />
                              {problem ? (
                                <span className="field-error">
                                  <Icon name="alert" size={14} />
                                  {t('rules.maxBelowMin')}
                                </span>
                              ) : null}
                            </li>
                          );
                        })}
                        {rules.length === 0 ? (
                          <li className="rule-line rule-otherwise">
                            {last ? t('rules.otherwise') : t('rules.noRules')}
                          </li>
                        ) : null}
                      </ul>
                    </li>
                  );
                })}
              </ul>
            </section>
          </div>

          <aside className="rules-side">
            <section className="card">
              <header className="card-head">
                <h2 className="card-title">{t('rules.history')}</h2>
              </header>
              <ol className="history-list" data-testid="rules-history">
                {history.map((h) => (
                  <li key={h.version} className={h.version === active.version ? 'is-current' : undefined}>
                    <span className="history-version">
                      {h.version === 0
                        ? t('rules.defaultVersion')
                        : t('rules.versionN', { version: h.version })}
                    </span>
                    {h.version === active.version ? <span className="chip">{t('rules.current')}</span> : null}
                    <span className="history-meta">
                      {h.createdAt
                        ? `${formatDateTime(h.createdAt)} · ${h.createdBy ?? '—'}`
                        : t('rules.builtinRules')}
                    </span>
                  </li>
                ))}
              </ol>
              <p className="card-foot-note">{t('rules.historyNote')}</p>
            </section>
          </aside>
        </div>
      ) : null}

      {draft && active ? (
        <div className={`save-bar${changes.length > 0 ? ' is-dirty' : ''}`}>
          <span className="save-bar-text">
            {changes.length > 0 ? t('rules.pending', { count: changes.length }) : t('rules.noChanges')}
          </span>
          <Button
            variant="ghost"
            disabled={changes.length === 0}
            onClick={() => setDraft(clone(active.ruleSet))}
          >
            {t('rules.discard')}
          </Button>
          <Button
            variant="primary"
            disabled={changes.length === 0 || problems > 0}
            onClick={() => {
              setSaveError(null);
              setConfirming(true);
            }}
          >
            {t('rules.saveNew')}
          </Button>
        </div>
      ) : null}

      {confirming && active ? (
        <Dialog
          title={t('rules.confirmTitle', {
            version: Math.max(active.version, ...history.map((h) => h.version)) + 1,
          })}
          onClose={() => setConfirming(false)}
          busy={saving}
          testId="rules-confirm"
          footer={
            <>
              <Button variant="ghost" onClick={() => setConfirming(false)} disabled={saving}>
                {t('common.cancel')}
              </Button>
              <Button variant="primary" onClick={() => void save()} disabled={saving}>
                {saving ? <Spinner /> : null}
                {t('rules.confirmSave')}
              </Button>
            </>
          }
        >
          <p>{t('rules.confirmBody')}</p>
          <Alert kind="info">{t('rules.confirmPast')}</Alert>
          <div>
            <p className="field-label">{t('rules.changesTitle')}</p>
            <ul className="change-list">
              {changes.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          </div>
          {saveError ? <Alert>{describeError(saveError)}</Alert> : null}
        </Dialog>
      ) : null}
    </div>
  );
}
