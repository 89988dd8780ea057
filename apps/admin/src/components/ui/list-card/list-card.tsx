import type { ReactNode } from 'react';
import type { Page } from '@nextpanel/shared';
import { Button } from '../button';
import { Card } from '../card';
import { EmptyState, type EmptyStateProps } from '../empty-state';
import { ErrorState } from '../error-state';
import { SearchIcon } from '../icons';
import { Pagination } from '../pagination';
import { LoadingTable, type LoadingTableProps } from '../table';

/** What the card reads from the list's query (a TanStack Query result fits as it is). */
export interface ListQuery<Item> {
  data: Page<Item> | undefined;
  error: unknown;
  isError: boolean;
  isFetching: boolean;
  /** The previous page is still shown while the next one loads. */
  isPlaceholderData: boolean;
  refetch: () => Promise<unknown>;
}

/** The empty state while filters are set: nothing matches, offer to clear them. */
export interface NoMatchesProps {
  title: string;
  description: string;
  /** "Clear filter" or "Clear filters", after how many the page has. */
  clearLabel: string;
  onClear: () => void;
}

export interface ListCardProps<Item> {
  /** The card's heading, where the page has more than this one card ("Deliveries"). */
  title?: ReactNode;
  /** The filter bar's fields: selects, a search box, chips. */
  filters: ReactNode;
  /** Each list lays its filter bar out its own way. */
  filtersClassName: string;
  query: ListQuery<Item>;
  /** The table's caption and header over grey rows until the first page arrives. */
  skeleton: LoadingTableProps;
  /** The first page failed: "Could not load orders". */
  errorTitle: string;
  /** A later fetch failed, shown above the rows already there: "Could not refresh orders". */
  refreshErrorTitle: string;
  /** Said when filters are set and nothing matches; null while no filter is set. */
  noMatches: NoMatchesProps | null;
  /** No rows at all yet: what the list is for and what to do first. */
  empty: EmptyStateProps;
  /** What the pagination counts: "orders". */
  noun: string;
  onPageChange: (page: number) => void;
  renderTable: (items: readonly Item[], isStale: boolean) => ReactNode;
}

/**
 * A paginated list in a card: the filter bar, then the first page's skeleton or error, the empty
 * state (one for "nothing matches the filters", one for "nothing yet"), or the table and its
 * pagination. Once a page is shown, a failed refetch keeps it and says so above it.
 */
export function ListCard<Item>({
  title,
  filters,
  filtersClassName,
  query,
  skeleton,
  errorTitle,
  refreshErrorTitle,
  noMatches,
  empty,
  noun,
  onPageChange,
  renderTable,
}: ListCardProps<Item>) {
  const page = query.data;
  const retry = () => void query.refetch();

  return (
    <Card padding="none" title={title}>
      <div className={filtersClassName} role="search">
        {filters}
      </div>

      {query.isError && page === undefined ? (
        <ErrorState
          title={errorTitle}
          error={query.error}
          onRetry={retry}
          isRetrying={query.isFetching}
        />
      ) : page === undefined ? (
        <LoadingTable {...skeleton} />
      ) : page.total === 0 && noMatches ? (
        <EmptyState
          icon={<SearchIcon size={26} />}
          title={noMatches.title}
          description={noMatches.description}
          action={
            <Button variant="secondary" onClick={() => noMatches.onClear()}>
              {noMatches.clearLabel}
            </Button>
          }
        />
      ) : page.total === 0 ? (
        <EmptyState {...empty} />
      ) : (
        <>
          {query.isError ? (
            <ErrorState
              size="compact"
              title={refreshErrorTitle}
              error={query.error}
              onRetry={retry}
              isRetrying={query.isFetching}
            />
          ) : null}
          {renderTable(page.items, query.isPlaceholderData)}
          <Pagination
            page={page.page}
            pages={page.pages}
            total={page.total}
            pageSize={page.page_size}
            noun={noun}
            isFetching={query.isFetching}
            onPageChange={onPageChange}
          />
        </>
      )}
    </Card>
  );
}
