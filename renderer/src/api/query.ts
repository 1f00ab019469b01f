import {
  keepPreviousData,
  QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryKey,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { ApiInput, ApiMethod, ApiOutput } from '../../../shared/api/contract';
import type { ServerEvent, ServerEventType } from '../../../shared/api/events';
import { isApiCallError, invoke, type ApiCallError } from './client';
import { useServerEvents } from './events';

/**
 * Server data lives in TanStack Query's cache, keyed by contract method and input; zustand keeps
 * UI state only. Pushed events invalidate the methods whose answers they change, so screens
 * refresh themselves without each page polling or wiring its own listener.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A role or validation error will not heal by asking again; a dropped loopback might.
        retry: (count, error) => count < 2 && isApiCallError(error, 'network'),
        // Pushed events keep data fresh; this only spares a second request when a page remounts.
        staleTime: 2_000,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}

/** The window's one cache; cleared whenever the signed-in user changes (see store/session). */
export const queryClient = createQueryClient();

/** The cache key of a contract call: the method first, so a method's answers invalidate together. */
export const apiKey = <M extends ApiMethod>(method: M, input?: ApiInput<M>): QueryKey =>
  input === undefined ? [method] : [method, input];

export interface ApiQueryOptions {
  enabled?: boolean;
  /** Poll as well, for data no event announces (a station's live devices). */
  refetchInterval?: number | false;
  /** Keep showing the previous answer while a new input loads (paging, filters). */
  keepPrevious?: boolean;
}

export function useApiQuery<M extends ApiMethod>(
  method: M,
  input: ApiInput<M>,
  options: ApiQueryOptions = {},
): UseQueryResult<ApiOutput<M>, ApiCallError> {
  return useQuery<ApiOutput<M>, ApiCallError>({
    queryKey: apiKey(method, input),
    queryFn: () => invoke(method, input),
    enabled: options.enabled ?? true,
    refetchInterval: options.refetchInterval ?? false,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
  });
}

/**
 * A contract call that changes data. On success the listed methods' cached answers are marked
 * stale (every query of each method, whatever its input), so lists and counts refetch.
 */
export function useApiMutation<M extends ApiMethod>(method: M, invalidates: readonly ApiMethod[] = []) {
  const client = useQueryClient();
  return useMutation<ApiOutput<M>, ApiCallError, ApiInput<M>>({
    mutationFn: (input) => invoke(method, input),
    onSuccess: async () => {
      await Promise.all(invalidates.map((m) => client.invalidateQueries({ queryKey: [m] })));
    },
  });
}

/** Which methods' answers each pushed event makes stale. One table, read by `useEventInvalidation`. */
export const EVENT_INVALIDATES: Record<ServerEventType, readonly ApiMethod[]> = {
  'alert.raised': ['alerts.list', 'cases.worklist', 'cases.get', 'dashboard.get', 'campaigns.progress'],
  'alerts.changed': ['alerts.list', 'cases.worklist', 'cases.get', 'dashboard.get'],
  'board.changed': ['campaigns.progress', 'campaigns.list', 'station.status'],
  'job.progress': ['exports.progress'],
};

/** Methods a finished job changes besides its progress: an import adds people, a restore everything. */
const JOB_DONE_INVALIDATES: Record<
  Extract<ServerEvent, { type: 'job.progress' }>['kind'],
  readonly ApiMethod[] | 'all'
> = {
  import: ['people.list', 'people.groups', 'students.list', 'campaigns.list', 'dashboard.get'],
  responses: ['campaigns.progress', 'cases.worklist', 'alerts.list', 'dashboard.get'],
  export: [],
  backup: ['backup.status'],
  restore: 'all',
};

/** The methods an event makes stale, or 'all' when nothing cached can be trusted any more. */
export function staleAfter(event: ServerEvent): readonly ApiMethod[] | 'all' {
  const base = EVENT_INVALIDATES[event.type];
  if (event.type !== 'job.progress' || event.state !== 'done') return base;
  const more = JOB_DONE_INVALIDATES[event.kind];
  return more === 'all' ? 'all' : [...base, ...more];
}

const EVENT_TYPES = Object.keys(EVENT_INVALIDATES) as ServerEventType[];

/** Mounted once inside the signed-in shell: turns the server's pushes into cache invalidation. */
export function useEventInvalidation(): void {
  const client = useQueryClient();
  useServerEvents(EVENT_TYPES, (event) => {
    const stale = staleAfter(event);
    if (stale === 'all') void client.invalidateQueries();
    else for (const method of stale) void client.invalidateQueries({ queryKey: [method] });
  });
}
