/**
 * What bench/hub.mjs needs from the hub, built into dist/hub-bench.js (vite.cli.config.ts) so the
 * bench runs the same built code as `anxin hub`: the store, initialisation and invitations, ingest,
 * the district dashboard, and the synthetic bundles the hub's tests use.
 */
export { migrateHub } from '../electron/hub/db/migrations';
export { openPglite } from '../electron/hub/db/pglite';
export { openPostgres } from '../electron/hub/db/postgres';
export { openHubDb } from '../electron/hub/store';
export { initHub } from '../electron/hub/services/hub';
export { inviteInstallation } from '../electron/hub/services/invite';
export { readHubKeys } from '../electron/hub/services/keys';
export { ingestBundle } from '../electron/hub/services/ingest';
export { districtDashboard } from '../electron/hub/services/views';
export { schoolPayload, sealPayload, syntheticInstallation } from '../test/helpers/hub-bundles';
