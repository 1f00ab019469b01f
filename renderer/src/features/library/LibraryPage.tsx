import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/api/contract';
import type { InstrumentSummary } from '../../../../shared/api/instruments';
import { invoke } from '../../api/client';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { EmptyState } from '../../ui/EmptyState';
import { Icon } from '../../ui/Icon';
import { Spinner } from '../../ui/Spinner';
import { Switch } from '../../ui/Switch';
import { downloadBase64 } from '../../lib/files';
import { contentLanguage, formatRange, useContentLanguage } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { usePageTitle } from '../../lib/usePageTitle';
import { useSession } from '../../store/session';
import { toast } from '../../store/toast';
import { ImportInstrumentDialog } from './ImportInstrumentDialog';
import { gradeText, itemLabel, respondentText } from './instrumentText';
import { instrumentTemplate } from './libraryApi';
import { PreviewDialog } from './PreviewDialog';
import { Button } from '../../ui/Button';

/** Bands run from least to most severe; the colour steps with the position. */
function bandTone(index: number, count: number): number {
  return count <= 1 ? 0 : Math.round((index / (count - 1)) * 4);
}

function InstrumentCard({
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
      className={`card instrument-card${enabled ? '' : ' is-disabled'}`}
      data-testid="instrument-card"
      data-instrument={summary.id}
      aria-label={summary.names[lang]}
    >
      <header className="instrument-head">
        <div className="instrument-titles">
          <div className="instrument-tags">
            <span className="instrument-code">{summary.id}</span>
            <span className="chip chip-muted">{t('library.version', { version: summary.version })}</span>
            <span className={`chip ${summary.builtin ? '' : 'chip-accent'}`}>
              {summary.builtin ? t('library.builtin') : t('library.custom')}
            </span>
            {!enabled ? <span className="chip chip-off">{t('library.disabledChip')}</span> : null}
          </div>
          {/* The name in the UI's language; the Chinese UI adds the English name, as scales are cited. */}
          <h2 className="instrument-name" lang={lang === 'zh' ? 'zh-CN' : 'en'} data-testid="instrument-name">
            {summary.names[lang]}
          </h2>
          {lang === 'zh' ? (
            <p className="instrument-name-en" lang="en">
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

      <dl className="instrument-facts">
        <div>
          <dt>{t('library.items')}</dt>
          <dd>{t('library.itemCount', { count: summary.itemCount })}</dd>
        </div>
        <div>
          <dt>{t('library.population')}</dt>
          <dd>
            {respondentText(summary)}
            {summary.population.programmes.map((p) => (
              <span key={p} className="chip chip-soft">
                {t(`programme.${p}`)}
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
                <strong className="cutoff-value">
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
              <ul className="band-list">
                {summary.bands.map((band, i) => (
                  <li key={band.id} className={`band band-${bandTone(i, summary.bands.length)}`}>
                    <span className="band-range">{formatRange(band.min, band.max)}</span>
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
              <ul className="plain-list">
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
              <ul className="plain-list">
                {summary.critical.map((c) => (
                  <li key={c.item} className="critical-line">
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

      <footer className="licence" data-testid="instrument-licence">
        <p className="licence-line">
          <Icon name="award" size={15} />
          <span>{summary.licence.attribution[lang]}</span>
        </p>
        {summary.licence.requiresPermission ? (
          <p className="licence-permission" data-testid="licence-permission">
            <Icon name="lock" size={14} />
            {t('library.requiresPermission', { holder: summary.licence.holder })}
          </p>
        ) : null}
      </footer>

      <div className="instrument-actions">
        <Button variant="secondary" size="sm" icon="eye" onClick={onPreview}>
          {t('library.preview')}
        </Button>
      </div>
    </article>
  );
}

export function LibraryPage() {
  const { t } = useTranslation();
  usePageTitle(t('library.title'));
  const role = useSession((s) => s.status?.user?.role);
  const canImport = can(role, 'instruments.import');
  const list = useApi(() => invoke('instruments.list', {}), []);
  const [previewing, setPreviewing] = useState<InstrumentSummary | null>(null);
  const [importing, setImporting] = useState(false);
  const [downloading, setDownloading] = useState(false);

  async function toggle(summary: InstrumentSummary, enabled: boolean) {
    try {
      const updated = await invoke('instruments.setEnabled', { id: summary.id, enabled });
      list.set((list.data ?? []).map((s) => (s.id === updated.id ? updated : s)));
      toast.success(
        enabled
          ? t('library.enabledToast', { name: summary.id })
          : t('library.disabledToast', { name: summary.id }),
      );
    } catch (error) {
      toast.error(describeError(error));
    }
  }

  async function downloadTemplate() {
    setDownloading(true);
    try {
      const file = await instrumentTemplate();
      downloadBase64(file.fileName, file.contentBase64);
    } catch (error) {
      toast.error(describeError(error));
    } finally {
      setDownloading(false);
    }
  }

  const items = list.data ?? [];
  const enabledCount = items.filter((s) => s.enabled).length;

  return (
    <div className="page" data-testid="library-page">
      <div className="page-header">
        <div>
          <h1 className="page-title">{t('library.title')}</h1>
          <p className="page-subtitle">{t('library.subtitle')}</p>
        </div>
        <div className="page-actions">
          {can(role, 'instruments.template') ? (
            <Button variant="ghost" onClick={() => void downloadTemplate()} disabled={downloading}>
              {downloading ? <Spinner /> : <Icon name="download" size={16} />}
              {t('library.downloadTemplate')}
            </Button>
          ) : null}
          {canImport ? (
            <Button variant="primary" icon="upload" onClick={() => setImporting(true)}>
              {t('library.import')}
            </Button>
          ) : null}
        </div>
      </div>

      <Alert kind="info">{t('library.notice')}</Alert>

      {list.error ? (
        <Alert title={t('library.loadFailed')}>
          {describeError(list.error)}{' '}
          <Button variant="link" onClick={list.reload}>
            {t('common.retry')}
          </Button>
        </Alert>
      ) : null}

      {list.loading && !list.data ? (
        <div className="card card-loading">
          <Spinner size={20} />
          {t('common.loading')}
        </div>
      ) : null}

      {list.data ? (
        <>
          <p className="section-count" data-testid="library-count">
            {t('library.count', { count: items.length, enabled: enabledCount })}
          </p>
          {items.length === 0 ? (
            <section className="card">
              <EmptyState icon="book" title={t('library.empty')} />
            </section>
          ) : (
            <div className="instrument-grid">
              {items.map((summary) => (
                <InstrumentCard
                  key={summary.id}
                  summary={summary}
                  canToggle={can(role, 'instruments.setEnabled')}
                  onToggle={(enabled) => toggle(summary, enabled)}
                  onPreview={() => setPreviewing(summary)}
                />
              ))}
            </div>
          )}
        </>
      ) : null}

      {previewing ? <PreviewDialog summary={previewing} onClose={() => setPreviewing(null)} /> : null}
      {importing ? (
        <ImportInstrumentDialog
          onClose={() => setImporting(false)}
          onImported={(summary) => {
            toast.success(t('library.imported', { name: summary.names[contentLanguage()] }));
            list.reload();
          }}
          onDownloadTemplate={() => void downloadTemplate()}
        />
      ) : null}
    </div>
  );
}
