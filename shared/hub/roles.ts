/**
 * The hub's roles and which may take which action: the one table the CLI, the hub's HTTP
 * dispatcher and the hub's pages (to show only what a user may use) all read. Pure, so the
 * page can import it. Scope (district, township, installations) then cuts what an allowed action
 * sees; this says only whether the role may take the action at all.
 *
 * district_admin enrols and revokes installations, manages accounts, ingests; district_staff (the
 * district's psychologist or clinician) views, drills down, reports and ingests; viewer sees
 * figures only, no case lists.
 */
export const HUB_ROLES = ['district_admin', 'district_staff', 'viewer'] as const;
export type HubRole = (typeof HUB_ROLES)[number];

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
