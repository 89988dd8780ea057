import { useNavigate, useParams } from 'react-router';
import { Head } from '@/components/seo/head';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { Card } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { PageSpinner } from '@/components/ui/spinner';
import { toast } from '@/components/ui/toast';
import { paths } from '@/config/paths';
import { HistoryLink } from '@/features/audit-log/components/history-link';
import { useServer } from '@/features/servers/api/get-server';
import { EditServerForm } from '@/features/servers/components/edit-server-form';
import { ServerStatusBadge } from '@/features/servers/components/server-status-badge';
import { isNotFound } from '@/lib/errors';
import { parseId } from '@/lib/route-params';
import { NotFoundCard } from '../not-found';

export function Component() {
  const { serverId: rawId } = useParams();
  const serverId = parseId(rawId);
  if (serverId === null) return <NotFoundCard what="server" />;
  return <EditServerPage serverId={serverId} />;
}

function EditServerPage({ serverId }: { serverId: number }) {
  const navigate = useNavigate();
  const server = useServer({ serverId });
  const crumbs = [
    { label: 'Servers', to: paths.app.servers.getHref() },
    { label: server.data?.name ?? 'Edit server' },
  ];

  if (server.isError && isNotFound(server.error)) return <NotFoundCard what="server" />;
  if (server.isError) {
    return (
      <>
        <Head title="Edit server" />
        <Breadcrumbs items={crumbs} />
        <Card padding="none">
          <ErrorState
            title="Could not load this server"
            error={server.error}
            onRetry={() => void server.refetch()}
            isRetrying={server.isFetching}
          />
        </Card>
      </>
    );
  }
  if (server.data === undefined) return <PageSpinner inline label="Loading server" />;

  return (
    <>
      <Head title={`Edit ${server.data.name}`} />
      <Breadcrumbs items={crumbs} />
      <PageHeader
        title={`Edit ${server.data.name}`}
        description="Change capacity, rotate the API credentials, or take the server out of rotation."
        actions={
          <>
            <ServerStatusBadge server={server.data} />
            <HistoryLink
              entityType="server"
              entityId={server.data.id}
              label={`server ${server.data.name}`}
            />
          </>
        }
      />
      <Card padding="lg">
        <EditServerForm
          // A fresh form per server version: values saved elsewhere show up here.
          key={server.data.updated_at}
          server={server.data}
          onSaved={(saved, changes) => {
            const connectionChanged =
              changes.base_url !== undefined || changes.api_key !== undefined;
            if (connectionChanged && !saved.is_online) {
              toast.warning(
                'Saved, but the server is offline',
                saved.last_error ?? 'The health check with the new settings failed.',
              );
            } else {
              toast.success(
                'Server saved',
                changes.api_key !== undefined
                  ? `${saved.name} now uses the new API key.`
                  : `${saved.name} is up to date.`,
              );
            }
            void navigate(paths.app.servers.getHref());
          }}
        />
      </Card>
    </>
  );
}
