import { useState } from 'react';
import {
  DEFAULT_PAGE_SIZE,
  LICENSE_STATUSES,
  type LicenseListQuery,
  type LicenseResponse,
} from '@nextpanel/shared';
import { Head } from '@/components/seo/head';
import { ButtonLink } from '@/components/ui/button';
import { KeyIcon, SearchIcon, UsersIcon } from '@/components/ui/icons';
import { Input } from '@/components/ui/input';
import { FilterSelect, ListCard, filterOptions, oneOf } from '@/components/ui/list-card';
import { PageHeader } from '@/components/ui/page-header';
import { ACTIONS_COLUMN, type TableColumn } from '@/components/ui/table';
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

const STATUS_OPTIONS = filterOptions(
  'All statuses',
  LICENSE_STATUSES,
  (status) => licenseStatusLabels[status],
);

/** The header LicensesTable shows with a customer and an actions column. */
const LICENSES_PAGE_COLUMNS: readonly TableColumn[] = [
  'License key',
  'Customer',
  'Plan',
  'Quotas',
  'Status',
  'Billing',
  ACTIONS_COLUMN,
];

export function Component() {
  const filters = useUrlFilters();
  const status = oneOf(LICENSE_STATUSES, filters.params.get('status'));
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

  return (
    <>
      <Head title="Licenses" />
      <PageHeader
        title="Licenses"
        description="License keys that tie a customer to a plan, with their quotas and billing."
      />

      <ListCard
        filtersClassName={styles.toolbar}
        filters={
          <>
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
            <FilterSelect
              className={styles.filter}
              label="Status"
              options={STATUS_OPTIONS}
              value={status ?? ''}
              onChange={(value) => filters.setFilter('status', value)}
            />
          </>
        }
        query={licenses}
        skeleton={{
          caption: 'Licenses',
          columns: LICENSES_PAGE_COLUMNS,
          rows: 8,
          label: 'Loading licenses',
        }}
        errorTitle="Could not load licenses"
        refreshErrorTitle="Could not load this page"
        noMatches={
          status !== undefined || filters.search
            ? {
                title: filters.search
                  ? `No licenses match “${filters.search}”`
                  : `No ${status ? licenseStatusLabels[status].toLowerCase() : ''} licenses`,
                description: 'Check the key, or clear the filters to see every license.',
                clearLabel: 'Clear filters',
                onClear: () => filters.clear(['search', 'status']),
              }
            : null
        }
        empty={{
          icon: <KeyIcon size={26} />,
          title: 'No licenses yet',
          description:
            'Licenses are created when you add a product to a customer, from the customer’s page.',
          action: (
            <ButtonLink to={paths.app.customers.getHref()} icon={<UsersIcon size={16} />}>
              Go to customers
            </ButtonLink>
          ),
        }}
        noun="licenses"
        onPageChange={filters.setPage}
        renderTable={(items, isStale) => (
          <LicensesTable
            licenses={items}
            isStale={isStale}
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
        )}
      />

      <LicenseDialogs pending={licenseAction} onClose={() => setLicenseAction(null)} />
    </>
  );
}
