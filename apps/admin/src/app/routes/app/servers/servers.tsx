import { useState } from 'react';
import type { ServerResponse } from '@nextpanel/shared';
import { Head } from '@/components/seo/head';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PlusIcon, RefreshIcon, ServerIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Table } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import { paths } from '@/config/paths';
import { useServers } from '@/features/servers/api/get-servers';
import { useRefreshServerStatus } from '@/features/servers/api/refresh-server-status';
import { DeleteServerDialog } from '@/features/servers/components/delete-server-dialog';
import { ServersTable } from '@/features/servers/components/servers-table';
import { describeError } from '@/lib/errors';
import { formatNumber, plural } from '@/lib/format';

function summary(servers: readonly ServerResponse[]): string {
  const online = servers.filter((server) => server.is_online).length;
  const used = servers.reduce((sum, server) => sum + server.current_accounts, 0);
  const capacity = servers.reduce((sum, server) => sum + server.capacity, 0);
  return `${plural(servers.length, 'server')} · ${formatNumber(online)} online · ${formatNumber(used)} of ${formatNumber(capacity)} slots used`;
}

export function Component() {
  const servers = useServers();
  const [deleting, setDeleting] = useState<ServerResponse | null>(null);
  const refreshStatus = useRefreshServerStatus({
    mutationConfig: {
      onSuccess: (statuses) => {
        const online = statuses.filter((status) => status.is_online).length;
        if (online === statuses.length)
          toast.success('Status refreshed', `All ${plural(statuses.length, 'server')} online.`);
        else
          toast.warning(
            'Status refreshed',
            `${formatNumber(online)} of ${plural(statuses.length, 'server')} online.`,
          );
      },
      onError: (error) => toast.error('Could not refresh the status', describeError(error)),
    },
  });

  const list = servers.data;
  const hasServers = list !== undefined && list.length > 0;

  return (
    <>
      <Head title="Servers" />
      <PageHeader
        title="Servers"
        description="The NextPanel servers that host your customers’ accounts."
        actions={
          <>
            {hasServers ? (
              <Button
                variant="secondary"
                icon={<RefreshIcon size={16} />}
                isLoading={refreshStatus.isPending}
                onClick={() => refreshStatus.mutate(undefined)}
              >
                {refreshStatus.isPending ? 'Checking servers…' : 'Refresh status'}
              </Button>
            ) : null}
            <ButtonLink to={paths.app.newServer.getHref()} icon={<PlusIcon size={16} />}>
              Add server
            </ButtonLink>
          </>
        }
      />

      {servers.isError && list === undefined ? (
        <Card padding="none">
          <ErrorState
            title="Could not load servers"
            error={servers.error}
            onRetry={() => void servers.refetch()}
            isRetrying={servers.isFetching}
          />
        </Card>
      ) : list === undefined ? (
        <Card padding="none" title="All servers" description="Loading…">
          <Table caption="Servers">
            <thead>
              <tr>
                <th scope="col">Server</th>
                <th scope="col">Status</th>
                <th scope="col">Location</th>
                <th scope="col">Utilisation</th>
                <th scope="col">Available slots</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <TableSkeleton columns={6} rows={3} label="Loading servers" />
          </Table>
        </Card>
      ) : list.length === 0 ? (
        <Card padding="none">
          <EmptyState
            icon={<ServerIcon size={26} />}
            title="No servers yet"
            description="Add your first NextPanel server with its BILLING API key. Test the connection, save it, and it is ready for provisioning."
            action={
              <ButtonLink to={paths.app.newServer.getHref()} icon={<PlusIcon size={16} />}>
                Add server
              </ButtonLink>
            }
          />
        </Card>
      ) : (
        <Card padding="none" title="All servers" description={summary(list)}>
          <ServersTable servers={list} onDelete={setDeleting} />
        </Card>
      )}

      <DeleteServerDialog server={deleting} onClose={() => setDeleting(null)} />
    </>
  );
}
