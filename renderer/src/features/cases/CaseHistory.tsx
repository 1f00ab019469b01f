import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Case } from '../../../../shared/api/cases';
import { Icon, type IconName } from '../../ui/Icon';
import { formatDateTime, useContentLanguage } from '../../lib/format';
import { levelName, type Levels } from './caseText';

type CaseEvent = Case['events'][number];

const icons: Record<CaseEvent['kind'], IconName> = {
  flagged: 'alert',
  safety_check: 'shield',
  interview: 'users',
  follow_up: 'clock',
  guardian_contact: 'note',
  referral: 'file',
  colour: 'sliders',
  lifted: 'check',
  closed: 'check',
  confirmed_in_person: 'users',
};

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** One line per fact the event recorded, in words; free text is shown as written. */
function describe(event: CaseEvent, t: TFunction): string[] {
  const d = event.detail;
  // A clinical record this session holds no key for (services return it sealed away).
  if (d.restricted === true) return [t('cases.event.restricted')];
  switch (event.kind) {
    case 'flagged':
      return Array.isArray(d.reasons) ? d.reasons.map(text) : [];
    case 'safety_check':
      return [
        (['talked', 'riskAssessed', 'familyContacted'] as const)
          .map((key) => `${d[key] ? '✓' : '✗'} ${t(`cases.form.safety.${key}`)}`)
          .join('　'),
        `${t('cases.form.safety.plan')}${t('common.colon')}${t(`cases.form.safety.plans.${text(d.plan) as 'monitor'}`)}`,
        text(d.outcome),
      ];
    case 'interview':
      return [`${t('cases.form.interview.reason')}${t('common.colon')}${text(d.reason)}`, text(d.summary)];
    case 'follow_up':
      return [
        [
          text(d.heldOn),
          text(d.method),
          `${t('cases.form.followUp.riskChange')}${t('common.colon')}${t(`cases.form.followUp.risk.${text(d.riskChange) as 'same'}`)}`,
          d.nextOn ? `${t('cases.form.followUp.next')}${t('common.colon')}${text(d.nextOn)}` : '',
        ]
          .filter(Boolean)
          .join(' · '),
        text(d.content),
      ];
    case 'guardian_contact':
      return [[text(d.contactedOn), text(d.who), text(d.method)].join(' · '), text(d.response)];
    case 'referral':
      return [
        t(`cases.event.referralStatus.${text(d.status) as 'referred'}`, {
          institution: [text(d.institution), text(d.department)].filter(Boolean).join(' '),
          diagnosis: text(d.diagnosis),
          outcome: text(d.outcome),
        }),
      ];
    case 'colour':
      return [
        d.purple ? t('cases.colour.purple') : '',
        `${t('cases.form.colour.reason')}${t('common.colon')}${text(d.reason)}`,
        d.plan ? `${t('cases.form.colour.plan')}${t('common.colon')}${text(d.plan)}` : '',
      ];
    case 'confirmed_in_person':
      return [t(`cases.form.confirm.findings.${text(d.finding) as 'denied'}`), text(d.note)];
    case 'lifted':
      return [text(d.reason)];
    case 'closed':
      return [t(`cases.form.close.reasons.${text(d.reason) as 'other'}`), text(d.note)];
  }
}

function LevelChange({ event, level }: { event: CaseEvent; level(id: string | null): string }) {
  const { t } = useTranslation();
  const name = (id: string | null) =>
    event.kind === 'colour' && id ? t(`cases.colour.${id as 'red'}`) : level(id);
  if (!event.levelAfter && !event.levelBefore) return null;
  if (!event.levelBefore) return <span className="chip chip-soft">{name(event.levelAfter)}</span>;
  if (!event.levelAfter) return <span className="chip chip-soft">{name(event.levelBefore)} → —</span>;
  return (
    <span className="chip chip-soft">
      {t('cases.event.levelChange', { from: name(event.levelBefore), to: name(event.levelAfter) })}
    </span>
  );
}

/** What happened on a case, newest first. */
export function CaseHistory({ events, levels }: { events: readonly CaseEvent[]; levels: Levels }) {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  const level = (id: string | null) => levelName(levels, id, lang);
  return (
    <ol className="timeline" data-testid="case-history">
      {events.map((event) => (
        <li
          key={event.id}
          className={`timeline-item case-event-${event.kind}`}
          data-testid="case-event"
          data-kind={event.kind}
        >
          <span className="timeline-dot" aria-hidden="true">
            <Icon name={icons[event.kind]} size={13} />
          </span>
          <div className="timeline-body">
            <p className="timeline-head">
              <strong>{t(`cases.event.${event.kind}`)}</strong>
              <LevelChange event={event} level={level} />
              <span className="timeline-meta">
                {formatDateTime(event.at)} · {event.by ?? t('cases.event.system')}
              </span>
            </p>
            {describe(event, t)
              .filter(Boolean)
              .map((line, i) => (
                <p key={i} className="timeline-text">
                  {line}
                </p>
              ))}
          </div>
        </li>
      ))}
    </ol>
  );
}
