import type { NavItem } from '../../shell/nav';
import { GroupReportPage } from './GroupReportPage';
import { ReferralLetterPage } from './ReferralLetterPage';

/** Printable reports, reached from the case page (转介单) and the export page (班级/乡镇报告). */
export const reportNavItems: readonly NavItem[] = [
  {
    path: 'print/referral/:referralId',
    label: { school: 'nav.worklistSchool', maternal: 'nav.worklistPerinatal' },
    icon: 'printer',
    orgTypes: ['school', 'maternal'],
    method: 'reports.referral',
    hidden: true,
    element: <ReferralLetterPage />,
  },
  {
    path: 'print/group',
    label: 'nav.export',
    icon: 'printer',
    orgTypes: ['school', 'maternal'],
    method: 'reports.group',
    hidden: true,
    element: <GroupReportPage />,
  },
];
