import { useNavigate } from 'react-router';
import { Head } from '@/components/seo/head';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { toast } from '@/components/ui/toast';
import { paths } from '@/config/paths';
import { AddServerForm } from '@/features/servers/components/add-server-form';

export function Component() {
  const navigate = useNavigate();
  return (
    <>
      <Head title="Add server" />
      <Breadcrumbs
        items={[{ label: 'Servers', to: paths.app.servers.getHref() }, { label: 'Add server' }]}
      />
      <PageHeader
        title="Add server"
        description="Connect a NextPanel server so billing can provision hosting accounts on it."
      />
      <Card padding="lg">
        <AddServerForm
          onCreated={(server) => {
            if (server.is_online)
              toast.success('Server added', `${server.name} is online and ready for provisioning.`);
            else
              toast.warning(
                'Server added, but offline',
                `${server.name}: ${server.last_error ?? 'the health check failed'}.`,
              );
            void navigate(paths.app.servers.getHref());
          }}
        />
      </Card>
    </>
  );
}
