import { useState } from 'react';
import {
  DEFAULT_PAGE_SIZE,
  LICENSE_STATUSES,
  type LicenseListQuery,
  type LicenseResponse,
  type LicenseStatus,
} from '@nextpanel/shared';
import { Head } from '@/components/seo/head';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { KeyIcon, SearchIcon, UsersIcon } from '@/components/ui/icons';
import { Input } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { Select } from '@/components/ui/select';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Table } from '@/components/ui/table';
import { paths } from '@/config/paths';
import { CustomerLink } from '@/features/customers/components/customer-link';
import { useLicenses } from '@/features/licenses/api/get-licenses';
import { LicenseDialogs } from '@/features/licenses/components/license-dialogs';
import {
  LicenseRowActions,
  type LicenseAction,
} from '@/features/licenses/components/license-row-actions';
import { licenseStatusLabels } from '@/features/licenses/components/license-status-badge';
import styles from '@/features/licenses/components/licenses.module.css';
import { LicensesTable } from '@/features/licenses/components/licenses-table';
import { useUrlFilters } from '@/hooks/use-url-filters';

const STATUS_OPTIONS = [
  { value: '', label: 'All statuses' },
  ...LICENSE_STATUSES.map((status) => ({ value: status, label: licenseStatusLabels[status] })),
];

function isLicenseStatus(value: string | null): value is LicenseStatus {
  return value !== null && (LICENSE_STATUSES as readonly string[]).includes(value);
}

export function Component() {
  const filters = useUrlFilters();
  const rawStatus = filters.params.get('status');
  const status = isLicenseStatus(rawStatus) ? rawStatus : undefined;
  const query: LicenseListQuery = {
    page: filters.page,
    page_size: DEFAULT_PAGE_SIZE,
    ...(status ? { status } : {}),
    ...(filters.search ? { search: filters.search } : {}),
  };
  const licenses = useLicenses({ filters: query });
  const [licenseAction, setLicenseAction] = useState<{
    action: LicenseAction;
    license: LicenseResponse;
  } | null>(null);
  const page = licenses.data;
  const isFiltered = status !== undefined || Boolean(filters.search);

  return (
    <>
      <Head title="Licenses" />
      <PageHeader
        title="Licenses"
        description="License keys that tie a customer to a plan, with their quotas and billing."
      />

      <Card padding="none">
        <div className={styles.toolbar} role="search">
          <div className={styles.search}>
            <Input
              label="Search by license key"
              hideLabel
              type="search"
              placeholder="Search by license key, e.g. NP-7KQ2"
              spellCheck={false}
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
              value={status ?? ''}
              onChange={(event) => filters.setFilter('status', event.target.value)}
            />
          </div>
        </div>

        {licenses.isError && page === undefined ? (
          <ErrorState
            title="Could not load licenses"
            error={licenses.error}
            onRetry={() => void licenses.refetch()}
            isRetrying={licenses.isFetching}
          />
        ) : page === undefined ? (
          <Table caption="Licenses">
            <thead>
              <tr>
                <th scope="col">License key</th>
                <th scope="col">Customer</th>
                <th scope="col">Plan</th>
                <th scope="col">Quotas</th>
                <th scope="col">Status</th>
                <th scope="col">Billing</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <TableSkeleton columns={7} rows={8} label="Loading licenses" />
          </Table>
        ) : page.total === 0 && isFiltered ? (
          <EmptyState
            icon={<SearchIcon size={26} />}
            title={
              filters.search
                ? `No licenses match “${filters.search}”`
                : `No ${status ? licenseStatusLabels[status].toLowerCase() : ''} licenses`
            }
            description="Check the key, or clear the filters to see every license."
            action={
              <Button variant="secondary" onClick={() => filters.clear(['search', 'status'])}>
                Clear filters
              </Button>
            }
          />
        ) : page.total === 0 ? (
          <EmptyState
            icon={<KeyIcon size={26} />}
            title="No licenses yet"
            description="Licenses are created when you add a product to a customer, from the customer’s page."
            action={
              <ButtonLink to={paths.app.customers.getHref()} icon={<UsersIcon size={16} />}>
                Go to customers
              </ButtonLink>
            }
          />
        ) : (
          <>
            {licenses.isError ? (
              <ErrorState
                size="compact"
                title="Could not load this page"
                error={licenses.error}
                onRetry={() => void licenses.refetch()}
                isRetrying={licenses.isFetching}
              />
            ) : null}
            <LicensesTable
              licenses={page.items}
              isStale={licenses.isPlaceholderData}
              renderCustomer={(license) => (
                <CustomerLink customerId={license.customer_id} known={license.customer} />
              )}
              renderActions={(license) => (
                <LicenseRowActions
                  license={license}
                  onAction={(action, picked) => setLicenseAction({ action, license: picked })}
                />
              )}
            />
            <Pagination
              page={page.page}
              pages={page.pages}
              total={page.total}
              pageSize={page.page_size}
              noun="licenses"
              isFetching={licenses.isFetching}
              onPageChange={filters.setPage}
            />
          </>
        )}
      </Card>

      <LicenseDialogs pending={licenseAction} onClose={() => setLicenseAction(null)} />
    </>
  );
}
