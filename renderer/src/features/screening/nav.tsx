import type { NavItem } from '../../shell/nav';
import { LiveBoardPage } from './board/LiveBoardPage';
import { CampaignDetailPage } from './CampaignDetailPage';
import { CampaignsPage } from './CampaignsPage';
import { KioskPage } from './kiosk/KioskPage';
import { PaperPage } from './paper/PaperPage';
import { ResponseImportPage } from './response-import/ResponseImportPage';

/** 测评计划 in the sidebar, and the pages reached from a plan (detail, kiosk, live board, paper). */
export const screeningNavItems: readonly NavItem[] = [
  {
    path: 'campaigns',
    label: 'nav.campaigns',
    icon: 'clock',
    orgTypes: ['school', 'maternal'],
    method: 'campaigns.list',
    element: <CampaignsPage />,
  },
  {
    path: 'campaigns/:id',
    label: 'nav.campaigns',
    icon: 'clock',
    orgTypes: ['school', 'maternal'],
    method: 'campaigns.progress',
    hidden: true,
    element: <CampaignDetailPage />,
  },
  {
    path: 'campaigns/:id/kiosk',
    label: 'nav.campaigns',
    icon: 'lock',
    orgTypes: ['school', 'maternal'],
    method: 'kiosk.enter',
    hidden: true,
    element: <KioskPage />,
  },
  {
    path: 'campaigns/:id/board',
    label: 'nav.campaigns',
    icon: 'chart',
    orgTypes: ['school', 'maternal'],
    method: 'campaigns.progress',
    hidden: true,
    element: <LiveBoardPage />,
  },
  {
    path: 'campaigns/:id/paper',
    label: 'nav.campaigns',
    icon: 'printer',
    orgTypes: ['school', 'maternal'],
    method: 'screening.start',
    hidden: true,
    element: <PaperPage />,
  },
  {
    path: 'campaigns/:id/import',
    label: 'nav.campaigns',
    icon: 'upload',
    orgTypes: ['school', 'maternal'],
    method: 'responses.import',
    hidden: true,
    element: <ResponseImportPage />,
  },
];
