import { useNavigate } from 'react-router';
import { Head } from '@/components/seo/head';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { toast } from '@/components/ui/toast';
import { paths } from '@/config/paths';
import { CustomerForm } from '@/features/customers/components/customer-form';

export function Component() {
  const navigate = useNavigate();
  return (
    <>
      <Head title="Add customer" />
      <Breadcrumbs
        items={[
          { label: 'Customers', to: paths.app.customers.getHref() },
          { label: 'Add customer' },
        ]}
      />
      <PageHeader
        title="Add customer"
        description="Create the customer’s billing account. Products and hosting come next."
      />
      <Card padding="lg">
        <CustomerForm
          onCreated={(customer) => {
            toast.success('Customer created', `${customer.full_name} (${customer.email})`);
            void navigate(paths.app.customer.getHref(customer.id));
          }}
        />
      </Card>
    </>
  );
}
