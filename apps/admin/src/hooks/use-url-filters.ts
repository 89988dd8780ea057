import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';

/** A page number from `?page=`, 1 for anything missing or odd. */
export function pageFromParams(params: URLSearchParams): number {
  const raw = params.get('page');
  if (raw === null || !/^[1-9]\d{0,6}$/.test(raw)) return 1;
  return Number(raw);
}

/**
 * List filters that live in the URL (`?search=acme&page=2`), so a reload, a shared link or the
 * back button shows the same list. The search box updates the URL 300 ms after the last key,
 * so the API is asked once per pause in typing, not once per key.
 */
export function useUrlFilters({ debounceMs = 300 }: { debounceMs?: number } = {}) {
  const [params, setParams] = useSearchParams();
  const [searchText, setSearchText] = useState(() => params.get('search') ?? '');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The newest parameters, including changes made since the last render: the router's functional
  // update starts from its render's parameters, so two filters written before a re-render (two
  // debounced boxes firing together) would otherwise drop the first.
  const latest = useRef(params);
  useEffect(() => {
    latest.current = params;
  }, [params]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const update = useCallback(
    (changes: Record<string, string | null>, { keepPage = false }: { keepPage?: boolean } = {}) => {
      const next = new URLSearchParams(latest.current);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === '') next.delete(key);
        else next.set(key, value);
      }
      // Another search or filter starts again from its first page.
      if (!keepPage) next.delete('page');
      latest.current = next;
      setParams(next, { replace: true });
    },
    [setParams],
  );

  return {
    params,
    page: pageFromParams(params),
    /** The trimmed search the list is showing (from the URL). */
    search: (params.get('search') ?? '').trim(),
    /** What is in the box right now, possibly ahead of the URL. */
    searchText,
    setSearchText: (value: string) => {
      setSearchText(value);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => update({ search: value.trim() }), debounceMs);
    },
    setFilter: (key: string, value: string | null) => update({ [key]: value }),
    setPage: (page: number) => update({ page: page > 1 ? String(page) : null }, { keepPage: true }),
    clear: (keys: readonly string[]) => {
      clearTimeout(timer.current);
      setSearchText('');
      update(Object.fromEntries(keys.map((key) => [key, null])));
    },
  };
}
