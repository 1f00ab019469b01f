import { SAME, type SameKeys } from './overrides';
import type { perinatalZh } from './perinatal.zh';

/**
 * The English of ./perinatal.zh.ts: the same keys, so an override is never given in one language
 * only. SAME where the base English already fits a maternal service (it says "referral" for 转介
 * and 转诊 alike).
 */
export const perinatalEn: SameKeys<typeof perinatalZh> = {
  roles: {
    psychologist: 'Doctor',
  },
  errors: {
    importConflict:
      'The handbook number or ID number in row {{row}} already belongs to another person (perhaps just added by someone else). Nothing of this import was written: preview it again, then import.',
    reasons: {
      kiosk: {
        admin_only: SAME,
        locked_mode: SAME,
      },
      cases: {
        close_referral_unattended: SAME,
        close_not_referred: SAME,
        referral_conclusion_required: SAME,
      },
      exports: {
        out_of_memory:
          'Too much data to export within the memory allowed. Narrow the export (township or dates) and try again.',
      },
    },
  },
  setup: {
    displayNamePlaceholder: 'e.g. Dr Li',
  },
  lock: {
    settingBody: SAME,
  },
  person: {
    event: {
      imported: SAME,
    },
    notePlaceholder: 'Record conversations, family contact… (visible to doctors and admins only)',
    correct: {
      reasonHint: 'e.g. the register had it wrong; the family gave a new phone number',
    },
  },
  screening: {
    campaigns: {
      emptyBody:
        'Create a plan, choose time points and scales, then screen on this computer, at the LAN station or on paper.',
    },
    create: {
      noStudents: 'No women registered yet: import the register under Maternal register first.',
      showResultHint: 'Off by default: a doctor is better placed to explain a result.',
      signIn: SAME,
    },
    detail: {
      total: SAME,
      doneRate: 'Screening rate',
    },
    kiosk: {
      step2: 'Click “Start locked mode”; the screen switches to the full-screen questionnaire.',
      pinHint: '4–8 digits, valid for this locked mode only',
      adminBody: 'Administrator: enter your user name and password to end the lock and leave locked mode.',
    },
    board: {
      station: 'LAN station',
      url: 'Address for respondents',
      stopConfirm: 'Respondents will not be able to carry on; answers so far are kept. Stop the station?',
      tiles: 'Answering by township',
      slipNote: 'For you only; do not show it to anyone. You also type the station code on the staff screen.',
      slipsFirst:
        'This plan signs in with slip codes: print them with “Print slip codes”, cut them apart and hand each to the woman it names.',
      approvalSeat: 'Place {{seat}}',
    },
    paper: {
      byRosterHint: 'One each, with name, township and slip code printed',
    },
  },
  responseImport: {
    addPerson: 'Add as new woman',
    reasons: {
      no_number: 'No handbook or ID number',
      same_name: 'Several people share this name and the township does not tell them apart',
    },
    modes: {
      kiosk: SAME,
    },
    errors: {
      no_header:
        'None of the first 20 rows names a handbook number, ID number or name column: include the respondent’s number or name question in the export.',
    },
  },
  alerts: {
    seat: 'Place {{seat}}',
    noSeat: 'No place given',
    advice: {
      goNow: 'Go to her now, arrange a face-to-face assessment by a doctor and follow the crisis procedure.',
      paper: 'A paper form has a positive critical item: contact her soon and arrange a doctor’s assessment.',
      import:
        'An imported result has a positive critical item: contact her soon and arrange a doctor’s assessment.',
    },
  },
  dashboard: {
    tasks: {
      more: '{{count}} more — see the high-risk list',
      kinds: {
        referral_check: SAME,
        make_referral: SAME,
      },
    },
  },
  cases: {
    worklist: {
      views: {
        namePlaceholder: 'e.g. Chengguan overdue',
      },
    },
    task: {
      referral_check: SAME,
      make_referral: SAME,
    },
    page: {
      referrals: SAME,
      noReferrals: SAME,
    },
    referral: {
      referredOn: SAME,
      status: {
        referred: SAME,
      },
    },
    event: {
      guardian_contact: 'Family notified',
      referral: SAME,
      restricted: 'Clinical record — readable only by doctors and administrators',
      referralStatus: {
        referred: SAME,
      },
    },
    form: {
      followUp: {
        refer: SAME,
      },
      safety: {
        familyContacted: 'Family contacted',
        plans: {
          referral: SAME,
        },
      },
      guardian: {
        title: 'Family notification',
        whoPlaceholder: 'e.g. husband',
        response: SAME,
      },
      refer: {
        title: SAME,
        institution: SAME,
        date: SAME,
        consent: 'The woman or her family consents',
      },
      attended: {
        title: SAME,
      },
      lift: {
        intro: 'A warning is lifted only by a recorded decision. She then leaves the high-risk list.',
      },
    },
    saved: {
      guardian_contact: 'Family notification recorded',
      referral: SAME,
      referralUpdate: SAME,
    },
  },
  reports: {
    referral: {
      title: SAME,
      open: SAME,
      reason: SAME,
      referralTo: SAME,
      referredOn: SAME,
      referredBy: SAME,
      signature: SAME,
      slipTitle: SAME,
      slipIntro: SAME,
    },
    group: {
      open: 'Print township report',
      due: SAME,
      rate: 'Screening rate',
      referred: SAME,
      attended: SAME,
    },
  },
  export: {
    populationDeidentified: 'The de-identified file always covers everyone, never a single township',
    variants: {
      full: 'Full (doctors)',
      'class-teacher': 'Brief (no scores or items)',
    },
    failures: {
      tooLarge:
        'Export failed: too much data for the memory allowed. Narrow the export (by township or dates) and try again.',
    },
  },
  audit: {
    actions: {
      report_referral: SAME,
      referral_create: SAME,
      kiosk_unlock: SAME,
      kiosk_unlock_failed: SAME,
    },
  },
  users: {
    form: {
      displayNamePlaceholder: 'e.g. Dr Chen',
    },
  },
  hubLink: {
    agreementAggregates:
      'Figures: by month, perinatal time point and township — how many were due, screened and declined, how many at each result level, critical answers, referrals made and attended.',
    agreementCases: SAME,
    agreementNames: 'Names: open cases at {{levels}} carry the woman’s name; nobody else’s name is sent.',
    fields: { expected: SAME, screened: SAME, referred: SAME, referral: SAME },
  },
};
