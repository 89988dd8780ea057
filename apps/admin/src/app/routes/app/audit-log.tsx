import { Head } from '@/components/seo/head';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { ExpandableTableSkeleton } from '@/components/ui/expandable-table';
import { ClockIcon, SearchIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { useAuditLog } from '@/features/audit-log/api/get-audit-log';
import {
  AuditFilters,
  auditQueryFromParams,
  hasAuditFilters,
  useAuditFilterText,
} from '@/features/audit-log/components/audit-filters';
import { AUDIT_COLUMNS, AuditLogTable } from '@/features/audit-log/components/audit-log-table';
import { useUrlFilters } from '@/hooks/use-url-filters';

export function Component() {
  const filters = useUrlFilters();
  const filterText = useAuditFilterText(filters);
  const query = auditQueryFromParams(filters.params, filters.page);
  const auditLog = useAuditLog({ filters: query });
  const page = auditLog.data;
  const isFiltered = hasAuditFilters(filters.params);

  return (
    <>
      <Head title="Audit log" />
      <PageHeader
        title="Audit log"
        description="Every change to billing data: who made it (an admin, a customer, an API key or the automation), when, from which IP address, and what it looked like before and after. Secrets are never recorded."
      />

      <Card padding="none">
        <AuditFilters filters={filters} text={filterText} />

        {auditLog.isError && page === undefined ? (
          <ErrorState
            title="Could not load the audit log"
            error={auditLog.error}
            onRetry={() => void auditLog.refetch()}
            isRetrying={auditLog.isFetching}
          />
        ) : page === undefined ? (
          <ExpandableTableSkeleton
            caption="Audit log"
            columns={AUDIT_COLUMNS}
            rows={8}
            label="Loading the audit log"
          />
        ) : page.total === 0 && isFiltered ? (
          <EmptyState
            icon={<SearchIcon size={26} />}
            title="No changes match these filters"
            description="Widen the date range or clear a filter to see more."
            action={
              <Button variant="secondary" onClick={filterText.clearAll}>
                Clear filters
              </Button>
            }
          />
        ) : page.total === 0 ? (
          <EmptyState
            icon={<ClockIcon size={26} />}
            title="Nothing recorded yet"
            description="Changes appear here as they happen: customers and servers added or edited, orders paid, accounts provisioned, servers going offline."
          />
        ) : (
          <>
            {auditLog.isError ? (
              <ErrorState
                size="compact"
                title="Could not refresh the audit log"
                error={auditLog.error}
                onRetry={() => void auditLog.refetch()}
                isRetrying={auditLog.isFetching}
              />
            ) : null}
            <AuditLogTable entries={page.items} isStale={auditLog.isPlaceholderData} />
            <Pagination
              page={page.page}
              pages={page.pages}
              total={page.total}
              pageSize={page.page_size}
              noun="changes"
              isFetching={auditLog.isFetching}
              onPageChange={filters.setPage}
            />
          </>
        )}
      </Card>
    </>
  );
}
