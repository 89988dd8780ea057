import { ButtonLink } from '@/components/ui/button';
import { ClockIcon } from '@/components/ui/icons';
import { paths } from '@/config/paths';

export interface HistoryLinkProps {
  /** The audit log's entity type: `customer`, `order`, `server`. */
  entityType: string;
  entityId: number | string;
  /** Names the link for screen readers ("History of customer Jane Doe"). */
  label: string;
}

/** Opens the audit log filtered to one entity: every change to it, who made it and when. */
export function HistoryLink({ entityType, entityId, label }: HistoryLinkProps) {
  return (
    <ButtonLink
      variant="ghost"
      icon={<ClockIcon size={16} />}
      to={paths.app.auditLog.getHref({ entity_type: entityType, entity_id: entityId })}
      aria-label={`History of ${label}`}
    >
      History
    </ButtonLink>
  );
}
