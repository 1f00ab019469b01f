import type { ReactNode } from 'react';
import type { Org, OrgType, Role, User } from '../../../shared/api/auth';
import type { IconName } from '../components/Icon';
import type { zhCN } from '../i18n/zh-CN';
import { DashboardPage } from '../pages/dashboard/DashboardPage';
import { ExportPage } from '../pages/export/ExportPage';
import { caseNavItems } from '../pages/cases/nav';
import { reportNavItems } from '../pages/reports/nav';
import { ImportWizardPage } from '../pages/importer/ImportWizardPage';
import { LibraryPage } from '../pages/library/LibraryPage';
import { PersonFilePage } from '../pages/people/PersonFilePage';
import { StudentsPage } from '../pages/people/StudentsPage';
import { WomenPage } from '../pages/people/WomenPage';
import { RulesPage } from '../pages/rules/RulesPage';
import { UsersPage } from '../pages/users/UsersPage';
import { AuditPage } from '../pages/audit/AuditPage';
import { BackupPage } from '../pages/backup/BackupPage';
import { screeningNavItems } from '../screening/nav';

type NavLabel = `nav.${keyof typeof zhCN.nav}`;

export interface NavItem {
  /** Route under /app (may hold parameters for pages outside the sidebar). */
  path: string;
  /** One label, or one per organisation kind when the same module is named differently. */
  label: NavLabel | Partial<Record<OrgType, NavLabel>>;
  icon: IconName;
  /** Organisation kinds the module makes sense for (a school has no pregnancies, a clinic no classes). */
  orgTypes: readonly OrgType[];
  /** Roles that may open the module; absent means every logged-in role. */
  roles?: readonly Role[];
  /** Other route prefixes under /app that belong to this module (a person's file to the register). */
  alsoActiveFor?: readonly string[];
  /** A page reached from another page (a person's file, an import), not listed in the sidebar. */
  hidden?: boolean;
  element: ReactNode;
}

// Mirrors the roles on people.importPreview/importCommit in shared/api/contract.ts.
export const CAN_IMPORT: readonly Role[] = ['admin', 'psychologist'];

/**
 * The app's modules, in sidebar order. Routes and the sidebar are both built from this
 * list, so a new page (测评计划, 预警台账, 导出 …) is one entry here.
 */
export const navItems: readonly NavItem[] = [
  {
    path: 'dashboard',
    label: 'nav.dashboard',
    icon: 'chart',
    orgTypes: ['school', 'maternal'],
    // Mirrors the roles on dashboard.get in shared/api/contract.ts.
    roles: ['admin', 'psychologist', 'supervisor'],
    element: <DashboardPage />,
  },
  {
    path: 'students',
    label: 'nav.students',
    icon: 'users',
    orgTypes: ['school'],
    alsoActiveFor: ['people'],
    element: <StudentsPage />,
  },
  {
    path: 'women',
    label: 'nav.women',
    icon: 'maternal',
    orgTypes: ['maternal'],
    alsoActiveFor: ['people'],
    element: <WomenPage />,
  },
  ...caseNavItems,
  ...screeningNavItems,
  {
    path: 'library',
    label: 'nav.library',
    icon: 'book',
    orgTypes: ['school', 'maternal'],
    element: <LibraryPage />,
  },
  {
    path: 'export',
    label: 'nav.export',
    icon: 'upload',
    orgTypes: ['school', 'maternal'],
    // Mirrors EXPORT_VARIANTS_BY_ROLE: every role with at least one variant.
    roles: ['admin', 'psychologist', 'supervisor', 'class_teacher'],
    element: <ExportPage />,
  },
  {
    path: 'rules',
    label: { school: 'nav.rulesSchool', maternal: 'nav.rulesPerinatal' },
    icon: 'sliders',
    orgTypes: ['school', 'maternal'],
    roles: ['admin'],
    element: <RulesPage />,
  },
  {
    path: 'users',
    label: 'nav.users',
    icon: 'shield',
    orgTypes: ['school', 'maternal'],
    roles: ['admin'],
    element: <UsersPage />,
  },
  {
    path: 'audit',
    label: 'nav.audit',
    icon: 'file',
    orgTypes: ['school', 'maternal'],
    // Mirrors the roles on audit.list in shared/api/contract.ts.
    roles: ['admin'],
    element: <AuditPage />,
  },
  {
    path: 'backup',
    label: 'nav.backup',
    icon: 'download',
    orgTypes: ['school', 'maternal'],
    roles: ['admin'],
    element: <BackupPage />,
  },
  {
    path: 'students/import',
    label: 'nav.students',
    icon: 'upload',
    orgTypes: ['school'],
    roles: CAN_IMPORT,
    hidden: true,
    element: <ImportWizardPage kind="student" />,
  },
  {
    path: 'women/import',
    label: 'nav.women',
    icon: 'upload',
    orgTypes: ['maternal'],
    roles: CAN_IMPORT,
    hidden: true,
    element: <ImportWizardPage kind="woman" />,
  },
  {
    path: 'people/:id',
    label: { school: 'nav.students', maternal: 'nav.women' },
    icon: 'file',
    orgTypes: ['school', 'maternal'],
    hidden: true,
    element: <PersonFilePage />,
  },
  ...reportNavItems,
];

export function navLabel(item: NavItem, org: Org | null): NavLabel {
  if (typeof item.label === 'string') return item.label;
  return (org && item.label[org.type]) ?? Object.values(item.label)[0]!;
}

export function isNavVisible(item: NavItem, org: Org | null, user: User | null): boolean {
  if (!org || !user) return false;
  return item.orgTypes.includes(org.type) && (!item.roles || item.roles.includes(user.role));
}

/** The sidebar's entries: modules this user may open, without the pages reached from inside them. */
export function visibleNav(org: Org | null, user: User | null): NavItem[] {
  return navItems.filter((item) => !item.hidden && isNavVisible(item, org, user));
}
