import { useCallback, useMemo, useState } from 'react';
import { useQueries } from '@tanstack/react-query';
import type { PersonListInput, PersonListItem } from '../../../../shared/api/people';
import { invoke } from '../../api/client';
import { apiKey } from '../../api/query';

export const PAGE_SIZE = 500;

export type PeopleQuery = Omit<PersonListInput, 'limit' | 'offset'>;

export interface PeoplePages {
  /** Null until the first page answers. */
  total: number | null;
  /** The row at an index, or undefined while its page is loading. */
  at(index: number): PersonListItem | undefined;
  /** Asks for the pages covering rows [start, end). */
  ensure(start: number, end: number): void;
  loading: boolean;
  error: unknown;
  retry(): void;
}

/** The page numbers covering rows [start, end) that are not in `have` yet. */
export function missingPages(have: readonly number[], start: number, end: number): number[] {
  if (end <= start) return [];
  const missing: number[] = [];
  for (let page = Math.floor(start / PAGE_SIZE); page <= Math.floor((end - 1) / PAGE_SIZE); page++)
    if (!have.includes(page)) missing.push(page);
  return missing;
}

/**
 * The register in pages of 500, fetched as the user scrolls. Each page is a `people.list` query
 * in the shared cache, so an import (pushed `job.progress`) or an added student refreshes them; a
 * new filter asks for a new set of pages starting from the first.
 */
export function usePeoplePages(query: PeopleQuery): PeoplePages {
  const key = JSON.stringify(query);
  const [wanted, setWanted] = useState({ key, pages: [0] });
  const pageList = useMemo(() => (wanted.key === key ? wanted.pages : [0]), [wanted, key]);

  const results = useQueries({
    queries: pageList.map((page) => {
      const input = { ...query, limit: PAGE_SIZE, offset: page * PAGE_SIZE };
      return { queryKey: apiKey('people.list', input), queryFn: () => invoke('people.list', input) };
    }),
  });

  const ensure = useCallback(
    (start: number, end: number) => {
      setWanted((w) => {
        const have = w.key === key ? w.pages : [0];
        const missing = missingPages(have, start, end);
        if (missing.length === 0 && w.key === key) return w;
        return { key, pages: [...have, ...missing] };
      });
    },
    [key],
  );

  const byPage = useMemo(
    () => new Map(pageList.map((page, i) => [page, results[i]?.data])),
    [pageList, results],
  );
  const at = useCallback(
    (index: number) => byPage.get(Math.floor(index / PAGE_SIZE))?.items[index % PAGE_SIZE],
    [byPage],
  );
  const failed = results.filter((r) => r.error);
  return {
    total: results.find((r) => r.data)?.data?.total ?? null,
    at,
    ensure,
    loading: results.some((r) => r.isFetching),
    error: failed[0]?.error ?? null,
    retry: () => failed.forEach((r) => void r.refetch()),
  };
}
