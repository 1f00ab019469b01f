import type { Messages } from '../../i18n/messages';

export const usersEn: Messages['users'] = {
  title: 'Users',
  subtitle:
    'Create staff accounts and assign roles; a deactivated account can no longer log in or unlock the data',
  add: 'New user',
  loadFailed: 'Could not load the users',
  columns: {
    displayName: 'Name',
    username: 'User name',
    role: 'Role',
    classes: 'Classes',
    status: 'Status',
    actions: 'Actions',
  },
  active: 'Active',
  inactive: 'Deactivated',
  you: ' (you)',
  deactivate: 'Deactivate',
  deactivateTitle: 'Deactivate {{name}}',
  deactivateBody:
    'The account is logged out at once and its password no longer unlocks the data on this computer; the account and its audit trail are kept. This cannot be undone.',
  deactivateConfirm: 'Deactivate',
  deactivating: 'Deactivating…',
  resetPassword: 'Set new password',
  resetPasswordTitle: 'New password for {{name}}',
  passwordReset: 'New password set for {{name}}',
  deactivated: 'Deactivated {{name}}',
  created: 'Created account {{name}}',
  changeRole: 'Change role',
  changeRoleTitle: 'Change the role of {{name}}',
  changeRoleConfirm: 'Save role',
  roleChanged: '{{name}} is now {{role}}',
  keys: {
    downgradeWarning:
      'Outside the administrator and psychologist roles this account can no longer see answers, records or diagnoses. The data on this computer moves to new keys: neither the old password nor an old copy of the keyring opens anything written from now on.',
    renewedTitle: 'Keys renewed',
    renewedBody: 'The data on this computer now uses new keys.',
    deferredTitle: 'Keys will be renewed later',
    deferredBody:
      'The data is in use by another task (an export or another session), so the keys cannot be renewed yet. This finishes at the next administrator log-in; the account cannot log in meanwhile.',
    needReset:
      'These accounts come from an older keyring and could not be given the new keys; set new passwords for them: {{names}}',
    newRecoveryTitle: 'Write down the new recovery code',
    newRecoveryBody:
      'The recovery code from the older version could not be given the new keys, so a new one was made; the old code no longer works.',
  },
  roleHints: {
    admin: 'Manages accounts, rules and all data',
    psychologist: 'Full files of the people they look after',
    screener: 'Runs screening days; sees progress, not answers',
    class_teacher: 'Sees which of their students need attention and what to do, not answers or diagnoses',
    supervisor: 'Aggregates and rosters only',
  },
  form: {
    title: 'New user',
    displayName: 'Name',
    displayNamePlaceholder: 'e.g. Ms Chen',
    role: 'Role',
    rolePlaceholder: 'Choose a role',
    classes: 'Classes',
    classesHint: 'A class teacher sees only the students of these classes',
    classesRequired: 'Choose at least one class',
    noClasses: 'There are no students yet: import the roster before creating class teacher accounts.',
    submit: 'Create account',
    submitting: 'Creating…',
    usernameTaken: 'This user name is taken',
  },
};
