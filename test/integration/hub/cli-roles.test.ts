import { expect, test } from 'vitest';
import { HUB_ACTIONS, HUB_ROLES, hubRoleMay } from '../../../shared/hub/roles';

test('which hub role may take which action', () => {
  const table = Object.fromEntries(
    HUB_ROLES.map((role) => [
      role,
      (Object.keys(HUB_ACTIONS) as (keyof typeof HUB_ACTIONS)[]).filter((a) => hubRoleMay(role, a)).sort(),
    ]),
  );
  expect(table).toEqual({
    district_admin: Object.keys(HUB_ACTIONS).sort(),
    district_staff: [
      'bundles.ingest',
      'cases.read',
      'dashboard.read',
      'installations.list',
      'report.read',
      'stats.read',
    ],
    viewer: ['dashboard.read', 'installations.list', 'report.read', 'stats.read'],
  });
});
