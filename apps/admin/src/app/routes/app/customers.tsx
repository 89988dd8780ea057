import { ComingSoonPage } from '@/components/coming-soon/coming-soon-page';
import { UsersIcon } from '@/components/ui/icons';

export function Component() {
  return (
    <ComingSoonPage
      feature="Customer management"
      title="Customers"
      description="The people and companies you host."
      icon={<UsersIcon size={26} />}
      preview="Create customers, see their licenses and hosting accounts, and provision new accounts from their details page."
    />
  );
}
