import { rosterFieldLabels } from '../../../shared/people/issues';
import { backupEn, hubLinkEn } from '../features/settings/i18n.en';
import type { Messages } from './messages';
import { dashboardEn } from '../features/dashboard/i18n.en';
import { casesEn } from '../features/cases/i18n.en';
import { libraryEn } from '../features/library/i18n.en';
import { filesEn, importerEn, peopleEn, personEn, womenEn } from '../features/people/i18n.en';
import { rulesEn } from '../features/rules/i18n.en';
import { auditEn } from '../features/audit/i18n.en';
import { usersEn } from '../features/users/i18n.en';
import { exportEn } from '../features/exports/i18n.en';
import { reportsEn } from '../features/reports/i18n.en';
import { responseImportEn } from '../features/screening/response-import/i18n.en';
import { screeningEn } from '../features/screening/i18n.en';
import { alertsEn } from '../features/alerts/i18n.en';
import { errorReasonsEn, tierReasonsEn } from './codes.en';

export const en: Messages = {
  app: {
    name: 'Anxin',
    tagline: 'Screening & follow-up',
    offline: 'Offline · data encrypted on this computer',
    browserMode: 'Browser mode',
    loading: 'Starting…',
  },
  brand: {
    points: {
      offline: 'Runs fully offline and never connects to the internet',
      encrypted: 'Every record is encrypted; only authorised staff can unlock it',
      scoped: 'Role-based access keeps sensitive details to those who need them',
    },
  },
  common: {
    save: 'Save',
    cancel: 'Cancel',
    close: 'Close',
    retry: 'Try again',
    copy: 'Copy',
    copied: 'Copied',
    copyFailed: 'Could not copy automatically — please write it down',
    showPassword: 'Show password',
    hidePassword: 'Hide password',
    requiredMark: 'required',
    loading: 'Loading…',
    yes: 'Yes',
    no: 'No',
    unfilled: 'Not recorded',
    listSeparator: ', ',
    clauseSeparator: '; ',
    colon: ': ',
    aside: '{{text}} ({{note}})',
  },
  language: {
    label: 'Language',
    zh: '中文',
    en: 'English',
  },
  orgType: {
    school: 'School',
    maternal: 'Maternal & child health service',
  },
  orgTypeHint: {
    school: 'Primary, secondary and vocational schools: student mental-health screening',
    maternal: 'Maternal & child health hospitals and community centres: perinatal screening',
  },
  roles: {
    admin: 'Administrator',
    psychologist: 'Psychologist',
    screener: 'Screener',
    class_teacher: 'Class teacher',
    supervisor: 'Supervisor',
  },
  fields: {
    // Roster fields are named where the importer reads them (shared/people/fields.ts).
    ...rosterFieldLabels.en,
    orgType: 'Organisation type',
    orgName: 'Organisation name',
    displayName: 'Administrator name',
    username: 'Username',
    password: 'Password',
    confirmPassword: 'Confirm password',
    newPassword: 'New password',
    confirmNewPassword: 'Confirm new password',
    recoveryCode: 'Recovery code',
    query: 'Search text',
    status: 'Status',
  },
  programme: {
    school: 'School',
    perinatal: 'Perinatal',
  },
  validation: {
    required: 'Please enter {{field}}',
    requiredChoice: 'Please choose {{field}}',
    tooLong: '{{field}} must be at most {{max}} characters',
    usernameLength: 'Username must be 2–32 characters',
    usernameChars: 'Username may contain only letters, digits, underscore (_), dot (.) and hyphen (-)',
    passwordLength: 'Password must be at least 8 characters',
    passwordMismatch: 'The two passwords do not match',
    dateInvalid: 'Please enter a valid date',
    dateFuture: 'Date of birth cannot be in the future',
    dateTooEarly: 'Date of birth cannot be before 1900',
    invalid: '{{field}} is not valid',
  },
  errors: {
    codes: {
      invalid_input: 'Some entries are not valid. Please check and try again.',
      unknown_method: 'Program versions do not match. Please restart Anxin.',
      not_set_up: 'Anxin has not been set up yet. Please complete the first-run setup.',
      already_set_up: 'Anxin is already set up. Please log in.',
      unauthenticated: 'Your session has ended. Please log in again.',
      wrong_password: 'Incorrect username or password',
      too_many_attempts: 'Too many wrong passwords. Please wait and try again.',
      forbidden: 'Your account is not allowed to do this.',
      not_found: 'The record was not found. It may have been removed.',
      conflict: 'This record already exists.',
      database_locked: 'The database is in use by another Anxin window. Close it and try again.',
      database_newer: 'This data was created by a newer version of Anxin. Please update the program.',
      keyring_missing:
        'The key file keyring.json is missing, but this folder holds data. Recover with the recovery code, or restore a backup.',
      keyring_damaged:
        'The key file keyring.json is damaged and cannot be read. Recover with the recovery code, or restore a backup.',
      backup_damaged: 'This backup file is damaged or has been changed.',
      backup_newer_schema:
        'This backup was made by a newer version of Anxin. Update the program, then restore it.',
      backup_failed: 'The backup could not be made.',
      internal: 'Something went wrong inside Anxin. Please try again; contact support if it persists.',
      network: 'Cannot reach the Anxin service. Please check that the program is still running.',
    },
    file: {
      limit:
        '{{what}} exceeds the limit: {{value}}, at most {{cap}}. This file cannot be imported; check that it is the right file.',
      rowLimit:
        'Row {{value}} is beyond the allowed maximum of {{cap}} rows. Keep only the rows of the list, save as a new file and import that.',
      xls: 'This is an old-format .xls file, which cannot be read: save it as .xlsx in Excel or WPS, then import that file.',
      encrypted:
        'The file is password-protected (or an old .xls): remove the password and save it as .xlsx, then import that file.',
      empty: 'The file is empty; there is nothing to import. Check that you chose the right file.',
      not_xlsx: 'This is not a valid .xlsx file: save it as .xlsx in Excel or WPS, then import that file.',
      corrupt:
        'The file could not be read as an Excel workbook (it may be damaged or incomplete): save it as .xlsx, then import that file.',
      unsupported_type: 'This file type cannot be imported; use .xlsx or .csv.',
      too_large: 'The file is larger than {{cap}} MB and cannot be imported.',
      no_sheets: 'The file has no worksheet to import.',
      bad_reference:
        'A worksheet has an invalid row number ({{ref}}); the file may be damaged: save it as .xlsx in Excel or WPS, then import that file.',
      doctype:
        'The file contains an XML declaration (DOCTYPE) that is not allowed; it may have been tampered with and cannot be imported.',
      binary:
        'The file contains binary data and is not a text CSV file: save it as "CSV UTF-8" or .xlsx, then import that file.',
      bad_encoding:
        'Row {{row}} contains characters that are not valid UTF-8: save the file as "CSV UTF-8 (comma delimited)" or .xlsx, then import that file.',
      no_header: 'No header row was found. The first row should name the columns, at least: {{columns}}.',
      out_of_memory:
        'The file is too large: importing it exceeded the memory allowed. Split the list into smaller files and import them one by one.',
    },
    limits: {
      zipEntries: 'The number of parts in the archive',
      partBytes: 'The unpacked size (bytes)',
      smallPartBytes: 'The unpacked size (bytes)',
      compressionRatio: 'The compression ratio',
      excelColumns: 'The column number',
      cells: 'The number of cells',
      mergedRanges: 'The number of merged ranges',
      mergedArea: 'The total area of merged ranges',
      sharedStrings: 'The number of text entries',
      sharedStringChars: 'The total length of text',
      cellChars: 'The length of a cell',
      xmlDepth: 'The XML nesting depth',
      csvLineChars: 'The length of a line',
      csvFields: 'The number of fields',
      csvColumns: 'The number of columns',
    },
    importConflict:
      'The student, ID or handbook number in row {{row}} already belongs to another person (perhaps just added by someone else). Nothing of this import was written; preview it again, then import.',
    invalidFields: 'Please check: {{fields}}',
    listSeparator: ', ',
    withRetry: '{{message}}. Try again in {{seconds}} s.',
    tooManyWait: 'Too many wrong passwords. Try again in {{seconds}} s.',
    reasons: errorReasonsEn,
    wrongRecovery: 'Incorrect recovery code or username',
  },
  tierReasons: tierReasonsEn,
  boot: {
    title: 'Anxin cannot open',
    noToken: 'The launch token is missing. Open this page with the full address shown when Anxin started.',
    badToken: 'The launch token is invalid or expired. Reopen with the address shown at this launch.',
  },
  password: {
    rules: 'Password rules',
    ruleLength: 'At least 8 characters',
    ruleMatch: 'Both entries match',
  },
  setup: {
    title: 'Welcome to Anxin',
    subtitle:
      'First run: set up your organisation. Data stays on this computer, encrypted with the password you choose.',
    orgSection: 'Organisation',
    adminSection: 'Administrator account',
    orgNamePlaceholder: {
      school: 'e.g. No. 1 Middle School',
      maternal: 'e.g. District Maternal & Child Health Hospital',
    },
    displayNamePlaceholder: 'e.g. Ms Li',
    usernameHint: 'Used to log in; letters, digits, _ . -',
    passwordNote:
      'The password unlocks the encrypted data. If it is forgotten, only the recovery code can restore access.',
    submit: 'Finish setup',
    submitting: 'Creating the encrypted database…',
  },
  recoveryCode: {
    title: 'Write down your recovery code',
    titleAfterReset: 'Password reset — write down your new recovery code',
    intro: 'If a password is forgotten, the recovery code is the only way back to the data.',
    oldInvalid: 'The previous recovery code no longer works.',
    label: 'Recovery code',
    warningTitle: 'This code is shown only once',
    warning:
      'Write it on paper and keep it safe (e.g. in a locked cabinet). Do not photograph it or store it on a networked device.',
    ack: 'I have written down the recovery code',
    enter: 'Enter Anxin',
  },
  login: {
    title: 'Log in',
    subtitle: 'Enter your username and password',
    submit: 'Log in',
    submitting: 'Checking…',
    forgot: 'Forgot your password? Use the recovery code',
    waiting: 'Wait {{seconds}} s',
  },
  keyring: {
    titleMissing: 'The key file is missing',
    titleDamaged: 'The key file is damaged',
    bodyMissing:
      'This folder holds an encrypted database, but the key file that opens it, {{file}}, is gone. The data is intact; it just cannot be opened right now.',
    bodyDamaged:
      'This folder holds an encrypted database, but the key file that opens it, {{file}}, is damaged and cannot be read (nor can its backup copy). The data is intact; it just cannot be opened right now.',
    noSetup: 'First-run setup is not offered here, so existing data is never overwritten.',
    wayRecover: 'Recover with the recovery code',
    wayRecoverBody:
      'Enter the recovery code written down (or printed) at setup and choose a new administrator password. The administrator then sets new passwords for the other accounts.',
    wayRestore: 'Restore from a backup',
    wayRestoreBody:
      "Without the recovery code, restore from a backup file (with that backup's password or recovery code). Command line:",
    recoverButton: 'Recover with the recovery code',
  },
  lock: {
    locked:
      'The screen locked after {{minutes}} minutes without input. Log in again; a running screening station keeps taking answers.',
    lockedShort: 'The screen locked. Please log in again.',
    settingTitle: 'Auto-lock',
    settingBody:
      'Minutes without input before staff screens return to the login page. Kiosk mode and the screening station are not affected.',
    minutes: 'minutes (0 = never)',
    save: 'Save',
    saved: 'Saved: {{minutes}} minutes',
  },
  recoverySheet: {
    print: 'Print recovery sheet / save as PDF',
    title: 'Anxin · Data recovery sheet',
    org: 'Organisation',
    date: 'Date',
    code: 'Recovery code',
    whatTitle: 'What this sheet is for',
    what: 'If the administrator password is forgotten, or the key file (keyring.json) in the data folder is lost or damaged, this code is the only way to open the encrypted data.',
    howTitle: 'What to do when needed',
    how1: 'Open Anxin and choose "Forgot password? Use the recovery code" on the login page (a lost key file shows the recovery screen by itself).',
    how2: 'Enter the code above, the administrator user name and a new password.',
    how3: 'A new recovery code is shown and this sheet stops working: print the new sheet and replace this one.',
    how4: 'From the command line: ANXIN_NEW_PASSWORD=new-password anxin recover --data-dir DATA_FOLDER --recovery-code CODE',
    keepTitle: 'Keeping it',
    keep: 'Lock it in a filing cabinet or safe, apart from the computer. Do not photograph it or keep it on a networked device.',
  },
  recoverDone: {
    rebuilt: 'The key file was rebuilt with the recovery code; all the data is there.',
    needReset:
      'These accounts lost their keys with the old key file; set new passwords for them under Users: {{users}}',
  },
  recover: {
    title: 'Reset password with recovery code',
    subtitle: 'Enter the recovery code you wrote down at setup and choose a new password.',
    codePlaceholder: 'XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX',
    submit: 'Reset password',
    submitting: 'Checking recovery code…',
    back: 'Back to login',
  },
  shell: {
    nav: 'Main navigation',
    logout: 'Log out',
    userMenu: 'Current user',
    secure: 'Offline · data encrypted',
    noModules: 'No modules are available for this organisation yet',
    noModulesBody: 'More modules will arrive in later versions.',
  },
  nav: {
    backup: 'Backup',
    dashboard: 'Dashboard',
    users: 'Users',
    audit: 'Audit log',
    campaigns: 'Screening plans',
    students: 'Students',
    women: 'Maternal register',
    library: 'Instrument library',
    rulesSchool: 'Warning rules',
    rulesPerinatal: 'Result rules',
    export: 'Export',
    worklistSchool: 'Warning list',
    worklistPerinatal: 'High-risk list',
    hubLink: 'District hub',
  },
  students: {
    title: 'Students',
    subtitle: 'The student register used to plan screenings and follow-up',
    add: 'Add student',
    search: 'Search students',
    searchPlaceholder: 'Name, pinyin initials or student number',
    filterGrade: 'Filter by grade',
    filterClass: 'Filter by class',
    allGrades: 'All grades',
    allClasses: 'All classes',
    clearFilters: 'Clear filters',
    clearGroup: 'Clear grade and class filter',
    allStudents: 'All students',
    import: 'Import roster',
    total_one: '{{count}} student',
    total_other: '{{count}} students',
    totalFiltered_one: '{{count}} found ({{all}} in total)',
    totalFiltered_other: '{{count}} found ({{all}} in total)',
    loadFailed: 'Could not load the student list',
    empty: {
      title: 'No students yet',
      body: 'Choose “Add student” to enter the first student.',
    },
    noMatch: {
      title: 'No matching students',
      body: 'Try another search, or clear the grade and class filters.',
    },
    columns: {
      studentNo: 'Student no.',
      name: 'Name',
      sex: 'Sex',
      birthDate: 'Date of birth',
      grade: 'Grade',
      className: 'Class',
      status: 'Status',
    },
    sex: {
      M: 'Male',
      F: 'Female',
    },
    status: {
      enrolled: 'Enrolled',
      transferred: 'Transferred',
      graduated: 'Graduated',
    },
    page: 'Page {{page}} of {{pages}}',
    prevPage: 'Previous',
    nextPage: 'Next',
    added: 'Student added: {{name}}',
    form: {
      title: 'Add student',
      intro: 'Fields marked * are required.',
      sexPlaceholder: 'Choose',
      studentNoPlaceholder: 'e.g. 20230101',
      namePlaceholder: 'Full name',
      gradePlaceholder: 'e.g. Grade 7',
      classPlaceholder: 'e.g. Class 1',
      submit: 'Save',
      submitAndNext: 'Save and add another',
      submitting: 'Saving…',
      studentNoExists: 'This student number already exists',
    },
  },
  blanks: {
    incomplete: 'Partially answered ({{count}} blank)',
    confirm: 'Confirm in person',
    bandOpen: '—/undetermined',
    bandOpenWhy: 'Items were left blank; completed, the total could fall in another band, so none is given.',
    levelFloor:
      'Items were left blank: completed, the sheet could reach “{{level}}”; the level shown is a floor.',
    hollow: 'Hollow points are totals of partially answered sheets (answered items only), not full scores.',
    trendIncomplete: '{{value}} (partially answered)',
  },
  people: peopleEn,
  women: womenEn,
  person: personEn,
  importer: importerEn,
  files: filesEn,
  library: libraryEn,
  rules: rulesEn,
  dashboard: dashboardEn,
  users: usersEn,
  audit: auditEn,
  export: exportEn,
  reports: reportsEn,
  responseImport: responseImportEn,
  cases: casesEn,
  alerts: alertsEn,
  backup: backupEn,
  hubLink: hubLinkEn,
  screening: screeningEn,
};
