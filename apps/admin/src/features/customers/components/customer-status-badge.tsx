import { Badge } from '@/components/ui/badge';

export function CustomerStatusBadge({ isActive }: { isActive: boolean }) {
  return isActive ? (
    <Badge tone="success">Active</Badge>
  ) : (
    <Badge tone="neutral">Deactivated</Badge>
  );
}
