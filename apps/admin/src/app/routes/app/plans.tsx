import { ComingSoonPage } from '@/components/coming-soon/coming-soon-page';
import { LayersIcon } from '@/components/ui/icons';

export function Component() {
  return (
    <ComingSoonPage
      feature="Plan management"
      title="Plans"
      description="What you sell: prices, billing cycles and quotas."
      icon={<LayersIcon size={26} />}
      preview="Define hosting plans with monthly or yearly prices and their quotas for databases, domains, mailboxes and disk space."
    />
  );
}
