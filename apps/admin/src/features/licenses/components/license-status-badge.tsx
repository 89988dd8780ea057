import type { LicenseStatus } from '@nextpanel/shared';
import { Badge, type BadgeTone } from '@/components/ui/badge';

const tones: Record<LicenseStatus, BadgeTone> = {
  active: 'success',
  suspended: 'warning',
  expired: 'neutral',
  cancelled: 'danger',
};

export const licenseStatusLabels: Record<LicenseStatus, string> = {
  active: 'Active',
  suspended: 'Suspended',
  expired: 'Expired',
  cancelled: 'Cancelled',
};

export function LicenseStatusBadge({ status }: { status: LicenseStatus }) {
  return <Badge tone={tones[status]}>{licenseStatusLabels[status]}</Badge>;
}
