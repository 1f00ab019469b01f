import { useEffect, useRef, useState } from 'react';
import type { PersonKind } from '../../../../shared/api/people';
import { useUi, type PeopleFilters } from '../../store/ui';

const SEARCH_DELAY_MS = 250;

/**
 * A register's filters (kept across page switches), the search box typed ahead of them, and the
 * scroll position remembered for the way back from a person's file.
 */
export function useRegister(kind: PersonKind) {
  const filters = useUi((s) => s.peopleFilters[kind]);
  const setPeopleFilters = useUi((s) => s.setPeopleFilters);
  const savedScroll = useUi((s) => s.peopleScroll[kind]);
  const setScroll = useUi((s) => s.setPeopleScroll);
  const [queryInput, setQueryInput] = useState(filters.query);
  const scrollTopRef = useRef(savedScroll);
  const setFilters = (patch: Partial<PeopleFilters>) => setPeopleFilters(kind, patch);

  useEffect(() => {
    if (queryInput.trim() === filters.query) return;
    const timer = setTimeout(() => setPeopleFilters(kind, { query: queryInput.trim() }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [kind, queryInput, filters.query, setPeopleFilters]);

  useEffect(() => () => setScroll(kind, scrollTopRef.current), [kind, setScroll]);
  // A new filter or order starts at the top; the remembered position is for the same filters only.
  const lastFilters = useRef(filters);
  useEffect(() => {
    if (lastFilters.current === filters) return;
    lastFilters.current = filters;
    scrollTopRef.current = 0;
  }, [filters]);

  return { filters, setFilters, queryInput, setQueryInput, savedScroll, scrollTopRef };
}
