import type { Messages } from '../../i18n/messages';

export const alertsEn: Messages['alerts'] = {
  bell: 'Urgent alerts',
  bellCount: '{{count}} open urgent alerts',
  panelTitle: 'Urgent alerts',
  panelSubtitle:
    'A critical item was answered positive: someone must check on the person in person. Recording the same-day safety check on the case closes the alert.',
  empty: 'No open urgent alerts',
  noCampaign: 'Not part of a screening plan',
  groupCount: '{{count}} open',
  groupUnattended: '{{count}} with nobody there yet',
  seat: 'Seat {{seat}}',
  noSeat: 'No seat given',
  item: '{{instrument}} item {{n}}',
  itemReason: '{{item}} ({{reason}})',
  answer: 'Answer: {{answer}}',
  since: {
    now: 'just now',
    minutes: '{{count}} min ago',
    hours: '{{count}} h ago',
    days: '{{count}} days ago',
  },
  source: {
    kiosk: 'Answered on this computer',
    station: 'Answered at the station',
    paper: 'Paper form',
    import: 'Imported result',
  },
  notSubmitted: 'not submitted',
  advice: {
    goNow: 'Go to the student now, follow the crisis procedure and inform the parents today.',
    goNowPerinatal:
      'Go to her now, arrange a face-to-face assessment by a doctor and follow the crisis procedure.',
    paper: 'A paper form has a positive critical item: contact the student soon and assess in person.',
    paperPerinatal:
      'A paper form has a positive critical item: contact her soon and arrange a doctor’s assessment.',
    import: 'An imported result has a positive critical item: contact the student soon and assess in person.',
    importPerinatal:
      'An imported result has a positive critical item: contact her soon and arrange a doctor’s assessment.',
  },
  arrive: 'I am there',
  arrived: 'There: {{who}} {{time}}',
  arrivedToast: 'Recorded: {{who}} is there ({{name}})',
  openCase: 'Open case',
  openFile: 'Open file',
  soundOn: 'Sound: on',
  soundOff: 'Sound: off',
  clickForSound: 'Click anywhere on the page to enable the sound',
  board: {
    title: 'Urgent alerts in this plan',
    count: '{{count}} open',
    unattended: '{{count}} with nobody there yet',
    expand: 'Show list',
    collapse: 'Hide list',
  },
  dashboard: {
    title: 'Urgent alerts: critical item positive',
    body: 'Each of these people needs someone to check on them in person, before other work.',
    more: '{{count}} more: open the urgent alerts to see all',
    openAll: 'Open urgent alerts',
  },
};
