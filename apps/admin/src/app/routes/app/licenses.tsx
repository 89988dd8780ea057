import { ComingSoonPage } from '@/components/coming-soon/coming-soon-page';
import { KeyIcon } from '@/components/ui/icons';

export function Component() {
  return (
    <ComingSoonPage
      feature="License management"
      title="Licenses"
      description="License keys that tie a customer to a plan."
      icon={<KeyIcon size={26} />}
      preview="Issue NP-XXXX-XXXX-XXXX license keys, follow their billing cycles and quotas, and suspend or renew them."
    />
  );
}
