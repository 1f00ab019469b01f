import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { TierSettings } from '../../../../shared/api/instruments';
import type { Programme } from '../../../../shared/instruments/schema';
import type { TierCondition, TierLevel, TierRuleSet } from '../../../../shared/tiers/schema';
import { useApiMutation, useApiQuery } from '../../api/query';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { FieldError } from '../../ui/Field';
import { Icon } from '../../ui/Icon';
import { LoadState } from '../../ui/LoadState';
import { PageHeader } from '../../ui/PageHeader';
import { Table, type Column } from '../../ui/Table';
import { Tag } from '../../ui/Tag';
import { formatDateTime, useContentLanguage } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { useSession } from '../../store/session';
import { toast } from '../../store/toast';
import { RuleEditor, ruleProblem } from './RuleEditor';
import { TimePointWindows } from './TimePointWindows';
import { can } from '../../../../shared/api/contract';
import { describeChanges } from './ruleText';
import styles from './RulesPage.module.css';

type Lang = 'zh' | 'en';
type Version = TierSettings['active'];
type Saved = TierSettings['history'][number];

/** The rule set being edited, from the active version; reset whenever a new version arrives. */
function useDraft(active: Version | undefined, lang: Lang) {
  const [draft, setDraft] = useState<TierRuleSet | null>(null);
  useEffect(() => {
    if (active) setDraft(structuredClone(active.ruleSet));
  }, [active]);
  const changes = useMemo(
    () => (active && draft ? describeChanges(active.ruleSet, draft, lang) : []),
    [active, draft, lang],
  );
  return {
    draft,
    changes,
    problems: draft ? draft.rules.filter((r) => ruleProblem(r.when)).length : 0,
    discard: () => active && setDraft(structuredClone(active.ruleSet)),
    level(index: number, patch: Partial<TierLevel>) {
      setDraft((d) => d && { ...d, levels: d.levels.map((l, i) => (i === index ? { ...l, ...patch } : l)) });
    },
    rule(index: number, when: TierCondition) {
      setDraft((d) => d && { ...d, rules: d.rules.map((r, i) => (i === index ? { ...r, when } : r)) });
    },
  };
}

type Draft = ReturnType<typeof useDraft>;

function LevelsCard({ levels, edit, lang }: { levels: TierLevel[]; edit: Draft['level']; lang: Lang }) {
  const { t } = useTranslation();
  // The same box for each language's name: only the language, its length and its label differ.
  const name = (key: 'zh' | 'en', max: number, labelKey: 'rules.nameZhFor' | 'rules.nameEnFor') =>
    function NameCell(level: TierLevel) {
      const index = levels.indexOf(level);
      return (
        <input
          className="input input-sm"
          value={level.name[key]}
          maxLength={max}
          lang={key === 'zh' ? 'zh-CN' : 'en'}
          aria-label={t(labelKey, { level: level.name[lang] })}
          onChange={(e) => edit(index, { name: { ...level.name, [key]: e.target.value } })}
        />
      );
    };
  const columns: Column<TierLevel>[] = [
    { key: 'order', header: t('rules.order'), kind: 'num', cell: (l) => levels.indexOf(l) + 1 },
    {
      key: 'colour',
      header: t('rules.colour'),
      cell: (level) => (
        <label className={styles.swatch} style={{ background: level.colour }}>
          <input
            type="color"
            value={level.colour.toLowerCase()}
            onChange={(e) => edit(levels.indexOf(level), { colour: e.target.value.toUpperCase() })}
            aria-label={t('rules.colourFor', { level: level.name[lang] })}
          />
        </label>
      ),
    },
    { key: 'zh', header: t('rules.nameZh'), cell: name('zh', 40, 'rules.nameZhFor') },
    { key: 'en', header: t('rules.nameEn'), cell: name('en', 60, 'rules.nameEnFor') },
  ];
  return (
    <Card title={t('rules.levels')} extra={<p className="card-subtitle">{t('rules.levelsHint')}</p>}>
      <Table
        columns={columns}
        rows={levels}
        rowKey={(l) => l.id}
        label={t('rules.levels')}
        testId="levels-table"
        dense
      />
    </Card>
  );
}

function RulesCard({ ruleSet, edit, lang }: { ruleSet: TierRuleSet; edit: Draft['rule']; lang: Lang }) {
  const { t } = useTranslation();
  return (
    <Card title={t('rules.rules')} extra={<p className="card-subtitle">{t('rules.rulesHint')}</p>}>
      <ul className={styles.groups} data-testid="rule-list">
        {ruleSet.levels.map((level, li) => {
          const rules = ruleSet.rules
            .map((rule, index) => ({ rule, index }))
            .filter(({ rule }) => rule.level === level.id);
          const last = li === ruleSet.levels.length - 1;
          return (
            <li key={level.id} className={styles.group}>
              <span className="level-chip" style={{ '--level': level.colour } as CSSProperties}>
                {level.name[lang] || level.id}
              </span>
              <ul className={styles.lines}>
                {rules.map(({ rule, index }) => {
                  const problem = ruleProblem(rule.when);
                  return (
                    <li key={index} className={styles.line} data-testid="rule-line">
                      <RuleEditor when={rule.when} lang={lang} onChange={(w) => edit(index, w)} />
                      {problem ? <FieldError>{t(problem)}</FieldError> : null}
                    </li>
                  );
                })}
                {rules.length === 0 ? (
                  <li className={`${styles.line} ${styles.otherwise}`}>
                    {last ? t('rules.otherwise') : t('rules.noRules')}
                  </li>
                ) : null}
              </ul>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

/** Every saved version, newest first; the built-in defaults are version 0. */
function versionsOf(settings: TierSettings): Saved[] {
  const history = [...settings.history].sort((a, b) => b.version - a.version);
  if (!history.some((h) => h.version === settings.active.version)) history.unshift(settings.active);
  return history;
}

function HistoryCard({ history, active }: { history: Saved[]; active: number }) {
  const { t } = useTranslation();
  return (
    <Card title={t('rules.history')} footNote={t('rules.historyNote')}>
      <ol className={styles.history} data-testid="rules-history">
        {history.map((h) => (
          <li key={h.version} className={h.version === active ? styles.current : undefined}>
            <span className={styles.historyVersion}>
              {h.version === 0 ? t('rules.defaultVersion') : t('rules.versionN', { version: h.version })}
            </span>
            {h.version === active ? <Tag>{t('rules.current')}</Tag> : null}
            <span className={styles.historyMeta}>
              {h.createdAt
                ? `${formatDateTime(h.createdAt)} · ${h.createdBy ?? '—'}`
                : t('rules.builtinRules')}
            </span>
          </li>
        ))}
      </ol>
    </Card>
  );
}

function ConfirmSave({
  programme,
  draft,
  nextVersion,
  onClose,
}: {
  programme: Programme;
  draft: Draft;
  nextVersion: number;
  onClose(): void;
}) {
  const { t } = useTranslation();
  // A new version changes levels everywhere they are drawn.
  const save = useApiMutation('tiers.save', ['tiers.get', 'dashboard.get', 'cases.worklist']);
  function confirm() {
    if (!draft.draft) return;
    save.mutate(
      { programme, ruleSet: draft.draft },
      {
        onSuccess: (saved) => {
          onClose();
          toast.success(t('rules.saved', { version: saved.active.version }));
        },
      },
    );
  }
  return (
    <ConfirmDialog
      title={t('rules.confirmTitle', { version: nextVersion })}
      onClose={onClose}
      onConfirm={confirm}
      busy={save.isPending}
      error={save.error}
      confirmLabel={t('rules.confirmSave')}
      testId="rules-confirm"
    >
      <p>{t('rules.confirmBody')}</p>
      <Alert kind="info">{t('rules.confirmPast')}</Alert>
      <div>
        <p className="field-label">{t('rules.changesTitle')}</p>
        <ul className="change-list">
          {draft.changes.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      </div>
    </ConfirmDialog>
  );
}

function VersionBadge({ active }: { active: Version }) {
  const { t } = useTranslation();
  return (
    <div className={styles.version} data-testid="rules-version">
      <Icon name="clock" size={15} />
      {active.version === 0
        ? t('rules.versionDefault')
        : t('rules.versionLine', {
            version: active.version,
            at: formatDateTime(active.createdAt),
            by: active.createdBy ?? '—',
          })}
    </div>
  );
}

export function RulesPage() {
  const { t } = useTranslation();
  usePageTitle(t('rules.title'));
  const lang = useContentLanguage();
  const orgType = useSession((s) => s.status?.org?.type);
  const programme: Programme = orgType === 'maternal' ? 'perinatal' : 'school';
  const settings = useApiQuery('tiers.get', { programme });
  const active = settings.data?.active;
  const draft = useDraft(active, lang);
  const [confirming, setConfirming] = useState(false);
  const dirty = draft.changes.length > 0;
  const canEditWindows = can(
    useSession((s) => s.status?.user?.role),
    'timepoints.save',
  );

  return (
    <div className="page" data-testid="rules-page">
      <PageHeader
        title={t(programme === 'school' ? 'rules.titleSchool' : 'rules.titlePerinatal')}
        subtitle={t('rules.subtitle')}
        actions={active ? <VersionBadge active={active} /> : null}
      />
      <LoadState query={settings} failed={t('rules.loadFailed')}>
        {(data) =>
          draft.draft ? (
            <>
              <div className={styles.layout}>
                <div className={styles.main}>
                  <LevelsCard levels={draft.draft.levels} edit={draft.level} lang={lang} />
                  <RulesCard ruleSet={draft.draft} edit={draft.rule} lang={lang} />
                </div>
                <aside>
                  <HistoryCard history={versionsOf(data)} active={data.active.version} />
                </aside>
              </div>
              {programme === 'perinatal' && canEditWindows ? <TimePointWindows /> : null}
              <div
                className={dirty ? `${styles.saveBar} ${styles.dirty}` : styles.saveBar}
                data-testid="save-bar"
              >
                <span className={styles.saveText}>
                  {dirty ? t('rules.pending', { count: draft.changes.length }) : t('rules.noChanges')}
                </span>
                <Button variant="ghost" disabled={!dirty} onClick={draft.discard}>
                  {t('rules.discard')}
                </Button>
                <Button
                  variant="primary"
                  disabled={!dirty || draft.problems > 0}
                  onClick={() => setConfirming(true)}
                >
                  {t('rules.saveNew')}
                </Button>
              </div>
              {confirming ? (
                <ConfirmSave
                  programme={programme}
                  draft={draft}
                  nextVersion={Math.max(...versionsOf(data).map((h) => h.version)) + 1}
                  onClose={() => setConfirming(false)}
                />
              ) : null}
            </>
          ) : null
        }
      </LoadState>
    </div>
  );
}
