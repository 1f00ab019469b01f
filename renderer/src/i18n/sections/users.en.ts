import type { Messages } from '../messages';

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
  deactivated: 'Deactivated {{name}}',
  created: 'Created account {{name}}',
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
