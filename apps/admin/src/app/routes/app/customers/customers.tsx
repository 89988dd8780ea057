import { DEFAULT_PAGE_SIZE, type CustomerListQuery } from '@nextpanel/shared';
import { Head } from '@/components/seo/head';
import { ButtonLink } from '@/components/ui/button';
import { SearchIcon, UserPlusIcon, UsersIcon } from '@/components/ui/icons';
import { Input } from '@/components/ui/input';
import { FilterSelect, ListCard } from '@/components/ui/list-card';
import { PageHeader } from '@/components/ui/page-header';
import { ACTIONS_COLUMN, type TableColumn } from '@/components/ui/table';
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

/** The header CustomersTable shows. */
const CUSTOMERS_PAGE_COLUMNS: readonly TableColumn[] = [
  'Customer',
  'Company',
  'Phone',
  'Status',
  'Customer since',
  ACTIONS_COLUMN,
];

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
  const statusFilter = status === 'active' || status === 'inactive' ? status : '';

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

      <ListCard
        filtersClassName={styles.toolbar}
        filters={
          <>
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
            <FilterSelect
              className={styles.filter}
              label="Status"
              options={STATUS_OPTIONS}
              value={statusFilter}
              onChange={(value) => filters.setFilter('status', value)}
            />
          </>
        }
        query={customers}
        skeleton={{
          caption: 'Customers',
          columns: CUSTOMERS_PAGE_COLUMNS,
          rows: 8,
          label: 'Loading customers',
        }}
        errorTitle="Could not load customers"
        refreshErrorTitle="Could not load this page"
        noMatches={
          filters.search || statusFilter
            ? {
                title: filters.search
                  ? `No customers match “${filters.search}”`
                  : 'No customers with this status',
                description: 'Try another name, email or company, or clear the filters.',
                clearLabel: 'Clear filters',
                onClear: () => filters.clear(['search', 'status']),
              }
            : null
        }
        empty={{
          icon: <UsersIcon size={26} />,
          title: 'No customers yet',
          description:
            'Add the people and companies you host. Then sell them a product and provision their hosting account.',
          action: (
            <ButtonLink to={paths.app.newCustomer.getHref()} icon={<UserPlusIcon size={16} />}>
              Add customer
            </ButtonLink>
          ),
        }}
        noun="customers"
        onPageChange={filters.setPage}
        renderTable={(items, isStale) => <CustomersTable customers={items} isStale={isStale} />}
      />
    </>
  );
}
