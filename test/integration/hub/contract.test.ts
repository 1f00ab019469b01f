import { describe, expect, test } from 'vitest';
import { HUB_ROLES as SERVICE_ROLES } from '../../../electron/hub/services/users';
import { HUB_ACTIONS } from '../../../shared/hub/roles';
import { MAX_BUNDLE_BYTES as INGEST_MAX_BUNDLE_BYTES } from '../../../electron/hub/services/ingest';
import {
  MAX_BUNDLE_BYTES,
  HUB_REPORT_ROLES,
  HUB_ROLE_LIST,
  hubCan,
  hubContract,
  hubMethods,
} from '../../../shared/hub/contract';

/** The hub contract's roles are the role table's (shared/hub/roles.ts), method by method. */
describe('hub contract', () => {
  test('its roles are the services’ roles', () => {
    expect([...HUB_ROLE_LIST]).toEqual([...SERVICE_ROLES]);
  });

  test('every method that names an action allows exactly that action’s roles', () => {
    for (const method of hubMethods) {
      const spec = hubContract[method];
      if (!spec.action) continue;
      expect([method, [...(spec.roles as readonly string[])].sort()]).toEqual([
        method,
        [...HUB_ACTIONS[spec.action]].sort(),
      ]);
    }
    expect([...HUB_REPORT_ROLES].sort()).toEqual([...HUB_ACTIONS['report.read']].sort());
  });

  test('only status and login are public; a method without an action is open to every logged-in role', () => {
    const publicMethods = hubMethods.filter((m) => hubContract[m].roles === 'public');
    expect(publicMethods).toEqual(['hub.status', 'hub.login']);
    for (const method of hubMethods.filter(
      (m) => !hubContract[m].action && hubContract[m].roles !== 'public',
    ))
      expect(HUB_ROLE_LIST.every((role) => hubCan(role, method))).toBe(true);
  });

  test('the viewer reads figures only', () => {
    const allowed = hubMethods.filter((m) => hubCan('viewer', m));
    expect(allowed).toEqual([
      'hub.status',
      'hub.login',
      'hub.logout',
      'hub.me',
      'hub.dashboard',
      'hub.installations',
    ]);
    expect(hubCan(null, 'hub.dashboard')).toBe(false);
  });

  test('the upload cap is the cap ingest reads', () => {
    expect(MAX_BUNDLE_BYTES).toBe(INGEST_MAX_BUNDLE_BYTES);
  });
});
