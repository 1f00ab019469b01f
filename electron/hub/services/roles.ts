import type { HubRole } from './users';

/**
 * Which hub role may do what: the one table the CLI and the hub's HTTP dispatcher both consult.
 * Scope (district, township, installations) cuts what an allowed action sees; this says only
 * whether the role may take the action at all.
 */
export const HUB_ACTIONS = {
  /** Invite an installation (write its invitation file). */
  'installations.invite': ['district_admin'],
  'installations.revoke': ['district_admin'],
  'installations.list': ['district_admin', 'district_staff', 'viewer'],
  /** Ingest bundles (CLI or the upload page). */
  'bundles.ingest': ['district_admin', 'district_staff'],
  'users.add': ['district_admin'],
  'users.list': ['district_admin'],
  'audit.verify': ['district_admin'],
  'audit.list': ['district_admin'],
  /** Totals and the dashboard (figures only). */
  'stats.read': ['district_admin', 'district_staff', 'viewer'],
  'dashboard.read': ['district_admin', 'district_staff', 'viewer'],
  /** An installation's pseudonymous case list (and names where the agreement shares them). */
  'cases.read': ['district_admin', 'district_staff'],
  'report.read': ['district_admin', 'district_staff', 'viewer'],
} as const satisfies Record<string, readonly HubRole[]>;
export type HubAction = keyof typeof HUB_ACTIONS;

export function hubRoleMay(role: HubRole, action: HubAction): boolean {
  return (HUB_ACTIONS[action] as readonly HubRole[]).includes(role);
}
