import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonEvent } from '../../../../shared/api/people';
import type { UnsubmittedSheet } from '../../../../shared/api/screening';
import { fieldLabel } from '../../api/errors';
import { Icon, type IconName } from '../../ui/Icon';
import { formatDateTime } from '../../lib/format';
import { i18n } from '../../i18n';
import { importNoteFile } from '../../../../shared/people/issues';
import styles from './Timeline.module.css';

const icons: Record<PersonEvent['kind'], IconName> = {
  created: 'plus',
  imported: 'upload',
  updated: 'file',
  corrected: 'edit',
  note: 'note',
};

/** A note in the UI's language when it is one the app wrote (an import's); people's own notes as typed. */
function noteText(text: string): string {
  const file = importNoteFile(text);
  return file === null ? text : i18n.t('person.importNote', { file });
}

export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return i18n.t('person.emptyValue');
  if (typeof value === 'boolean') return value ? i18n.t('common.yes') : i18n.t('common.no');
  if (value === 'M' || value === 'F') return i18n.t(`students.sex.${value}`);
  return String(value);
}

/** One entry of a history: icon dot, a heading line (what, when, who) and the details below. */
export function TimelineEntry({
  icon,
  tone,
  head,
  children,
  testId = 'timeline-item',
  kind,
}: {
  icon: IconName;
  /** Colours the dot: a correction or a note. */
  tone?: 'corrected' | 'note';
  head: ReactNode;
  children?: ReactNode;
  testId?: string;
  kind?: string;
}) {
  return (
    <li
      className={tone ? `${styles.item} ${styles[tone]}` : styles.item}
      data-testid={testId}
      data-kind={kind}
    >
      <span className={styles.dot} aria-hidden="true">
        <Icon name={icon} size={13} />
      </span>
      <div className={styles.body}>
        <p className={styles.head}>{head}</p>
        {children}
      </div>
    </li>
  );
}

/** The heading line's date and author, after the entry's name. */
export function TimelineMeta({ children }: { children: ReactNode }) {
  return <span className={styles.meta}>{children}</span>;
}

/** A paragraph of an entry's details. */
export function TimelineText({ children }: { children: ReactNode }) {
  return <p className={styles.text}>{children}</p>;
}

/** The entries, newest first. */
export function TimelineList({ children, testId }: { children: ReactNode; testId: string }) {
  return (
    <ol className={styles.timeline} data-testid={testId}>
      {children}
    </ol>
  );
}

/** A sheet never submitted that holds a critical answer, in the timeline at the time of that answer. */
function SheetItem({ sheet }: { sheet: UnsubmittedSheet }) {
  const { t } = useTranslation();
  return (
    <TimelineEntry
      icon="alert"
      head={
        <>
          <strong>{t('person.unsubmitted')}</strong>
          <TimelineMeta>
            {formatDateTime(sheet.answeredAt)}
            {sheet.campaignName ? ` · ${sheet.campaignName}` : ''}
          </TimelineMeta>
        </>
      }
    >
      {sheet.critical.length > 0 ? (
        <TimelineText>
          {sheet.critical
            .map((c) => t('person.unsubmittedItem', { instrument: c.instrumentId, n: c.itemNumber }))
            .join('、')}
        </TimelineText>
      ) : null}
    </TimelineEntry>
  );
}

/** What happened to the file, newest first; corrections show 旧值 → 新值 field by field. */
export function Timeline({
  events,
  sheets = [],
}: {
  events: readonly PersonEvent[];
  sheets?: readonly UnsubmittedSheet[];
}) {
  const { t } = useTranslation();
  if (events.length === 0 && sheets.length === 0) return <p className="fact-note">{t('person.noEvents')}</p>;
  const entries = [
    ...events.map((event) => ({ at: event.at, event, sheet: null })),
    ...sheets.map((sheet) => ({ at: sheet.answeredAt, event: null, sheet })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <TimelineList testId="timeline">
      {entries.map(({ event, sheet }) =>
        sheet ? (
          <SheetItem key={`sheet-${sheet.screeningId}`} sheet={sheet} />
        ) : (
          <EventItem key={`${event!.kind}-${event!.id}`} event={event!} />
        ),
      )}
    </TimelineList>
  );
}

function EventItem({ event }: { event: PersonEvent }) {
  const { t } = useTranslation();
  return (
    <TimelineEntry
      icon={icons[event.kind]}
      tone={event.kind === 'corrected' || event.kind === 'note' ? event.kind : undefined}
      head={
        <>
          <strong>{t(`person.event.${event.kind}`)}</strong>
          <TimelineMeta>
            {formatDateTime(event.at)}
            {event.by ? ` · ${event.by}` : ''}
          </TimelineMeta>
        </>
      }
    >
      {event.text ? (
        <TimelineText>
          {event.kind === 'corrected' ? `${t('person.reason')}${t('common.colon')}` : ''}
          {noteText(event.text)}
        </TimelineText>
      ) : null}
      {event.changes.length > 0 ? (
        <ul className={`change-list ${styles.changes}`}>
          {event.changes.map((c, i) => (
            <li key={i}>
              <span className="change-field">{fieldLabel(c.field)}</span>
              <span className="change-old" title={t('person.oldValue')}>
                {formatValue(c.from)}
              </span>
              <span aria-label={t('person.changedTo')}>→</span>
              <span className="change-new" title={t('person.newValue')}>
                {formatValue(c.to)}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </TimelineEntry>
  );
}
