import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/api/contract';
import type { InstrumentSummary } from '../../../../shared/api/instruments';
import { describeError } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/query';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { EmptyState } from '../../ui/EmptyState';
import { LoadState } from '../../ui/LoadState';
import { PageHeader } from '../../ui/PageHeader';
import { downloadBase64 } from '../../lib/files';
import { contentLanguage } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { useProgramme, useSession } from '../../store/session';
import { toast } from '../../store/toast';
import { ImportInstrumentDialog } from './ImportInstrumentDialog';
import { InstrumentCard } from './InstrumentCard';
import { PreviewDialog } from './PreviewDialog';
import styles from './library.module.css';

/** The custom-instrument workbook, saved where the browser saves downloads. */
function useTemplateDownload() {
  const template = useApiMutation('instruments.template');
  return {
    busy: template.isPending,
    download: () =>
      template.mutate(
        {},
        {
          onSuccess: (file) => downloadBase64(file.fileName, file.contentBase64),
          onError: (error) => toast.error(describeError(error)),
        },
      ),
  };
}

export function LibraryPage() {
  const { t } = useTranslation();
  usePageTitle(t('library.title'));
  const role = useSession((s) => s.status?.user?.role);
  const programme = useProgramme();
  const list = useApiQuery('instruments.list', {});
  const setEnabled = useApiMutation('instruments.setEnabled', ['instruments.list']);
  const template = useTemplateDownload();
  const [previewing, setPreviewing] = useState<InstrumentSummary | null>(null);
  const [importing, setImporting] = useState(false);

  async function toggle(summary: InstrumentSummary, enabled: boolean) {
    try {
      await setEnabled.mutateAsync({ id: summary.id, enabled });
      toast.success(t(enabled ? 'library.enabledToast' : 'library.disabledToast', { name: summary.id }));
    } catch (error) {
      toast.error(describeError(error));
    }
  }

  return (
    <div className="page" data-testid="library-page">
      <PageHeader
        title={t('library.title')}
        subtitle={t('library.subtitle')}
        actions={
          <>
            {can(role, 'instruments.template') ? (
              <Button variant="ghost" icon="download" busy={template.busy} onClick={template.download}>
                {t('library.downloadTemplate')}
              </Button>
            ) : null}
            {can(role, 'instruments.import') ? (
              <Button variant="primary" icon="upload" onClick={() => setImporting(true)}>
                {t('library.import')}
              </Button>
            ) : null}
          </>
        }
      />
      <Alert kind="info">{t('library.notice')}</Alert>
      <LoadState query={list} failed={t('library.loadFailed')}>
        {(all) => {
          // Built-ins of the organisation's programme (a maternal service is not offered PSC-17);
          // an instrument the organisation imported itself always shows.
          const items = all.filter((s) => !s.builtin || s.population.programmes.includes(programme));
          return (
            <>
              <p className={styles.count} data-testid="library-count">
                {t('library.count', { count: items.length, enabled: items.filter((s) => s.enabled).length })}
              </p>
              {items.length === 0 ? (
                <section className="card">
                  <EmptyState icon="book" title={t('library.empty')} />
                </section>
              ) : (
                <div className={styles.instrumentGrid}>
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
          );
        }}
      </LoadState>
      {previewing ? <PreviewDialog summary={previewing} onClose={() => setPreviewing(null)} /> : null}
      {importing ? (
        <ImportInstrumentDialog
          onClose={() => setImporting(false)}
          onImported={(summary) =>
            toast.success(t('library.imported', { name: summary.names[contentLanguage()] }))
          }
          onDownloadTemplate={template.download}
        />
      ) : null}
    </div>
  );
}
