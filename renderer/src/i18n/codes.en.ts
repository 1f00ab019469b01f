import type { Messages } from './messages';

/** English words for the codes services return (see codes.zh.ts). */
export const tierReasonsEn: Messages['tierReasons'] = {
  item_positive: '{{instrument}} item {{item}} positive ({{meaning}})',
  item_at_least: '{{instrument}} item {{item}} = {{value}} ≥ {{min}}',
  item_blank: '{{instrument}} item {{item}} not answered',
  total_at_least: '{{instrument}} total {{total}} ≥ {{min}}',
  total_at_least_incomplete: '{{instrument}} total at least {{total}} ≥ {{min}} (incomplete)',
  total_band: '{{instrument}} total {{total}} ({{min}}–{{max}})',
  total_band_incomplete: '{{instrument}} total at least {{total}} ({{min}}–{{max}}, incomplete)',
  withLabel: '{{reason}}: {{label}}',
  invalid: '{{reason}} (sheet invalid)',
  separator: '; ',
};

export const errorReasonsEn: Messages['errors']['reasons'] = {
  scope: { own_class_only: 'A class teacher sees only the students and reports of their own classes.' },
  users: {
    username_taken: 'The user name {{username}} is already taken.',
    classes_required: 'A class teacher account needs the classes it is responsible for.',
    self_deactivate: 'You cannot deactivate your own account.',
    self_role: 'You cannot change your own role.',
    last_admin: 'At least one active administrator must remain.',
    not_found: 'User not found.',
  },
  cases: {
    not_open: 'This case has been lifted or closed.',
    held_on_future: 'The follow-up date cannot be after today.',
    next_on_past: 'The next follow-up date cannot be before today.',
    safety_check_incomplete:
      'A safety check needs a talk with the person (in person or by phone) and a risk assessment.',
    close_referral_unattended:
      'The referral of {{referredOn}} has not been attended: record its attendance or result (e.g. did not go) first, or close as "Transferred out".',
    close_urgent_open:
      'A same-day safety check or an in-person confirmation is still open: the case cannot be closed for this reason.',
    close_no_contact:
      'No interview, follow-up or safety check is on record: the case cannot be closed as "Recovered".',
    close_not_referred: 'No referral has been attended: the case cannot be closed as "Referred".',
    close_delivery_unknown:
      'No delivery date is recorded: the case cannot be closed as "42 days postpartum".',
    close_still_pregnant:
      'She is {{weeks}}+{{days}} weeks pregnant, not yet delivered: the case cannot be closed as "42 days postpartum".',
    close_postpartum_early:
      'She is {{days}} days postpartum, less than 42: the case cannot be closed as "42 days postpartum".',
    colour_reason_required:
      'A colour other than the suggested one (or any colour without a suggestion) needs a reason.',
    icd10_with_excluded: 'An "Excluded" conclusion takes no ICD-10 code.',
    referral_conclusion_required:
      'An attended referral needs the specialist conclusion (confirmed / excluded / pending) before its treatment and result.',
    event_date_future: 'The date ({{date}}) cannot be after today.',
    event_date_before_opened: 'The date ({{date}}) cannot be before the case was opened ({{openedOn}}).',
    unknown_cases: 'No case {{caseIds}}; nothing was assigned.',
    assign_out_of_scope: 'Case {{caseIds}} is outside what you may see; nothing was assigned.',
    assign_not_open: 'Case {{caseIds}} is lifted or closed; nothing was assigned.',
    responsible_not_eligible:
      '{{user}} cannot be responsible: only an active administrator or psychologist can.',
    not_lifted: 'Only a case whose warning was lifted can be reopened.',
    other_open: 'This person already has an open case; follow up there.',
  },
  kiosk: {
    wrong_pin: 'Wrong PIN.',
    pin_locked:
      'Too many wrong PINs. An administrator must enter their user name and password here to unlock.',
    busy: 'Too many attempts. Please wait and try again.',
    admin_only: 'Only an administrator account can unlock kiosk mode.',
    locked_mode: 'This is not available in kiosk mode. The screener must leave it with the PIN.',
  },
  campaigns: {
    closed: 'This campaign has ended.',
    not_participant: 'This person is not on the campaign list.',
    ends_before_start: 'The end date cannot be before the start date.',
    instrument_disabled: '{{instrument}} is disabled and cannot be used in a new campaign.',
    instrument_not_for_programme:
      "{{instrument}} is not meant for this campaign's respondents (for example a school's parent-report form at a maternal service) and cannot be used.",
  },
  screening: {
    already_done: 'This person has already completed the campaign.',
    already_submitted: 'This sheet has been submitted and can no longer change.',
    unanswered: 'Some items are unanswered (instrument and count: {{items}}).',
  },
  exports: {
    variant_forbidden: 'Your role cannot export this version of the roster.',
    job_not_found: 'Export not found; it may have been cancelled or expired.',
    job_not_done: 'The export has not finished yet.',
    no_folder: 'Folder not found: {{folder}}',
    out_of_memory:
      'Too much data to export within the memory allowed. Narrow the export (school, grade or dates) and try again.',
  },
  auth: { idle_locked: 'Locked after a period of inactivity. Please log in again.' },
  station: {
    request_gone: 'This sign-in request has already been handled or has expired.',
    already_running: 'The station is already running. Stop it first.',
    choose_address: 'Choose a network address of this computer (or 127.0.0.1).',
    port_in_use: 'Port {{port}} is in use. Choose another port.',
    not_running: 'The station is not running.',
  },
  files: { unreadable: 'Cannot find or read the file: {{path}}' },
  backup: { no_folder: 'Choose a backup folder first.' },
  people: {
    student_no_taken: 'Student number {{studentNo}} already belongs to another student.',
    delivery_after_today: 'The delivery date cannot be after today.',
    delivery_before_pregnancy: 'The delivery date cannot be before the last menstrual period ({{start}}).',
    unknown_field: 'Unknown column: {{field}}.',
    number_taken: 'This {{columns}} already belongs to another person.',
  },
  jobs: { cancelled: 'Cancelled.' },
  hub_report: {
    pdf_unavailable:
      'LibreOffice is not installed on the hub, so no PDF can be made; download the workbook and print it instead.',
  },
  hub: {
    invalid_invite: 'This is not a district hub invitation file, or the file is damaged.',
    programme_mismatch:
      'This invitation is for another kind of organisation (school or perinatal care) than this one.',
    other_hub:
      'This organisation already reports to the district hub “{{hubName}}”; confirm the replacement to join another.',
    not_enrolled: 'This organisation has not joined a district hub yet.',
    no_upload_url: 'The invitation gives no upload address: report by file.',
    push_failed: 'The upload failed ({{status}}); try again later or report by file.',
  },
};
