import { useState } from 'react';
import type { PlanResponse } from '@nextpanel/shared';
import { Head } from '@/components/seo/head';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LayersIcon, PlusIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Table } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { usePlans } from '@/features/plans/api/get-plans';
import { PlanForm } from '@/features/plans/components/plan-form';
import { PlansTable } from '@/features/plans/components/plans-table';
import { plural } from '@/lib/format';

type Editing = { plan: PlanResponse | null } | null;

export function Component() {
  const plans = usePlans();
  const [editing, setEditing] = useState<Editing>(null);
  const list = plans.data;
  const nextSortOrder =
    list && list.length > 0 ? Math.max(...list.map((plan) => plan.sort_order)) + 1 : 1;
  const onSale = list?.filter((plan) => plan.is_active).length ?? 0;

  const createButton = (
    <Button icon={<PlusIcon size={16} />} onClick={() => setEditing({ plan: null })}>
      Create plan
    </Button>
  );

  return (
    <>
      <Head title="Plans" />
      <PageHeader
        title="Plans"
        description="What you sell: monthly and yearly prices, and the quotas each license gets."
        actions={createButton}
      />

      {plans.isError && list === undefined ? (
        <Card padding="none">
          <ErrorState
            title="Could not load plans"
            error={plans.error}
            onRetry={() => void plans.refetch()}
            isRetrying={plans.isFetching}
          />
        </Card>
      ) : list === undefined ? (
        <Card padding="none" title="All plans" description="Loading…">
          <Table caption="Plans">
            <thead>
              <tr>
                <th scope="col">Plan</th>
                <th scope="col">Monthly</th>
                <th scope="col">Yearly</th>
                <th scope="col">Quotas</th>
                <th scope="col">Package</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <TableSkeleton columns={7} rows={3} label="Loading plans" />
          </Table>
        </Card>
      ) : list.length === 0 ? (
        <Card padding="none">
          <EmptyState
            icon={<LayersIcon size={26} />}
            title="No plans yet"
            description="Create the hosting plans you sell, with their prices and their quotas for databases, domains, mailboxes and disk."
            action={createButton}
          />
        </Card>
      ) : (
        <Card
          padding="none"
          title="All plans"
          description={`${plural(list.length, 'plan')}, ${onSale} on sale`}
        >
          <PlansTable plans={list} onEdit={(plan) => setEditing({ plan })} />
        </Card>
      )}

      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.plan ? `Edit ${editing.plan.name}` : 'Create plan'}
        description={
          editing?.plan
            ? 'Prices, quotas and availability of this plan.'
            : 'A plan customers can be sold, with its prices and quotas.'
        }
        size="lg"
      >
        {editing ? (
          <PlanForm
            plan={editing.plan}
            nextSortOrder={nextSortOrder}
            onCancel={() => setEditing(null)}
            onSaved={(plan, created) => {
              toast.success(created ? 'Plan created' : 'Plan saved', plan.name);
              setEditing(null);
            }}
          />
        ) : null}
      </Dialog>
    </>
  );
}
