import { useTranslation } from 'react-i18next';
import type { PersonEvent } from '../../../../shared/api/people';
import type { UnsubmittedSheet } from '../../../../shared/api/screening';
import { fieldLabel } from '../../api/errors';
import { Icon, type IconName } from '../../ui/Icon';
import { formatDateTime } from '../../lib/format';
import { i18n } from '../../i18n';

const icons: Record<PersonEvent['kind'], IconName> = {
  created: 'plus',
  imported: 'upload',
  updated: 'file',
  corrected: 'edit',
  note: 'note',
};

export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return i18n.t('person.emptyValue');
  if (typeof value === 'boolean') return value ? i18n.t('common.yes') : i18n.t('common.no');
  if (value === 'M' || value === 'F') return i18n.t(`students.sex.${value}`);
  return String(value);
}

/** A sheet never submitted that holds a critical answer, in the timeline at the time of that answer. */
function SheetItem({ sheet }: { sheet: UnsubmittedSheet }) {
  const { t } = useTranslation();
  return (
    <li className="timeline-item timeline-unsubmitted" data-testid="timeline-item">
      <span className="timeline-dot" aria-hidden="true">
        <Icon name="alert" size={13} />
      </span>
      <div className="timeline-body">
        <p className="timeline-head">
          <strong>{t('person.unsubmitted')}</strong>
          <span className="timeline-meta">
            {formatDateTime(sheet.answeredAt)}
            {sheet.campaignName ? ` · ${sheet.campaignName}` : ''}
          </span>
        </p>
        {sheet.critical.length > 0 ? (
          <p className="timeline-text">
            {sheet.critical
              .map((c) => t('person.unsubmittedItem', { instrument: c.instrumentId, n: c.itemNumber }))
              .join(t('common.listSeparator'))}
          </p>
        ) : null}
      </div>
    </li>
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
    <ol className="timeline" data-testid="timeline">
      {entries.map(({ event, sheet }) =>
        sheet ? (
          <SheetItem key={`sheet-${sheet.screeningId}`} sheet={sheet} />
        ) : (
          <EventItem key={`${event!.kind}-${event!.id}`} event={event!} />
        ),
      )}
    </ol>
  );
}

function EventItem({ event }: { event: PersonEvent }) {
  const { t } = useTranslation();
  return (
    <li className={`timeline-item timeline-${event.kind}`} data-testid="timeline-item">
      <span className="timeline-dot" aria-hidden="true">
        <Icon name={icons[event.kind]} size={13} />
      </span>
      <div className="timeline-body">
        <p className="timeline-head">
          <strong>{t(`person.event.${event.kind}`)}</strong>
          <span className="timeline-meta">
            {formatDateTime(event.at)}
            {event.by ? ` · ${event.by}` : ''}
          </span>
        </p>
        {event.text ? (
          <p className="timeline-text">
            {event.kind === 'corrected' ? `${t('person.reason')}${t('common.colon')}` : ''}
            {event.text}
          </p>
        ) : null}
        {event.changes.length > 0 ? (
          <ul className="change-list">
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
      </div>
    </li>
  );
}
