/** Which hub role may do what: one table, in shared/ so the hub's pages read it too. */
export { HUB_ACTIONS, hubRoleMay, type HubAction } from '../../../shared/hub/roles';
