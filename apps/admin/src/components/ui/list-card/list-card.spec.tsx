import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Page } from '@nextpanel/shared';
import { describe, expect, it, vi } from 'vitest';
import { ACTIONS_COLUMN } from '../table';
import { ListCard, type ListCardProps, type ListQuery } from './list-card';

interface Fruit {
  id: number;
  name: string;
}

const COLUMNS = ['Name', ACTIONS_COLUMN];

function fruitPage(items: Fruit[], overrides: Partial<Page<Fruit>> = {}): Page<Fruit> {
  return { items, total: items.length, page: 1, page_size: 20, pages: 1, ...overrides };
}

function query(overrides: Partial<ListQuery<Fruit>> = {}): ListQuery<Fruit> {
  return {
    data: undefined,
    error: null,
    isError: false,
    isFetching: false,
    isPlaceholderData: false,
    refetch: vi.fn(() => Promise.resolve()),
    ...overrides,
  };
}

function renderList(overrides: Partial<ListCardProps<Fruit>> = {}) {
  const props: ListCardProps<Fruit> = {
    filtersClassName: 'toolbar',
    filters: <input type="search" aria-label="Search fruit" />,
    query: query(),
    skeleton: { caption: 'Fruit', columns: COLUMNS, rows: 3, label: 'Loading fruit' },
    errorTitle: 'Could not load fruit',
    refreshErrorTitle: 'Could not refresh fruit',
    noMatches: null,
    empty: { title: 'No fruit yet', description: 'Fruit appears here once picked.' },
    noun: 'fruit',
    onPageChange: vi.fn(),
    renderTable: (items, isStale) => (
      <table aria-label="Fruit" data-stale={isStale}>
        <tbody>
          {items.map((fruit) => (
            <tr key={fruit.id}>
              <td>{fruit.name}</td>
            </tr>
          ))}
        </tbody>
      </table>
    ),
    ...overrides,
  };
  return { user: userEvent.setup(), props, ...render(<ListCard {...props} />) };
}

describe('ListCard', () => {
  it('shows the filters, and the table’s header over placeholder rows until the first page', () => {
    renderList();

    const search = screen.getByRole('search');
    expect(search.className).toBe('toolbar');
    expect(within(search).getByRole('searchbox', { name: 'Search fruit' })).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Fruit' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Name', 'Actions']);
    expect(within(table).getByText('Actions').className).toBe('visually-hidden');
    expect(within(table).getByText('Loading fruit')).toBeTruthy();
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 3);
    expect(screen.queryByRole('navigation')).toBeNull();
  });

  it('says why the first page failed and refetches on “Try again”', async () => {
    const refetch = vi.fn(() => Promise.resolve());
    const { user } = renderList({
      query: query({ isError: true, error: new Error('boom'), refetch }),
    });

    const alert = screen.getByRole('alert');
    expect(within(alert).getByText('Could not load fruit')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(refetch).toHaveBeenCalledTimes(1);
  });

  it('offers to clear the filters when nothing matches them', async () => {
    const onClear = vi.fn();
    const { user } = renderList({
      query: query({ data: fruitPage([]) }),
      noMatches: {
        title: 'No fruit matches “kiwi”',
        description: 'Clear the filters to see every fruit.',
        clearLabel: 'Clear filters',
        onClear,
      },
    });

    expect(screen.getByRole('heading', { name: 'No fruit matches “kiwi”' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'No fruit yet' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(onClear).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('navigation')).toBeNull();
  });

  it('explains the list when there is nothing yet and no filter is set', () => {
    renderList({
      query: query({ data: fruitPage([]) }),
      empty: {
        title: 'No fruit yet',
        description: 'Fruit appears here once picked.',
        action: <a href="/orchard">Go to the orchard</a>,
      },
    });

    expect(screen.getByRole('heading', { name: 'No fruit yet' })).toBeTruthy();
    expect(screen.getByText('Fruit appears here once picked.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to the orchard' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Clear/ })).toBeNull();
  });

  it('renders the rows and pages through them', async () => {
    const onPageChange = vi.fn();
    const { user } = renderList({
      query: query({
        data: fruitPage([{ id: 21, name: 'Quince' }], { total: 41, page: 2, pages: 3 }),
        isPlaceholderData: true,
      }),
      onPageChange,
    });

    const table = screen.getByRole('table', { name: 'Fruit' });
    expect(within(table).getByText('Quince')).toBeTruthy();
    expect(table.getAttribute('data-stale')).toBe('true');
    expect(screen.queryByRole('alert')).toBeNull();
    const pages = screen.getByRole('navigation', { name: 'Pages of fruit' });
    expect(pages.textContent).toContain('Showing 21–40 of 41 fruit');
    await user.click(within(pages).getByRole('button', { name: 'Next' }));
    expect(onPageChange).toHaveBeenCalledWith(3);
  });

  it('keeps the rows when a later fetch fails, and says so above them', async () => {
    const refetch = vi.fn(() => Promise.resolve());
    const { user } = renderList({
      query: query({
        data: fruitPage([{ id: 1, name: 'Apple' }]),
        isError: true,
        error: new Error('boom'),
        refetch,
      }),
    });

    const alert = screen.getByRole('alert');
    expect(within(alert).getByText('Could not refresh fruit')).toBeTruthy();
    expect(screen.getByText('Apple')).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Pages of fruit' })).toBeTruthy();
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(refetch).toHaveBeenCalledTimes(1);
  });
});
