import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../api/errors';
import { Alert } from './Alert';
import { Button } from './Button';
import { Spinner } from './Spinner';

/** The part of a query a page shows while waiting or after failing (TanStack Query's result fits). */
export interface Loadable<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  refetch(): unknown;
}

/**
 * Several queries a page needs together, as one: data once all have answered, the first error,
 * pending while any is, and a retry that asks each again.
 */
export function allLoaded<Q extends Record<string, Loadable<unknown>>>(
  queries: Q,
): Loadable<{ [K in keyof Q]: NonNullable<Q[K]['data']> }> {
  const list = Object.values(queries);
  const ready = list.every((q) => q.data !== undefined);
  return {
    data: ready
      ? (Object.fromEntries(Object.entries(queries).map(([k, q]) => [k, q.data])) as {
          [K in keyof Q]: NonNullable<Q[K]['data']>;
        })
      : undefined,
    error: list.find((q) => q.error)?.error ?? null,
    isPending: list.some((q) => q.isPending),
    refetch: () => list.forEach((q) => void q.refetch()),
  };
}

/**
 * What every list and file page shows around its data: a loading card the first time, the
 * error with a retry when the load failed (keeping stale data visible below), then the content.
 */
export function LoadState<T>({
  query,
  failed,
  children,
  testId,
}: {
  query: Loadable<T>;
  /** Title of the error ("名册加载失败"). */
  failed: string;
  children(data: T): ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      {query.error ? (
        <Alert title={failed} testId={testId}>
          {describeError(query.error)}{' '}
          <Button variant="link" onClick={() => void query.refetch()}>
            {t('common.retry')}
          </Button>
        </Alert>
      ) : null}
      {query.isPending && query.data === undefined && !query.error ? (
        <div className="card card-loading" aria-busy="true">
          <Spinner size={20} />
          {t('common.loading')}
        </div>
      ) : null}
      {query.data !== undefined ? children(query.data) : null}
    </>
  );
}
