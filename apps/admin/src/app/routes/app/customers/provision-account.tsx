import { useParams } from 'react-router';
import { Head } from '@/components/seo/head';
import { Alert } from '@/components/ui/alert';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { ArrowLeftIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { ProvisionAccountForm } from '@/features/accounts/components/provision-account-form';
import { useCustomer } from '@/features/customers/api/get-customer';
import { isNotFound } from '@/lib/errors';
import { parseId } from '@/lib/route-params';
import { NotFoundCard } from '../not-found';

export function Component() {
  const customerId = parseId(useParams().customerId);
  if (customerId === null) return <NotFoundCard what="customer" />;
  return <ProvisionPage customerId={customerId} />;
}

function ProvisionPage({ customerId }: { customerId: number }) {
  // A background refetch updates the license list but never resets what the admin typed:
  // the form reads its default values once.
  const customer = useCustomer({ customerId });
  const name = customer.data?.full_name ?? 'Customer';
  const crumbs = [
    { label: 'Customers', to: paths.app.customers.getHref() },
    { label: name, to: paths.app.customer.getHref(customerId) },
    { label: 'Provision account' },
  ];

  let body;
  if (customer.isError && isNotFound(customer.error)) return <NotFoundCard what="customer" />;
  if (customer.isError && customer.data === undefined) {
    body = (
      <Card padding="none">
        <ErrorState
          title="Could not load this customer"
          error={customer.error}
          onRetry={() => void customer.refetch()}
          isRetrying={customer.isFetching}
        />
      </Card>
    );
  } else if (customer.data === undefined) {
    body = <PageSpinner inline label="Loading customer" />;
  } else if (!customer.data.is_active) {
    body = (
      <Alert
        variant="warning"
        title="This customer is deactivated"
        action={
          <ButtonLink
            to={paths.app.customer.getHref(customerId)}
            variant="secondary"
            size="sm"
            icon={<ArrowLeftIcon size={14} />}
          >
            Back to customer
          </ButtonLink>
        }
      >
        Reactivate the customer before provisioning hosting for them.
      </Alert>
    );
  } else {
    body = (
      <Card padding="lg">
        <ProvisionAccountForm customer={customer.data} />
      </Card>
    );
  }

  return (
    <>
      <Head title={`Provision account · ${name}`} />
      <Breadcrumbs items={crumbs} />
      <PageHeader
        title="Provision account"
        description={
          customer.data
            ? `Create a NextPanel hosting account for ${customer.data.full_name}.`
            : 'Create a NextPanel hosting account.'
        }
      />
      {body}
    </>
  );
}
