import { BlankMarks, OpenBand } from '../../ui/BlankMarks';
import { diagnosisConclusionSchema } from '../../../../shared/cases/diagnosis';
import { useConclusionText } from '../cases/caseText';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ReferralLetter } from '../../../../shared/api/reports';
import { useApiQuery } from '../../api/query';
import { reasonsText } from '../../i18n/reasons';
import { allLoaded } from '../../ui/LoadState';
import { formatDate, localized, useContentLanguage } from '../../lib/format';
import { todayIso } from '../../../../shared/people/date';
import { levelName } from '../cases/caseText';
import { useResultLabels, type ResultLabels } from './useResultLabels';
import { sexLabel } from '../people/personText';
import { FactGrid, ReportFrame, ReportHead } from './ReportFrame';
import styles from './reports.module.css';

/** Result rows of history the page has room for (a sheet has a row per instrument); older sheets are counted, not listed. */
const HISTORY_ROWS = 8;
/**
 * The newest contacts listed. Each note is printed whole, wrapping: the clinician receiving the
 * letter needs all of it, and a long note runs on to a second page rather than being cut.
 */
const CONTACTS = 3;

/** The newest sheets whose result rows fit the table; always at least the newest. */
function recentSheets(screenings: ReferralLetter['screenings']): ReferralLetter['screenings'] {
  let rows = 0;
  // Rows only grow, so once a sheet does not fit, no older one is listed either.
  return screenings.filter((s, i) => {
    rows += s.results.length;
    return i === 0 || rows <= HISTORY_ROWS;
  });
}

function Identity({ person, orgName }: { person: ReferralLetter['person']; orgName: string }) {
  const { t } = useTranslation();
  const k = (key: string) => t(`reports.referral.${key}` as 'reports.referral.name');
  const rows: [string, string | null][] =
    person.kind === 'student'
      ? [
          [k('name'), person.name],
          [k('sex'), sexLabel(person.sex)],
          [k('birthDate'), person.birthDate],
          // A roster without a school column means the organisation's own pupils: its name, not "—".
          [k('school'), person.school ?? (orgName || null)],
          [k('gradeClass'), [person.grade, person.className].filter(Boolean).join(' ')],
          [k('studentNo'), person.studentNo],
          [k('guardian'), person.guardianName],
          [k('guardianPhone'), person.guardianPhone],
        ]
      : [
          [k('name'), person.name],
          [k('birthDate'), person.birthDate],
          [k('handbookNo'), person.handbookNo],
          [k('phone'), person.phone],
          [k('township'), person.township],
          [k('edd'), person.edd],
        ];
  return <FactGrid rows={rows} />;
}

function History({ letter, labels }: { letter: ReferralLetter; labels: ResultLabels }) {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  const shown = recentSheets(letter.screenings);
  if (!shown.length) return <p className="fact-note">{t('reports.referral.noHistory')}</p>;
  return (
    <>
      <table className={styles.reportTable} data-testid="letter-history">
        <thead>
          <tr>
            <th>{t('reports.referral.historyDate')}</th>
            <th>{t('reports.referral.historyInstrument')}</th>
            <th className={styles.num}>{t('reports.referral.historyTotal')}</th>
            <th>{t('reports.referral.historyBand')}</th>
            <th>{t('reports.referral.historyLevel')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.flatMap((s) =>
            s.results.map((r, i) => {
              const band = labels.instruments.get(r.instrumentId)?.bands.find((b) => b.id === r.band);
              return (
                <tr key={`${s.screeningId}/${r.instrumentId}`} data-testid="letter-history-row">
                  <td>{i === 0 ? formatDate(s.submittedAt) : ''}</td>
                  <td>{r.instrumentId}</td>
                  <td className={styles.num}>{r.total ?? '—'}</td>
                  <td>
                    {band ? localized(band.label, lang) : r.complete ? '—' : <OpenBand result={r} />}
                    <BlankMarks result={r} />
                  </td>
                  <td>{i === 0 ? levelName(labels.levels, s.level, lang) : ''}</td>
                </tr>
              );
            }),
          )}
        </tbody>
      </table>
      {letter.screenings.length > shown.length ? (
        <p className="fact-note">
          {t('reports.referral.moreHistory', { count: letter.screenings.length - shown.length })}
        </p>
      ) : null}
    </>
  );
}

function Contacts({ contacts }: { contacts: ReferralLetter['contacts'] }) {
  const { t } = useTranslation();
  if (!contacts.length) return <p className="fact-note">{t('reports.referral.noContacts')}</p>;
  return (
    <ul className={`${styles.reportLines} ${styles.reportNotes}`} data-testid="letter-contacts">
      {contacts.slice(0, CONTACTS).map((e) => (
        <li key={e.id}>
          <strong>
            {formatDate(e.at)}{' '}
            {t(e.kind === 'interview' ? 'reports.referral.interview' : 'reports.referral.safetyCheck')}
          </strong>
          {t('reports.labelValue', {
            label: e.by ? t('reports.by', { name: e.by }) : '',
            value: [e.detail.summary ?? e.detail.outcome, e.kind === 'interview' ? e.detail.reason : null]
              .filter((x): x is string => typeof x === 'string' && x !== '')
              .join(t('reports.clauses')),
          })}
        </li>
      ))}
    </ul>
  );
}

/** A line to write on: label, then ruled space. */
function Blank({ label, lines = 1, testId }: { label: string; lines?: number; testId: string }) {
  return (
    <div className={styles.slipField} data-testid={testId}>
      <span className={styles.slipLabel}>{label}</span>
      {Array.from({ length: lines }, (_, i) => (
        <span key={i} className={styles.slipLine} />
      ))}
    </div>
  );
}

function Letter({ letter, labels }: { letter: ReferralLetter; labels: ResultLabels }) {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  const { referral, person } = letter;
  const c = letter.case;
  const k = (key: string) => t(`reports.referral.${key}` as 'reports.referral.name');
  const conclusionText = useConclusionText();
  return (
    <>
      <ReportHead
        org={letter.orgName}
        title={k('title')}
        meta={`${t('reports.referral.no', { no: referral.id })} · ${t('reports.printedOn', { date: todayIso() })}`}
      />
      <section className={styles.reportSection}>
        <h2>{k('identity')}</h2>
        <Identity person={person} orgName={letter.orgName} />
      </section>
      <section className={styles.reportSection} data-testid="letter-reason">
        <h2>{k('reason')}</h2>
        <FactGrid
          columns={3}
          rows={[
            [k('level'), levelName(labels.levels, c.level, lang)],
            [k('screenLevel'), levelName(labels.levels, c.screenLevel, lang)],
            [k('confirmedLevel'), levelName(labels.levels, c.confirmedLevel, lang)],
          ]}
        />
        {c.reasons.length ? (
          <p className={styles.reportText}>
            {t('reports.labelValue', {
              label: k('reasons'),
              value: reasonsText(c.reasons),
            })}
          </p>
        ) : null}
      </section>
      <section className={styles.reportSection}>
        <h2>{k('history')}</h2>
        <History letter={letter} labels={labels} />
      </section>
      {/* Long notes may run on to the next page: this section alone may break. */}
      <section className={`${styles.reportSection} ${styles.reportSectionFlows}`}>
        <h2>{k('contacts')}</h2>
        <Contacts contacts={letter.contacts} />
      </section>
      <section className={styles.reportSection} data-testid="letter-referral">
        <h2>{k('referralTo')}</h2>
        <FactGrid
          columns={3}
          rows={[
            [k('institution'), referral.institution],
            [k('department'), referral.department],
            [k('referredOn'), referral.referredOn],
            [k('referredBy'), letter.referredBy],
            [k('responsible'), c.responsible],
            [k('consent'), referral.consent ? k('consentYes') : k('consentNo')],
            // Reprinted after the result: the conclusion as recorded, word and code (never free text).
            ...(referral.conclusion
              ? [
                  [k('conclusion'), conclusionText(referral.conclusion, referral.icd10)] satisfies [
                    string,
                    string,
                  ],
                ]
              : []),
          ]}
        />
      </section>
      <p className={styles.reportNote}>{t('reports.notDiagnosis')}</p>
      <p className={styles.reportSign}>
        {k('signature')}
        <span className={`${styles.slipLine} ${styles.slipLineShort}`} />
      </p>

      <div className={styles.reportCut} aria-hidden="true">
        <span>✂ {k('cut')}</span>
      </div>
      <section data-testid="return-slip">
        <h2 className={styles.reportSlipTitle}>
          {letter.orgName} · {k('slipTitle')}
        </h2>
        <p className={styles.reportText}>
          {t('reports.referral.slipIntro', {
            org: letter.orgName,
            name: person.name,
            date: referral.referredOn,
          })}
        </p>
        <Blank label={k('attendedOn')} testId="slip-attended" />
        <p className={styles.reportText} data-testid="slip-conclusion">
          {k('conclusion')}
          {t('common.colon')}
          {diagnosisConclusionSchema.options
            .map((c) => `☐ ${t(`cases.referral.conclusion.${c}`)}`)
            .join('　')}
          {'　'}
          {k('icd10')}
          {t('common.colon')}
          <span className={`${styles.slipLine} ${styles.slipLineShort}`} />
        </p>
        {/* One ruled line fewer: the conclusion line above takes its place, the slip keeps its height. */}
        <Blank label={k('assessment')} lines={2} testId="slip-assessment" />
        <Blank label={k('advice')} lines={2} testId="slip-advice" />
        <div className={styles.slipRow}>
          <Blank label={k('doctor')} testId="slip-doctor" />
          <Blank label={k('stamp')} testId="slip-stamp" />
          <Blank label={k('slipDate')} testId="slip-date" />
        </div>
      </section>
    </>
  );
}

/** /app/print/referral/:referralId — the 转介单 with its tear-off 回执, on one A4 page. */
export function ReferralLetterPage() {
  const { t } = useTranslation();
  const referralId = Number(useParams().referralId);
  const letter = useApiQuery('reports.referral', { referralId });
  const labels = useResultLabels(letter.data?.programme);
  return (
    <ReportFrame
      title={t('reports.referral.title')}
      query={allLoaded({ letter, labels })}
      testId="referral-letter"
    >
      {(data) => <Letter letter={data.letter} labels={data.labels} />}
    </ReportFrame>
  );
}
