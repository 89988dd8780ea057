import { ComingSoonPage } from '@/components/coming-soon/coming-soon-page';
import { ServerIcon } from '@/components/ui/icons';

export function Component() {
  return (
    <ComingSoonPage
      feature="Server management"
      title="Servers"
      description="The NextPanel servers that host your customers' accounts."
      icon={<ServerIcon size={26} />}
      preview="Add NextPanel servers with their BILLING API keys, test the connection, and watch each server's capacity and health."
    />
  );
}
