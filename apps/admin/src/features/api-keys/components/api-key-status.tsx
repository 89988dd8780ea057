import type { ApiKeyStatus } from '@nextpanel/shared';
import { Badge, type BadgeTone } from '@/components/ui/badge';

const tones: Record<ApiKeyStatus, BadgeTone> = {
  active: 'success',
  expired: 'warning',
  revoked: 'neutral',
};

export const apiKeyStatusLabels: Record<ApiKeyStatus, string> = {
  active: 'Active',
  expired: 'Expired',
  revoked: 'Revoked',
};

export function ApiKeyStatusBadge({ status }: { status: ApiKeyStatus }) {
  return <Badge tone={tones[status]}>{apiKeyStatusLabels[status]}</Badge>;
}
