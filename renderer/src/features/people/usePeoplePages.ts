import { useCallback, useEffect, useRef, useState } from 'react';
import type { PersonListInput, PersonListItem } from '../../../../shared/api/people';
import { invoke } from '../../api/client';

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

/**
 * The register in pages of 500, fetched as the user scrolls. A new query drops every page;
 * answers for an older query are ignored.
 */
export function usePeoplePages(query: PeopleQuery, reloadKey: number): PeoplePages {
  const key = JSON.stringify(query) + `#${reloadKey}`;
  const pages = useRef(new Map<number, PersonListItem[] | 'loading'>());
  const keyRef = useRef(key);
  const [total, setTotal] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [, setVersion] = useState(0);
  const [retryTick, setRetryTick] = useState(0);

  const fetchPage = useCallback((page: number, forKey: string, input: PeopleQuery) => {
    pages.current.set(page, 'loading');
    setLoading(true);
    invoke('people.list', { ...input, limit: PAGE_SIZE, offset: page * PAGE_SIZE })
      .then((value) => {
        if (keyRef.current !== forKey) return;
        pages.current.set(page, value.items);
        setTotal(value.total);
        setError(null);
      })
      .catch((err: unknown) => {
        if (keyRef.current !== forKey) return;
        pages.current.delete(page);
        setError(err);
      })
      .finally(() => {
        if (keyRef.current !== forKey) return;
        const busy = [...pages.current.values()].some((p) => p === 'loading');
        setLoading(busy);
        setVersion((v) => v + 1);
      });
  }, []);

  useEffect(() => {
    keyRef.current = key;
    pages.current = new Map();
    setTotal(null);
    setError(null);
    fetchPage(0, key, JSON.parse(key.slice(0, key.lastIndexOf('#'))) as PeopleQuery);
  }, [key, fetchPage, retryTick]);

  const ensure = useCallback(
    (start: number, end: number) => {
      if (end <= start) return;
      const input = JSON.parse(keyRef.current.slice(0, keyRef.current.lastIndexOf('#'))) as PeopleQuery;
      for (let page = Math.floor(start / PAGE_SIZE); page <= Math.floor((end - 1) / PAGE_SIZE); page++) {
        if (!pages.current.has(page)) fetchPage(page, keyRef.current, input);
      }
    },
    [fetchPage],
  );

  const at = useCallback((index: number) => {
    const page = pages.current.get(Math.floor(index / PAGE_SIZE));
    return Array.isArray(page) ? page[index % PAGE_SIZE] : undefined;
  }, []);

  return { total, at, ensure, loading, error, retry: () => setRetryTick((n) => n + 1) };
}
