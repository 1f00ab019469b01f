import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Language } from '../../../../../shared/instruments/schema';
import { invoke } from '../../../api/client';
import { apiKey, useApiQuery } from '../../../api/query';
import { usePageTitle } from '../../../lib/usePageTitle';
import { Icon } from '../../../ui/Icon';
import { LoadState } from '../../../ui/LoadState';
import { PageHeader } from '../../../ui/PageHeader';
import { Select } from '../../../ui/Select';
import { Tabs } from '../../../ui/Tabs';
import { useQueries } from '@tanstack/react-query';
import { campaignBattery, loadSlips } from '../api';
import { BackLink } from '../ui';
import { EntryPanel } from './EntryPanel';
import { PrintPanel } from './PrintPanel';
import styles from './PaperPage.module.css';

type Tab = 'entry' | 'print';

/** 纸质录入: print the forms, then type the returned sheets in fast. */
export function PaperPage() {
  const { t } = useTranslation();
  usePageTitle(t('screening.paper.title'));
  const id = Number(useParams().id);
  const progress = useApiQuery('campaigns.progress', { id });
  const slips = useSlips(id);
  const battery = useMemo(
    () => (progress.data ? campaignBattery(progress.data.campaign) : []),
    [progress.data],
  );
  const defs = useQueries({
    queries: battery.map((b) => ({
      queryKey: apiKey('instruments.get', { id: b }),
      queryFn: () => invoke('instruments.get', { id: b }),
    })),
    combine: (results) => ({
      data: results.every((r) => r.data) ? results.map((r) => r.data!) : undefined,
      error: results.find((r) => r.error)?.error ?? null,
    }),
  });
  const [tab, setTab] = useState<Tab>('entry');
  // The language the sheets were printed in decides the order of options, hence what each digit means.
  const [paperLang, setPaperLang] = useState<Language>('zh');

  const back = <BackLink to={`/app/campaigns/${id}`} label={t('screening.kiosk.backToCampaign')} />;
  if (!progress.data || !defs.data)
    return (
      <div className="page">
        {back}
        <LoadState
          query={{ ...progress, data: undefined, error: progress.error ?? defs.error }}
          failed={t('screening.detail.loadFailed')}
        >
          {() => null}
        </LoadState>
      </div>
    );

  return (
    <div className="page" data-testid="paper-page">
      <PageHeader
        before={back}
        title={t('screening.paper.title')}
        subtitle={progress.data.campaign.name}
        actions={
          <label className={styles.inlineField}>
            <span>{t('screening.paper.paperLanguage')}</span>
            <Select<Language>
              value={paperLang}
              onValue={setPaperLang}
              options={[
                { value: 'zh', label: t('language.zh'), lang: 'zh-CN' },
                { value: 'en', label: t('language.en'), lang: 'en' },
              ]}
              // Each language is named in itself, as the header switch does.
              lang={paperLang === 'zh' ? 'zh-CN' : 'en'}
              data-testid="paper-language"
            />
          </label>
        }
      />
      <Tabs<Tab>
        mode="tabs"
        label={t('screening.paper.title')}
        value={tab}
        onChange={setTab}
        items={(['entry', 'print'] as const).map((name) => ({
          value: name,
          label: (
            <>
              <Icon name={name === 'entry' ? 'edit' : 'printer'} size={16} />
              {t(`screening.paper.tab.${name}`)}
            </>
          ),
          testId: `paper-tab-${name}`,
        }))}
      />
      {tab === 'entry' ? (
        <EntryPanel progress={progress.data} slips={slips.map} ensureSlips={slips.ensure} lang={paperLang} />
      ) : (
        <PrintPanel progress={progress.data} ensureSlips={slips.ensure} defs={defs.data} lang={paperLang} />
      )}
    </div>
  );
}

/**
 * Slip codes (测评码) by person. They are made (and audited) on first request, so they are
 * fetched only when someone prints or types one; a failed request may be tried again.
 */
function useSlips(campaignId: number) {
  const [map, setMap] = useState<Map<number, string> | null>(null);
  const request = useRef<Promise<Map<number, string>> | null>(null);
  const ensure = useCallback(() => {
    request.current ??= loadSlips(campaignId).then(
      (slips) => {
        setMap(slips);
        return slips;
      },
      (error: unknown) => {
        request.current = null;
        throw error;
      },
    );
    return request.current;
  }, [campaignId]);
  return { map, ensure };
}
