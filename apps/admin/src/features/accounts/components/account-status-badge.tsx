import type { HostingAccountStatus } from '@nextpanel/shared';
import { Badge, type BadgeTone } from '@/components/ui/badge';

const tones: Record<HostingAccountStatus, BadgeTone> = {
  provisioning: 'primary',
  active: 'success',
  suspended: 'warning',
  terminated: 'neutral',
  failed: 'danger',
};

export const accountStatusLabels: Record<HostingAccountStatus, string> = {
  provisioning: 'Provisioning',
  active: 'Active',
  suspended: 'Suspended',
  terminated: 'Terminated',
  failed: 'Failed',
};

export function AccountStatusBadge({ status }: { status: HostingAccountStatus }) {
  return <Badge tone={tones[status]}>{accountStatusLabels[status]}</Badge>;
}
