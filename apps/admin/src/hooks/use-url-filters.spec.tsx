import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { useUrlFilters } from './use-url-filters';

function wrapper({ children }: { children: ReactNode }) {
  return <MemoryRouter initialEntries={['/list?page=3']}>{children}</MemoryRouter>;
}

describe('useUrlFilters', () => {
  it('keeps both of two filters written before the page renders again', () => {
    const { result } = renderHook(() => ({ filters: useUrlFilters(), location: useLocation() }), {
      wrapper,
    });
    act(() => {
      result.current.filters.setFilter('actor', 'health');
      result.current.filters.setFilter('entity_id', '7');
    });
    const params = new URLSearchParams(result.current.location.search);
    expect(params.get('actor')).toBe('health');
    expect(params.get('entity_id')).toBe('7');
    // A new filter starts again from the first page.
    expect(params.get('page')).toBeNull();
  });

  it('keeps the page when only the page changes', () => {
    const { result } = renderHook(() => ({ filters: useUrlFilters(), location: useLocation() }), {
      wrapper,
    });
    act(() => result.current.filters.setFilter('status', 'failed'));
    act(() => result.current.filters.setPage(2));
    expect(result.current.location.search).toBe('?status=failed&page=2');
  });
});
