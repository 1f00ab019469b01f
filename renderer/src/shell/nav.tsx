import type { ReactNode } from 'react';
import type { Org, OrgType, Role, User } from '../../../shared/api/auth';
import type { IconName } from '../components/Icon';
import type { zhCN } from '../i18n/zh-CN';
import { StudentsPage } from '../pages/StudentsPage';

export interface NavItem {
  /** Route segment under /app. */
  path: string;
  label: `nav.${keyof typeof zhCN.nav}`;
  icon: IconName;
  /** Organisation kinds the module makes sense for (a school has no pregnancies, a clinic no classes). */
  orgTypes: readonly OrgType[];
  /** Roles that may open the module; absent means every logged-in role. */
  roles?: readonly Role[];
  element: ReactNode;
}

/**
 * The app's modules, in sidebar order. Routes and the sidebar are both built from this
 * list, so a new page (测评计划, 预警台账, 量表库, 导出 …) is one entry here.
 */
export const navItems: readonly NavItem[] = [
  { path: 'students', label: 'nav.students', icon: 'users', orgTypes: ['school'], element: <StudentsPage /> },
];

export function isNavVisible(item: NavItem, org: Org | null, user: User | null): boolean {
  if (!org || !user) return false;
  return item.orgTypes.includes(org.type) && (!item.roles || item.roles.includes(user.role));
}

export function visibleNav(org: Org | null, user: User | null): NavItem[] {
  return navItems.filter((item) => isNavVisible(item, org, user));
}
