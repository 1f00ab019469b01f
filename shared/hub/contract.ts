import { z } from 'zod';
import { programmeSchema } from './agreement';
import { HUB_ACTIONS, HUB_ROLES, type HubAction, type HubRole } from './roles';
import type { IngestRefusal, IngestSummary } from './ingest';
import { hubFilterSchema, type DistrictDashboard, type HubCaseList } from './views';

/**
 * The district hub's API: every method with its zod input and the roles that may call it, in the
 * style of shared/api/contract.ts. `electron/hub/dispatch.ts` enforces this table (session, role,
 * input, scope) and the hub's page reads it through `hubCan` to show only what a user may do.
 */
export type HubMethodRoles = 'public' | readonly [HubRole, ...HubRole[]];

interface HubMethodSpec<I extends z.ZodType, O> {
  input: I;
  roles: HubMethodRoles;
  /** The action of the role table this method performs (absent: public, or the caller's own session). */
  action?: HubActionName;
  /** Type only: what the method returns (the services' types, see shared/hub/views.ts). */
  output?: O;
}

function method<O>() {
  return <I extends z.ZodType>(spec: HubMethodSpec<I, O>): HubMethodSpec<I, O> => spec;
}

/** The hub's roles and who may take which action: core's one table (shared/hub/roles.ts). */
export const HUB_ROLE_LIST = HUB_ROLES;
export type { HubRole };
export type HubActionName = HubAction;

/** Who may download the district report (GET /hub/report.*). */
export const HUB_REPORT_ROLES: readonly HubRole[] = HUB_ACTIONS['report.read'];

const empty = z.object({}).strict();

/** The dashboard's filter: the views' own schema (shared/hub/views.ts). */
export { hubFilterSchema };

export const hubScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('district') }).strict(),
  z.object({ kind: z.literal('township'), township: z.string().min(1).max(60) }).strict(),
  z
    .object({ kind: z.literal('installations'), installations: z.array(z.string().uuid()).min(1).max(500) })
    .strict(),
]);

export const hubUsernameSchema = z
  .string()
  .min(2)
  .max(40)
  .regex(/^[A-Za-z0-9._-]+$/);

export const hubLoginSchema = z
  .object({ username: z.string().min(1).max(40), password: z.string().min(1).max(200) })
  .strict();

export const hubNewUserSchema = z
  .object({
    username: hubUsernameSchema,
    displayName: z.string().trim().min(1).max(60),
    role: z.enum(HUB_ROLE_LIST),
    scope: hubScopeSchema,
    password: z.string().min(10).max(200),
  })
  .strict();

export const hubInviteInputSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    programme: programmeSchema,
    township: z.string().trim().min(1).max(60).optional(),
    shareNames: z.boolean().default(false),
    uploadUrl: z.string().url().max(300).optional(),
  })
  .strict();

/** A bundle file sent from the upload page: its name (for the answer only) and its bytes in base64. */
export const MAX_UPLOAD_FILES = 20;
/** The largest bundle ingest reads (electron/hub/services/ingest.ts MAX_BUNDLE_BYTES; the contract test keeps them equal). */
export const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;
export const hubUploadSchema = z
  .object({
    files: z
      .array(
        z
          .object({
            name: z.string().min(1).max(200),
            base64: z
              .string()
              .max(Math.ceil(MAX_BUNDLE_BYTES / 3) * 4)
              .regex(/^[A-Za-z0-9+/]*={0,2}$/),
          })
          .strict(),
      )
      .min(1)
      .max(MAX_UPLOAD_FILES),
  })
  .strict();

const installationIdSchema = z.object({ installationId: z.string().uuid() }).strict();

export interface HubMe {
  id: number;
  username: string;
  displayName: string;
  role: HubRole;
  scope: z.infer<typeof hubScopeSchema>;
}

export interface HubStatus {
  initialised: boolean;
  hubName: string | null;
  /** The caller's own session, when its cookie holds a live one (the page opens straight in). */
  me: HubMe | null;
}

export interface HubInstallationItem {
  id: string;
  name: string;
  programme: 'school' | 'perinatal';
  township: string | null;
  status: 'invited' | 'enrolled' | 'revoked';
  namesShared: boolean;
  invitedAt: string;
  lastReceivedAt: string | null;
}

/** One uploaded file's fate, for the upload page's table. */
export interface HubFileOutcome {
  file: string;
  status: 'accepted' | 'unchanged' | 'rejected';
  reason?: IngestRefusal;
  installationName?: string | null;
}

export type HubUploadResult = IngestSummary & { files: HubFileOutcome[] };

export interface HubUserItem extends HubMe {
  active: boolean;
}

export const hubContract = {
  /** Whether the hub has been initialised, its name (the login page's title), and who is logged in. */
  'hub.status': method<HubStatus>()({ input: empty, roles: 'public' }),
  /** Starts a session; the transport sets its token as an HttpOnly cookie and never returns it. */
  'hub.login': method<HubMe>()({ input: hubLoginSchema, roles: 'public' }),
  'hub.logout': method<Record<string, never>>()({ input: empty, roles: HUB_ROLE_LIST }),
  'hub.me': method<HubMe>()({ input: empty, roles: HUB_ROLE_LIST }),
  /** Figures for the user's scope (cut further by the filter). */
  'hub.dashboard': method<DistrictDashboard>()({
    input: hubFilterSchema,
    action: 'dashboard.read',
    roles: HUB_ACTIONS['dashboard.read'],
  }),
  /** An installation's pseudonymous case list (names only where its agreement shares them). */
  'hub.cases': method<HubCaseList>()({
    input: installationIdSchema,
    action: 'cases.read',
    roles: HUB_ACTIONS['cases.read'],
  }),
  /** The installations in the user's scope, with their enrolment state. */
  'hub.installations': method<HubInstallationItem[]>()({
    input: empty,
    action: 'installations.list',
    roles: HUB_ACTIONS['installations.list'],
  }),
  /** A one-time invitation for a named installation: the file's text, to download and hand over. */
  'hub.invite': method<{ installationId: string; fileName: string; text: string }>()({
    input: hubInviteInputSchema,
    action: 'installations.invite',
    roles: HUB_ACTIONS['installations.invite'],
  }),
  'hub.revoke': method<Record<string, never>>()({
    input: installationIdSchema,
    action: 'installations.revoke',
    roles: HUB_ACTIONS['installations.revoke'],
  }),
  /** Bundle files carried by USB stick or share, uploaded from the page. */
  'hub.ingest': method<HubUploadResult>()({
    input: hubUploadSchema,
    action: 'bundles.ingest',
    roles: HUB_ACTIONS['bundles.ingest'],
  }),
  'hub.users.list': method<HubUserItem[]>()({
    input: empty,
    action: 'users.list',
    roles: HUB_ACTIONS['users.list'],
  }),
  'hub.users.add': method<HubUserItem>()({
    input: hubNewUserSchema,
    action: 'users.add',
    roles: HUB_ACTIONS['users.add'],
  }),
  /** Walks the tamper-evident audit chain. */
  'hub.audit.verify': method<{ ok: boolean; rows: number; brokenAt?: number }>()({
    input: empty,
    action: 'audit.verify',
    roles: HUB_ACTIONS['audit.verify'],
  }),
} as const;

export type HubContract = typeof hubContract;
export type HubMethod = keyof HubContract;
export type HubInput<M extends HubMethod> = z.input<HubContract[M]['input']>;
export type HubParsedInput<M extends HubMethod> = z.output<HubContract[M]['input']>;
export type HubOutput<M extends HubMethod> = NonNullable<HubContract[M]['output']>;

export const hubMethods = Object.keys(hubContract) as HubMethod[];

export function isHubMethod(name: unknown): name is HubMethod {
  return typeof name === 'string' && Object.hasOwn(hubContract, name);
}

/** Whether a user of `role` may call `method` (public: anyone): the dispatcher's and the page's one answer. */
export function hubCan(role: HubRole | null | undefined, method: HubMethod): boolean {
  const roles = hubContract[method].roles;
  if (roles === 'public') return true;
  return role !== null && role !== undefined && (roles as readonly HubRole[]).includes(role);
}

/** The API's paths, shared by the server and the page. */
export const HUB_API = '/hub/api';
export const HUB_BUNDLES_PATH = '/hub/api/bundles';
export const HUB_REPORT_PATHS = { xlsx: '/hub/report.xlsx', pdf: '/hub/report.pdf' } as const;
