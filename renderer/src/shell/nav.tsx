import type { ReactNode } from 'react';
import type { Org, OrgType, User } from '../../../shared/api/auth';
import { can, type ApiMethod } from '../../../shared/api/contract';
import type { IconName } from '../ui/Icon';
import type { zhCN } from '../i18n/zh-CN';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { ExportPage } from '../features/exports/ExportPage';
import { caseNavItems } from '../features/cases/nav';
import { reportNavItems } from '../features/reports/nav';
import { ImportWizardPage } from '../features/import/ImportWizardPage';
import { LibraryPage } from '../features/library/LibraryPage';
import { PersonFilePage } from '../features/people/PersonFilePage';
import { StudentsPage } from '../features/people/StudentsPage';
import { WomenPage } from '../features/people/WomenPage';
import { RulesPage } from '../features/rules/RulesPage';
import { UsersPage } from '../features/users/UsersPage';
import { AuditPage } from '../features/audit/AuditPage';
import { BackupPage } from '../features/settings/BackupPage';
import { HubLinkPage } from '../features/settings/HubLinkPage';
import { screeningNavItems } from '../features/screening/nav';

type NavLabel = `nav.${keyof typeof zhCN.nav}`;

export interface NavItem {
  /** Route under /app (may hold parameters for pages outside the sidebar). */
  path: string;
  /** One label, or one per organisation kind when the same module is named differently. */
  label: NavLabel | Partial<Record<OrgType, NavLabel>>;
  icon: IconName;
  /** Organisation kinds the module makes sense for (a school has no pregnancies, a clinic no classes). */
  orgTypes: readonly OrgType[];
  /**
   * The contract method the page stands on: it shows for exactly the roles that may call it
   * (`can`, the dispatcher's own table), so no page repeats a role list by hand.
   */
  method: ApiMethod;
  /** Other route prefixes under /app that belong to this module (a person's file to the register). */
  alsoActiveFor?: readonly string[];
  /** A page reached from another page (a person's file, an import), not listed in the sidebar. */
  hidden?: boolean;
  element: ReactNode;
}

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
    method: 'dashboard.get',
    element: <DashboardPage />,
  },
  {
    path: 'students',
    label: 'nav.students',
    icon: 'users',
    orgTypes: ['school'],
    method: 'people.list',
    alsoActiveFor: ['people'],
    element: <StudentsPage />,
  },
  {
    path: 'women',
    label: 'nav.women',
    icon: 'maternal',
    orgTypes: ['maternal'],
    method: 'people.list',
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
    // The library shows item texts: for those who run or read sheets.
    method: 'instruments.get',
    element: <LibraryPage />,
  },
  {
    path: 'export',
    label: 'nav.export',
    icon: 'upload',
    orgTypes: ['school', 'maternal'],
    method: 'exports.start',
    element: <ExportPage />,
  },
  {
    path: 'rules',
    label: { school: 'nav.rulesSchool', maternal: 'nav.rulesPerinatal' },
    icon: 'sliders',
    orgTypes: ['school', 'maternal'],
    method: 'tiers.save',
    element: <RulesPage />,
  },
  {
    path: 'users',
    label: 'nav.users',
    icon: 'shield',
    orgTypes: ['school', 'maternal'],
    method: 'users.list',
    element: <UsersPage />,
  },
  {
    path: 'audit',
    label: 'nav.audit',
    icon: 'file',
    orgTypes: ['school', 'maternal'],
    method: 'audit.list',
    element: <AuditPage />,
  },
  {
    path: 'backup',
    label: 'nav.backup',
    icon: 'download',
    orgTypes: ['school', 'maternal'],
    method: 'backup.settings',
    element: <BackupPage />,
  },
  {
    path: 'hub',
    label: 'nav.hubLink',
    icon: 'globe',
    orgTypes: ['school', 'maternal'],
    method: 'hubLink.status',
    element: <HubLinkPage />,
  },
  {
    path: 'students/import',
    label: 'nav.students',
    icon: 'upload',
    orgTypes: ['school'],
    method: 'people.importCommit',
    hidden: true,
    element: <ImportWizardPage kind="student" />,
  },
  {
    path: 'women/import',
    label: 'nav.women',
    icon: 'upload',
    orgTypes: ['maternal'],
    method: 'people.importCommit',
    hidden: true,
    element: <ImportWizardPage kind="woman" />,
  },
  {
    path: 'people/:id',
    label: { school: 'nav.students', maternal: 'nav.women' },
    icon: 'file',
    orgTypes: ['school', 'maternal'],
    method: 'people.get',
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
  return item.orgTypes.includes(org.type) && can(user.role, item.method);
}

/** The sidebar's entries: modules this user may open, without the pages reached from inside them. */
export function visibleNav(org: Org | null, user: User | null): NavItem[] {
  return navItems.filter((item) => !item.hidden && isNavVisible(item, org, user));
}
