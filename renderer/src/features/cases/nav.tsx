import type { NavItem } from '../../shell/nav';
import { CasePage } from './CasePage';
import { WorklistPage } from './WorklistPage';

/** 预警台账 / 高危名单 in the sidebar, and the case page reached from it. */
export const caseNavItems: readonly NavItem[] = [
  {
    path: 'worklist',
    label: { school: 'nav.worklistSchool', maternal: 'nav.worklistPerinatal' },
    icon: 'alert',
    orgTypes: ['school', 'maternal'],
    method: 'cases.worklist',
    alsoActiveFor: ['cases'],
    element: <WorklistPage />,
  },
  {
    path: 'cases/:id',
    label: { school: 'nav.worklistSchool', maternal: 'nav.worklistPerinatal' },
    icon: 'file',
    orgTypes: ['school', 'maternal'],
    method: 'cases.get',
    hidden: true,
    element: <CasePage />,
  },
];
