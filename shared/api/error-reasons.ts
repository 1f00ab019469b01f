/**
 * Why a request was refused, beside its code: `detail.reason` of an ApiError, with the values the
 * words need in `detail.params`. Services send these instead of sentences; the UI words each one as
 * `errors.reasons.<area>.<what>` in its own language, the CLI prints the English message and, with
 * --json, the reason itself. (File and import reasons, `file.*` and `import.*`, are worded by their
 * own sections.)
 */
export const errorReasons = [
  'scope.own_class_only',
  'users.username_taken',
  'users.classes_required',
  'users.self_deactivate',
  'users.self_role',
  'users.last_admin',
  'users.not_found',
  'cases.not_open',
  'cases.held_on_future',
  'cases.next_on_past',
  'cases.safety_check_incomplete',
  'cases.close_referral_unattended',
  'cases.close_urgent_open',
  'cases.close_no_contact',
  'cases.close_not_referred',
  'cases.close_delivery_unknown',
  'cases.close_still_pregnant',
  'cases.close_postpartum_early',
  'cases.colour_reason_required',
  'cases.icd10_with_excluded',
  'cases.referral_conclusion_required',
  'cases.event_date_future',
  'cases.event_date_before_opened',
  'cases.unknown_cases',
  'cases.assign_out_of_scope',
  'cases.assign_not_open',
  'cases.responsible_not_eligible',
  'cases.not_lifted',
  'cases.other_open',
  'kiosk.wrong_pin',
  'kiosk.pin_locked',
  'kiosk.busy',
  'kiosk.admin_only',
  'kiosk.locked_mode',
  'campaigns.closed',
  'campaigns.not_participant',
  'campaigns.ends_before_start',
  'campaigns.instrument_disabled',
  'campaigns.instrument_not_for_programme',
  'screening.already_done',
  'screening.already_submitted',
  'screening.unanswered',
  'exports.variant_forbidden',
  'exports.job_not_found',
  'exports.job_not_done',
  'exports.no_folder',
  'exports.out_of_memory',
  'auth.idle_locked',
  'station.request_gone',
  'station.already_running',
  'station.choose_address',
  'station.port_in_use',
  'station.not_running',
  'files.unreadable',
  'backup.no_folder',
  'people.student_no_taken',
  'people.delivery_after_today',
  'people.delivery_before_pregnancy',
  'people.unknown_field',
  'people.number_taken',
  'jobs.cancelled',
  'hub_report.pdf_unavailable',
  'hub.invalid_invite',
  'hub.programme_mismatch',
  'hub.other_hub',
  'hub.not_enrolled',
  'hub.no_upload_url',
  'hub.push_failed',
] as const;
export type ErrorReason = (typeof errorReasons)[number];

export const isErrorReason = (value: unknown): value is ErrorReason =>
  (errorReasons as readonly unknown[]).includes(value);

/** `{ scope: { own_class_only: string }, … }`: the shape a language's words for the reasons must have. */
export type ErrorReasonWords = {
  [A in ErrorReason extends `${infer Area}.${string}` ? Area : never]: {
    [W in ErrorReason extends `${A}.${infer What}` ? What : never]: string;
  };
};
