import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { contactMethodSchema, riskColourSchema, type Case } from '../../../../shared/api/cases';
import { diagnosisConclusionSchema, icd10CodeSchema } from '../../../../shared/cases/diagnosis';
import { useSuggestionWhy } from './SuggestedColour';
import { reasonFactSchema } from '../../../../shared/tiers/reasons';
import { reasonText } from '../../i18n/reasons';
import type { IconName } from '../../ui/Icon';
import { Tag } from '../../ui/Tag';
import { TimelineEntry, TimelineList, TimelineMeta, TimelineText } from '../people/Timeline';
import { formatDateTime, useContentLanguage } from '../../lib/format';
import { levelName, useConclusionText, type Levels } from './caseText';

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
  assigned: 'users',
  reopened: 'arrowUp',
};

/** An assignment's side (from / to): a staff name as recorded, or 未指定. */
const staffName = (value: unknown, t: TFunction) =>
  value && typeof value === 'object' && 'name' in value && typeof value.name === 'string'
    ? value.name
    : t('cases.assign.nobody');

/** The day a check or interview took place (recorded since dialogs ask for it). */
const heldOnLine = (value: unknown, t: TFunction) =>
  typeof value === 'string' ? t('cases.eventDate.heldOn', { date: value }) : '';

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** A contact method is a key (in_person); worded in the UI language. */
const methodText = (value: unknown, t: TFunction) => {
  const method = contactMethodSchema.safeParse(value);
  return method.success ? t(`cases.form.methods.${method.data}`) : text(value);
};

/** A flag's reason is data worded in the UI language; anything else is shown as stored. */
const flagReason = (value: unknown) => {
  const reason = reasonFactSchema.safeParse(value);
  return reason.success ? reasonText(reason.data) : text(value);
};

const colourName = (value: unknown, t: TFunction) => {
  const colour = riskColourSchema.safeParse(value);
  return colour.success ? t(`cases.colour.${colour.data}`) : '';
};

/** A colour event's decision: suggested (with why), accepted, changed against the suggestion, or assigned. */
function colourDecision(event: CaseEvent, t: TFunction, why: (e: CaseEvent) => string): string[] {
  const d = event.detail;
  const decision = typeof d.decision === 'string' ? d.decision : 'assigned';
  if (decision === 'suggested')
    return [t('cases.event.colourDecision.suggested', { colour: colourName(d.colour, t) }), why(event)];
  const words = { colour: colourName(event.levelAfter, t), suggested: colourName(d.suggested, t) };
  return [
    decision === 'accepted' || decision === 'changed'
      ? t(`cases.event.colourDecision.${decision}`, words)
      : '',
    d.purple ? t('cases.colour.purple') : '',
    d.reason ? `${t('cases.form.colour.reason')}${t('common.colon')}${text(d.reason)}` : '',
    d.plan ? `${t('cases.form.colour.plan')}${t('common.colon')}${text(d.plan)}` : '',
  ];
}

/** One line per fact the event recorded, in words; free text is shown as written. */
function describe(
  event: CaseEvent,
  t: TFunction,
  words: { why: (e: CaseEvent) => string; conclusion: ReturnType<typeof useConclusionText> },
): string[] {
  const d = event.detail;
  // A clinical record this session holds no key for (services return it sealed away).
  if (d.restricted === true) return [t('cases.event.restricted')];
  switch (event.kind) {
    case 'flagged':
      return Array.isArray(d.reasons) ? d.reasons.map(flagReason) : [];
    case 'safety_check':
      return [
        heldOnLine(d.heldOn, t),
        (['talked', 'riskAssessed', 'familyContacted'] as const)
          .map((key) => `${d[key] ? '✓' : '✗'} ${t(`cases.form.safety.${key}`)}`)
          .join('　'),
        `${t('cases.form.safety.plan')}${t('common.colon')}${t(`cases.form.safety.plans.${text(d.plan) as 'monitor'}`)}`,
        text(d.outcome),
      ];
    case 'interview':
      return [
        heldOnLine(d.heldOn, t),
        `${t('cases.form.interview.reason')}${t('common.colon')}${text(d.reason)}`,
        text(d.summary),
      ];
    case 'follow_up':
      return [
        [
          text(d.heldOn),
          methodText(d.method, t),
          `${t('cases.form.followUp.riskChange')}${t('common.colon')}${t(`cases.form.followUp.risk.${text(d.riskChange) as 'same'}`)}`,
          d.nextOn ? `${t('cases.form.followUp.next')}${t('common.colon')}${text(d.nextOn)}` : '',
        ]
          .filter(Boolean)
          .join(' · '),
        text(d.content),
      ];
    case 'guardian_contact':
      return [[text(d.contactedOn), text(d.who), methodText(d.method, t)].join(' · '), text(d.response)];
    case 'referral': {
      const conclusion = diagnosisConclusionSchema.safeParse(d.conclusion);
      const code = icd10CodeSchema.safeParse(d.icd10);
      // A conclusion recorded as a choice is worded from it; an older one kept only its text.
      const diagnosis = conclusion.success
        ? words.conclusion(conclusion.data, code.success ? code.data : null)
        : text(d.diagnosis);
      return [
        t(`cases.event.referralStatus.${text(d.status) as 'referred'}`, {
          institution: [text(d.institution), text(d.department)].filter(Boolean).join(' '),
          diagnosis,
          outcome: text(d.outcome),
        }),
        conclusion.success && d.diagnosis
          ? t('cases.referral.diagnosisText', { text: text(d.diagnosis) })
          : '',
      ];
    }
    case 'colour':
      return colourDecision(event, t, words.why);
    case 'confirmed_in_person':
      return [t(`cases.form.confirm.findings.${text(d.finding) as 'denied'}`), text(d.note)];
    case 'lifted':
      return [text(d.reason)];
    case 'assigned':
      return [t('cases.assign.event', { from: staffName(d.from, t), to: staffName(d.to, t) })];
    case 'reopened':
      return [text(d.reason), d.nextOn ? t('cases.reopen.event', { date: text(d.nextOn) }) : ''];
    case 'closed':
      return [t(`cases.form.close.reasons.${text(d.reason) as 'other'}`), text(d.note)];
  }
}

function LevelChange({ event, level }: { event: CaseEvent; level(id: string | null): string }) {
  const { t } = useTranslation();
  const name = (id: string | null) =>
    event.kind === 'colour' && id ? t(`cases.colour.${id as 'red'}`) : level(id);
  if (!event.levelAfter && !event.levelBefore) return null;
  if (!event.levelBefore) return <Tag tone="muted">{name(event.levelAfter)}</Tag>;
  if (!event.levelAfter) return <Tag tone="muted">{name(event.levelBefore)} → —</Tag>;
  return (
    <Tag tone="muted">
      {t('cases.event.levelChange', { from: name(event.levelBefore), to: name(event.levelAfter) })}
    </Tag>
  );
}

/** What happened on a case, newest first. */
export function CaseHistory({ events, levels }: { events: readonly CaseEvent[]; levels: Levels }) {
  const { t } = useTranslation();
  const lang = useContentLanguage();
  const level = (id: string | null) => levelName(levels, id, lang);
  const words = { why: useSuggestionWhy(), conclusion: useConclusionText() };
  return (
    <TimelineList testId="case-history">
      {events.map((event) => (
        <TimelineEntry
          key={event.id}
          icon={icons[event.kind]}
          testId="case-event"
          kind={event.kind}
          head={
            <>
              <strong>{t(`cases.event.${event.kind}`)}</strong>
              <LevelChange event={event} level={level} />
              <TimelineMeta>
                {formatDateTime(event.at)} · {event.by ?? t('cases.event.system')}
              </TimelineMeta>
            </>
          }
        >
          {describe(event, t, words)
            .filter(Boolean)
            .map((line, i) => (
              <TimelineText key={i}>{line}</TimelineText>
            ))}
        </TimelineEntry>
      ))}
    </TimelineList>
  );
}
