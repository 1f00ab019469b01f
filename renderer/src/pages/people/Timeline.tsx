import { useTranslation } from 'react-i18next';
import type { PersonEvent } from '../../../../shared/api/people';
import { fieldLabel } from '../../api/errors';
import { Icon, type IconName } from '../../components/Icon';
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

/** What happened to the file, newest first; corrections show 旧值 → 新值 field by field. */
export function Timeline({ events }: { events: readonly PersonEvent[] }) {
  const { t } = useTranslation();
  if (events.length === 0) return <p className="fact-note">{t('person.noEvents')}</p>;
  return (
    <ol className="timeline" data-testid="timeline">
      {events.map((event) => (
        <li
          key={`${event.kind}-${event.id}`}
          className={`timeline-item timeline-${event.kind}`}
          data-testid="timeline-item"
        >
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
                {event.kind === 'corrected' ? `${t('person.reason')}：` : ''}
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
      ))}
    </ol>
  );
}
