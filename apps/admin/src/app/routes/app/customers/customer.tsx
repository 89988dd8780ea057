import { useState } from 'react';
import { useParams } from 'react-router';
import type {
  CustomerDetailsResponse,
  HostingAccountSummary,
  LicenseResponse,
} from '@nextpanel/shared';
import { Head } from '@/components/seo/head';
import { Alert } from '@/components/ui/alert';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { DescriptionList } from '@/components/ui/description-list';
import { ConfirmDialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { KeyIcon, PackageIcon, PowerIcon, RocketIcon, ServerIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { PageSpinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/toast';
import { paths } from '@/config/paths';
import { AccountDialogs } from '@/features/accounts/components/account-dialogs';
import { HistoryLink } from '@/features/audit-log/components/history-link';
import { AccountsTable, type AccountAction } from '@/features/accounts/components/accounts-table';
import { useCustomer } from '@/features/customers/api/get-customer';
import { useUpdateCustomer } from '@/features/customers/api/update-customer';
import { CustomerStatusBadge } from '@/features/customers/components/customer-status-badge';
import styles from '@/features/customers/components/customers.module.css';
import { AddProductDialog } from '@/features/licenses/components/add-product-dialog';
import { LicenseDialogs } from '@/features/licenses/components/license-dialogs';
import {
  LicenseRowActions,
  type LicenseAction,
} from '@/features/licenses/components/license-row-actions';
import { LicensesTable } from '@/features/licenses/components/licenses-table';
import { describeError, isNotFound } from '@/lib/errors';
import { formatDate, formatDateTime, plural } from '@/lib/format';
import { parseId } from '@/lib/route-params';
import { NotFoundCard } from '../not-found';

export function Component() {
  const customerId = parseId(useParams().customerId);
  if (customerId === null) return <NotFoundCard what="customer" />;
  return <CustomerPage customerId={customerId} />;
}

function CustomerPage({ customerId }: { customerId: number }) {
  const customer = useCustomer({ customerId });

  if (customer.isError && isNotFound(customer.error)) return <NotFoundCard what="customer" />;
  if (customer.isError && customer.data === undefined) {
    return (
      <>
        <Head title="Customer" />
        <Breadcrumbs
          items={[{ label: 'Customers', to: paths.app.customers.getHref() }, { label: 'Customer' }]}
        />
        <Card padding="none">
          <ErrorState
            title="Could not load this customer"
            error={customer.error}
            onRetry={() => void customer.refetch()}
            isRetrying={customer.isFetching}
          />
        </Card>
      </>
    );
  }
  if (customer.data === undefined) return <PageSpinner inline label="Loading customer" />;
  return <CustomerDetails customer={customer.data} />;
}

function CustomerDetails({ customer }: { customer: CustomerDetailsResponse }) {
  const [addingProduct, setAddingProduct] = useState(false);
  const [confirmingStatus, setConfirmingStatus] = useState(false);
  const [accountAction, setAccountAction] = useState<{
    action: AccountAction;
    account: HostingAccountSummary;
  } | null>(null);
  const [licenseAction, setLicenseAction] = useState<{
    action: LicenseAction;
    license: LicenseResponse;
  } | null>(null);
  const updateCustomer = useUpdateCustomer();

  const liveAccounts = customer.accounts.filter(
    (account) => account.status === 'active' || account.status === 'suspended',
  ).length;
  const activeLicenses = customer.licenses.filter((license) => license.status === 'active').length;

  return (
    <>
      <Head title={customer.full_name} />
      <Breadcrumbs
        items={[
          { label: 'Customers', to: paths.app.customers.getHref() },
          { label: customer.full_name },
        ]}
      />
      <PageHeader
        title={customer.full_name}
        description={
          <span className={styles.headerMeta}>
            <CustomerStatusBadge isActive={customer.is_active} />
            {customer.email}
            {customer.company_name ? ` · ${customer.company_name}` : ''}
          </span>
        }
        actions={
          <>
            <HistoryLink
              entityType="customer"
              entityId={customer.id}
              label={`customer ${customer.full_name}`}
            />
            <Button
              variant="secondary"
              icon={<PackageIcon size={16} />}
              onClick={() => setAddingProduct(true)}
              disabled={!customer.is_active}
            >
              Add product
            </Button>
            {customer.is_active ? (
              <ButtonLink
                to={paths.app.provisionAccount.getHref(customer.id)}
                icon={<RocketIcon size={16} />}
              >
                Provision account
              </ButtonLink>
            ) : (
              <Button icon={<RocketIcon size={16} />} disabled>
                Provision account
              </Button>
            )}
          </>
        }
      />

      <div className={styles.detailsStack}>
        {customer.is_active ? null : (
          <Alert variant="warning" title="This customer is deactivated">
            They cannot sign in, and no products or hosting accounts can be added until you
            reactivate them.
          </Alert>
        )}

        <Card
          title="Profile"
          actions={
            <Button
              variant={customer.is_active ? 'ghost' : 'secondary'}
              size="sm"
              icon={<PowerIcon size={14} />}
              onClick={() => setConfirmingStatus(true)}
            >
              {customer.is_active ? 'Deactivate' : 'Reactivate'}
            </Button>
          }
        >
          <DescriptionList
            columns={3}
            items={[
              { term: 'Full name', description: customer.full_name },
              {
                term: 'Email',
                description: <a href={`mailto:${customer.email}`}>{customer.email}</a>,
              },
              { term: 'Company', description: customer.company_name ?? '—' },
              { term: 'Phone', description: customer.phone ?? '—' },
              { term: 'Customer since', description: formatDate(customer.created_at) },
              {
                term: 'Last sign-in',
                description: customer.last_login_at
                  ? formatDateTime(customer.last_login_at)
                  : 'Never',
              },
              { term: 'Customer ID', description: `#${customer.id}` },
              {
                term: 'Licenses',
                description: `${plural(customer.licenses.length, 'license')} (${activeLicenses} active)`,
              },
              {
                term: 'Hosting accounts',
                description: `${plural(liveAccounts, 'live account')} of ${customer.accounts.length}`,
              },
            ]}
          />
        </Card>

        <Card
          padding="none"
          title="Licenses"
          description="Products sold to this customer, with their keys and quotas."
          actions={
            customer.licenses.length > 0 ? (
              <Button
                variant="secondary"
                size="sm"
                icon={<PackageIcon size={14} />}
                onClick={() => setAddingProduct(true)}
                disabled={!customer.is_active}
              >
                Add product
              </Button>
            ) : undefined
          }
        >
          {customer.licenses.length === 0 ? (
            <EmptyState
              headingLevel={3}
              icon={<KeyIcon size={24} />}
              title="No products yet"
              description="Add a product to sell this customer a plan. A license key with the plan’s quotas is created at once."
              action={
                <Button
                  icon={<PackageIcon size={16} />}
                  onClick={() => setAddingProduct(true)}
                  disabled={!customer.is_active}
                >
                  Add product
                </Button>
              }
            />
          ) : (
            <LicensesTable
              licenses={customer.licenses}
              caption={`Licenses of ${customer.full_name}`}
              renderActions={(license) => (
                <LicenseRowActions
                  license={license}
                  onAction={(action, picked) => setLicenseAction({ action, license: picked })}
                />
              )}
            />
          )}
        </Card>

        <Card
          padding="none"
          title="Hosting accounts"
          description="Accounts provisioned on NextPanel servers, including failed and terminated ones."
          actions={
            customer.accounts.length > 0 && customer.is_active ? (
              <ButtonLink
                to={paths.app.provisionAccount.getHref(customer.id)}
                variant="secondary"
                size="sm"
                icon={<RocketIcon size={14} />}
              >
                Provision account
              </ButtonLink>
            ) : undefined
          }
        >
          {customer.accounts.length === 0 ? (
            <EmptyState
              headingLevel={3}
              icon={<ServerIcon size={24} />}
              title="No hosting accounts yet"
              description="Provision a NextPanel account for this customer. Billing picks the least used server unless you choose one."
              action={
                customer.is_active ? (
                  <ButtonLink
                    to={paths.app.provisionAccount.getHref(customer.id)}
                    icon={<RocketIcon size={16} />}
                  >
                    Provision account
                  </ButtonLink>
                ) : undefined
              }
            />
          ) : (
            <AccountsTable
              accounts={customer.accounts}
              licenses={customer.licenses}
              customerEmail={customer.email}
              onAction={(action, account) => setAccountAction({ action, account })}
            />
          )}
        </Card>
      </div>

      <AddProductDialog
        open={addingProduct}
        onClose={() => setAddingProduct(false)}
        customer={customer}
        onCreated={(license) => {
          toast.success(
            'Product added',
            `${license.plan.name} (${license.billing_cycle}): license ${license.license_key}`,
          );
          setAddingProduct(false);
        }}
      />

      <AccountDialogs
        pending={accountAction}
        licenses={customer.licenses}
        onClose={() => setAccountAction(null)}
      />

      <LicenseDialogs
        pending={licenseAction}
        accounts={customer.accounts}
        onClose={() => setLicenseAction(null)}
      />

      <ConfirmDialog
        open={confirmingStatus}
        onClose={() => {
          updateCustomer.reset();
          setConfirmingStatus(false);
        }}
        title={
          customer.is_active
            ? `Deactivate ${customer.full_name}?`
            : `Reactivate ${customer.full_name}?`
        }
        confirmLabel={customer.is_active ? 'Deactivate customer' : 'Reactivate customer'}
        tone={customer.is_active ? 'danger' : 'primary'}
        isPending={updateCustomer.isPending}
        error={updateCustomer.error ? describeError(updateCustomer.error) : null}
        onConfirm={() =>
          updateCustomer.mutate(
            { customerId: customer.id, data: { is_active: !customer.is_active } },
            {
              onSuccess: (saved) => {
                toast.success(
                  saved.is_active ? 'Customer reactivated' : 'Customer deactivated',
                  saved.full_name,
                );
                setConfirmingStatus(false);
              },
            },
          )
        }
      >
        <p>
          {customer.is_active
            ? 'They are signed out at once and can no longer sign in, buy products or get new hosting accounts. Existing hosting accounts keep running; suspend them separately if needed.'
            : 'They can sign in again, and you can add products and hosting accounts for them.'}
        </p>
      </ConfirmDialog>
    </>
  );
}
