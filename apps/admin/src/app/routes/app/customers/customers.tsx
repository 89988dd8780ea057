import { DEFAULT_PAGE_SIZE, type CustomerListQuery } from '@nextpanel/shared';
import { Head } from '@/components/seo/head';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { SearchIcon, UserPlusIcon, UsersIcon } from '@/components/ui/icons';
import { Input } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { Select } from '@/components/ui/select';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Table } from '@/components/ui/table';
import { paths } from '@/config/paths';
import { useCustomers } from '@/features/customers/api/get-customers';
import { CustomersTable } from '@/features/customers/components/customers-table';
import styles from '@/features/customers/components/customers.module.css';
import { useUrlFilters } from '@/hooks/use-url-filters';

const STATUS_OPTIONS = [
  { value: '', label: 'All customers' },
  { value: 'active', label: 'Active' },
  { value: 'inactive', label: 'Deactivated' },
] as const;

export function Component() {
  const filters = useUrlFilters();
  const status = filters.params.get('status');
  const query: CustomerListQuery = {
    page: filters.page,
    page_size: DEFAULT_PAGE_SIZE,
    ...(filters.search ? { search: filters.search } : {}),
    ...(status === 'active'
      ? { is_active: true }
      : status === 'inactive'
        ? { is_active: false }
        : {}),
  };
  const customers = useCustomers({ filters: query });
  const page = customers.data;
  const isFiltered = Boolean(filters.search) || status === 'active' || status === 'inactive';

  return (
    <>
      <Head title="Customers" />
      <PageHeader
        title="Customers"
        description="The people and companies you host: their products, licenses and hosting accounts."
        actions={
          <ButtonLink to={paths.app.newCustomer.getHref()} icon={<UserPlusIcon size={16} />}>
            Add customer
          </ButtonLink>
        }
      />

      <Card padding="none">
        <div className={styles.toolbar} role="search">
          <div className={styles.search}>
            <Input
              label="Search customers"
              hideLabel
              type="search"
              placeholder="Search by name, email or company"
              leading={<SearchIcon size={16} />}
              value={filters.searchText}
              onChange={(event) => filters.setSearchText(event.target.value)}
            />
          </div>
          <div className={styles.filter}>
            <Select
              label="Status"
              hideLabel
              options={STATUS_OPTIONS}
              value={status === 'active' || status === 'inactive' ? status : ''}
              onChange={(event) => filters.setFilter('status', event.target.value)}
            />
          </div>
        </div>

        {customers.isError && page === undefined ? (
          <ErrorState
            title="Could not load customers"
            error={customers.error}
            onRetry={() => void customers.refetch()}
            isRetrying={customers.isFetching}
          />
        ) : page === undefined ? (
          <Table caption="Customers">
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Company</th>
                <th scope="col">Phone</th>
                <th scope="col">Status</th>
                <th scope="col">Customer since</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <TableSkeleton columns={6} rows={8} label="Loading customers" />
          </Table>
        ) : page.total === 0 && isFiltered ? (
          <EmptyState
            icon={<SearchIcon size={26} />}
            title={
              filters.search
                ? `No customers match “${filters.search}”`
                : 'No customers with this status'
            }
            description="Try another name, email or company, or clear the filters."
            action={
              <Button variant="secondary" onClick={() => filters.clear(['search', 'status'])}>
                Clear filters
              </Button>
            }
          />
        ) : page.total === 0 ? (
          <EmptyState
            icon={<UsersIcon size={26} />}
            title="No customers yet"
            description="Add the people and companies you host. Then sell them a product and provision their hosting account."
            action={
              <ButtonLink to={paths.app.newCustomer.getHref()} icon={<UserPlusIcon size={16} />}>
                Add customer
              </ButtonLink>
            }
          />
        ) : (
          <>
            {customers.isError ? (
              <ErrorState
                size="compact"
                title="Could not load this page"
                error={customers.error}
                onRetry={() => void customers.refetch()}
                isRetrying={customers.isFetching}
              />
            ) : null}
            <CustomersTable customers={page.items} isStale={customers.isPlaceholderData} />
            <Pagination
              page={page.page}
              pages={page.pages}
              total={page.total}
              pageSize={page.page_size}
              noun="customers"
              isFetching={customers.isFetching}
              onPageChange={filters.setPage}
            />
          </>
        )}
      </Card>
    </>
  );
}
