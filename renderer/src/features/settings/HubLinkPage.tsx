import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/api/contract';
import type { HubLinkStatus, SharingPreview } from '../../../../shared/api/hub-link';
import { useApiMutation, useApiQuery } from '../../api/query';
import { describeError } from '../../api/errors';
import { downloadBase64 } from '../../lib/files';
import { localized, useContentLanguage } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { useSession } from '../../store/session';
import { toast } from '../../store/toast';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { FilePicker } from '../../ui/FilePicker';
import { LoadState } from '../../ui/LoadState';
import { PageHeader } from '../../ui/PageHeader';
import { Table, type Column } from '../../ui/Table';
import styles from './HubLinkPage.module.css';

type Link = NonNullable<HubLinkStatus['link']>;
type FieldKey = keyof typeof import('./i18n.zh').hubLinkZh.fields;

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section className={`card card-pad ${styles.section}`} data-testid={testId}>
      <h2 className="card-title">{title}</h2>
      {children}
    </section>
  );
}

/** 加入区县平台: the invitation file, read as text and handed to hubLink.enrol. */
function JoinCard({ enrolled }: { enrolled: boolean }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [replace, setReplace] = useState(false);
  const enrol = useApiMutation('hubLink.enrol', ['hubLink.status', 'hubLink.preview']);
  async function join() {
    if (!file) return;
    const invite = await file.text();
    enrol.mutate(
      { invite, replace },
      {
        onSuccess: (result) => {
          setFile(null);
          toast.success(t('hubLink.joined', { hub: result.hubName }));
        },
      },
    );
  }
  return (
    <Section title={enrolled ? t('hubLink.rejoinTitle') : t('hubLink.joinTitle')} testId="hub-join">
      {enrolled ? null : <p>{t('hubLink.joinBody')}</p>}
      {enrol.error ? <Alert title={describeError(enrol.error)} /> : null}
      <FilePicker
        accept=".anxininvite,.json,application/json"
        hint={t('hubLink.inviteHint')}
        file={file}
        onFile={setFile}
        testId="hub-invite-file"
      />
      {enrolled ? (
        <label>
          <input
            type="checkbox"
            checked={replace}
            onChange={(e) => setReplace(e.target.checked)}
            data-testid="hub-replace"
          />{' '}
          {t('hubLink.replace')}
        </label>
      ) : null}
      <Button
        variant="primary"
        icon="check"
        disabled={!file}
        busy={enrol.isPending}
        onClick={() => void join()}
        data-testid="hub-join-button"
      >
        {t('hubLink.join')}
      </Button>
    </Section>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <p data-testid={testId}>
      <strong>{label}</strong> {children}
    </p>
  );
}

/** Where this organisation reports, and when it last did. */
function LinkCard({ link }: { link: Link }) {
  const { t } = useTranslation();
  return (
    <Section title={t('hubLink.title')} testId="hub-link">
      <Fact label={t('hubLink.hubName')} testId="hub-name">
        {link.hubName}
      </Fact>
      <Fact label={t('hubLink.installationName')} testId="hub-installation">
        {link.installationName}
      </Fact>
      <Fact label={t('hubLink.enrolledAt')}>{new Date(link.enrolledAt).toLocaleString()}</Fact>
      <Fact label={t('hubLink.lastReport')} testId="hub-last-report">
        {link.lastBundleAt
          ? t('hubLink.lastReportValue', {
              date: new Date(link.lastBundleAt).toLocaleString(),
              sequence: link.sequence,
            })
          : t('hubLink.never')}
      </Fact>
    </Section>
  );
}

/** The agreement in plain words, and a table of exactly what each report sends. */
function SentCard({ preview }: { preview: SharingPreview }) {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  const { agreement } = preview;
  const levelNames = agreement.nameLevels
    .map((id) => localized(preview.levels.find((l) => l.id === id)?.name, lang) || id)
    .join(lang === 'en' ? ', ' : '、');
  const fieldWords = (fields: readonly string[]) =>
    fields.map((f) => t(`hubLink.fields.${f as FieldKey}`)).join(lang === 'en' ? ', ' : '、');
  type Row = { kind: 'aggregate' | 'case' | 'named'; fields: string; count: number };
  const rows: Row[] = [
    { kind: 'aggregate', fields: fieldWords(preview.fields.aggregate), count: preview.counts.aggregates },
    { kind: 'case', fields: fieldWords(preview.fields.case), count: preview.counts.cases },
    {
      kind: 'named',
      fields: agreement.names ? fieldWords(preview.fields.named) : t('hubLink.namesNone'),
      count: preview.counts.named,
    },
  ];
  const columns: Column<Row>[] = [
    { key: 'kind', header: t('hubLink.sentKind'), cell: (r) => t(`hubLink.kinds.${r.kind}`), kind: 'strong' },
    { key: 'fields', header: t('hubLink.sentFields'), cell: (r) => r.fields, kind: 'wrap' },
    { key: 'count', header: t('hubLink.sentCount'), cell: (r) => r.count, kind: 'num' },
  ];
  return (
    <>
      <Section title={t('hubLink.agreementTitle')} testId="hub-agreement">
        <ul className={styles.agreement}>
          <li>{t('hubLink.agreementAggregates')}</li>
          <li>{t('hubLink.agreementCases')}</li>
          <li data-testid="hub-agreement-names">
            {agreement.names
              ? t('hubLink.agreementNames', { levels: levelNames })
              : t('hubLink.agreementNoNames')}
          </li>
          <li>{t('hubLink.agreementNever')}</li>
        </ul>
      </Section>
      <Section title={t('hubLink.sentTitle')} testId="hub-sent">
        <Table
          columns={columns}
          rows={rows}
          rowKey={(r) => r.kind}
          label={t('hubLink.sentTitle')}
          testId="hub-sent-table"
          rowTestId="hub-sent-row"
          rowData={(r) => ({ kind: r.kind })}
        />
        <p className={styles.muted}>{t('hubLink.people', { count: preview.people })}</p>
      </Section>
    </>
  );
}

/** 上报: the next bundle as a file to carry, or pushed when the invitation gave an address. */
function ReportCard({ link }: { link: Link }) {
  const { t } = useTranslation();
  const role = useSession((s) => s.status?.user?.role);
  const bundle = useApiMutation('hubLink.bundle', ['hubLink.status', 'hubLink.preview']);
  const push = useApiMutation('hubLink.push', ['hubLink.status', 'hubLink.preview']);
  function report() {
    bundle.mutate(
      {},
      {
        onSuccess: (file) => {
          downloadBase64(file.fileName, file.contentBase64);
          toast.success(t('hubLink.reported', { sequence: file.sequence, file: file.fileName }));
        },
      },
    );
  }
  function upload() {
    push.mutate(
      {},
      {
        onSuccess: (result) =>
          result.status === 'rejected'
            ? toast.error(t('hubLink.pushRejected', { sequence: result.sequence, reason: result.reason }))
            : toast.success(t('hubLink.pushed', { sequence: result.sequence })),
      },
    );
  }
  return (
    <Section title={t('hubLink.reportTitle')} testId="hub-report">
      <p>{t('hubLink.reportBody')}</p>
      {bundle.error ? <Alert title={describeError(bundle.error)} /> : null}
      {push.error ? <Alert title={describeError(push.error)} /> : null}
      <div className={styles.actions}>
        <Button
          variant="primary"
          icon="upload"
          onClick={report}
          busy={bundle.isPending}
          disabled={!can(role, 'hubLink.bundle')}
          data-testid="hub-report-button"
        >
          {t('hubLink.report')}
        </Button>
        {link.uploadUrl ? (
          <Button
            variant="secondary"
            icon="globe"
            onClick={upload}
            busy={push.isPending}
            data-testid="hub-push-button"
          >
            {t('hubLink.push')}
          </Button>
        ) : null}
      </div>
    </Section>
  );
}

function Enrolled({ link }: { link: Link }) {
  const { t } = useTranslation();
  const preview = useApiQuery('hubLink.preview', {});
  const role = useSession((s) => s.status?.user?.role);
  return (
    <>
      <LinkCard link={link} />
      <LoadState query={preview} failed={t('hubLink.loadFailed')}>
        {(data) => <SentCard preview={data} />}
      </LoadState>
      <ReportCard link={link} />
      {can(role, 'hubLink.enrol') ? <JoinCard enrolled /> : null}
    </>
  );
}

/** 区县平台: join with the hub's invitation, see what is sent, and 上报. */
export function HubLinkPage() {
  const { t } = useTranslation();
  usePageTitle(t('hubLink.title'));
  const status = useApiQuery('hubLink.status', {});
  const role = useSession((s) => s.status?.user?.role);
  return (
    <div className="page" data-testid="hub-link-page">
      <PageHeader title={t('hubLink.title')} subtitle={t('hubLink.subtitle')} />
      <LoadState query={status} failed={t('hubLink.loadFailed')}>
        {(data) =>
          data.link ? (
            <Enrolled link={data.link} />
          ) : can(role, 'hubLink.enrol') ? (
            <JoinCard enrolled={false} />
          ) : (
            <Alert kind="info" title={t('hubLink.notAdmin')} />
          )
        }
      </LoadState>
    </div>
  );
}
