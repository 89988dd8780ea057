import { Link } from 'react-router';
import type { AuditEntryResponse } from '@nextpanel/shared';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { ExpandableTable } from '@/components/ui/expandable-table';
import { CellStack } from '@/components/ui/table';
import { formatDateTime, formatRelativeTime } from '@/lib/format';
import { AuditDiff } from './audit-diff';
import { actionLabel, actorTypeLabels, entityHref, entityLabel } from './audit-labels';
import styles from './audit-log.module.css';

const actorTones: Record<AuditEntryResponse['actor_type'], BadgeTone> = {
  admin: 'primary',
  customer: 'neutral',
  api_key: 'warning',
  system: 'success',
};

export const AUDIT_COLUMNS = ['When', 'Actor', 'Action', 'Entity', 'IP address'] as const;

export interface AuditLogTableProps {
  entries: readonly AuditEntryResponse[];
  isStale?: boolean;
}

/** "Customer #2", or just "Plan" for an entry about no single record. */
function entityText(entry: AuditEntryResponse): string {
  return `${entityLabel(entry.entity_type)}${entry.entity_id ? ` #${entry.entity_id}` : ''}`;
}

/** One row per change; a row opens to show the change field by field. */
export function AuditLogTable({ entries, isStale = false }: AuditLogTableProps) {
  return (
    <ExpandableTable
      caption="Audit log"
      columns={AUDIT_COLUMNS}
      rows={entries}
      rowId={(entry) => entry.id}
      detailsIdPrefix="audit-entry"
      isStale={isStale}
      toggleText="Changes"
      toggleLabel={(entry, isOpen) =>
        `${isOpen ? 'Hide' : 'Show'} changes of “${actionLabel(entry.action)}” on ${entityText(entry)}`
      }
      renderCells={(entry) => <AuditEntryCells entry={entry} />}
      renderDetails={(entry) => <AuditEntryDetails entry={entry} />}
    />
  );
}

function AuditEntryCells({ entry }: { entry: AuditEntryResponse }) {
  const href = entityHref(entry);
  const entity = entityText(entry);
  return (
    <>
      <td className={styles.nowrap}>
        <CellStack
          primary={formatRelativeTime(entry.occurred_at)}
          secondary={formatDateTime(entry.occurred_at)}
        />
      </td>
      <td>
        <div className={styles.actor}>
          <span className={styles.actorLabel}>{entry.actor_label}</span>
          <Badge tone={actorTones[entry.actor_type]}>{actorTypeLabels[entry.actor_type]}</Badge>
        </div>
      </td>
      <td>
        <CellStack
          primary={actionLabel(entry.action)}
          secondary={<code className={styles.mono}>{entry.action}</code>}
        />
      </td>
      <td className={styles.nowrap}>{href ? <Link to={href}>{entity}</Link> : entity}</td>
      <td className={styles.nowrap}>
        {entry.ip ? (
          <code className={styles.mono}>{entry.ip}</code>
        ) : (
          <span className={styles.muted}>—</span>
        )}
      </td>
    </>
  );
}

function AuditEntryDetails({ entry }: { entry: AuditEntryResponse }) {
  return (
    <>
      <AuditDiff before={entry.before} after={entry.after} />
      <dl className={styles.meta}>
        <div>
          <dt>When</dt>
          <dd>{new Date(entry.occurred_at).toISOString()}</dd>
        </div>
        {entry.actor_id ? (
          <div>
            <dt>Actor ID</dt>
            <dd>{entry.actor_id}</dd>
          </div>
        ) : null}
        {entry.request_id ? (
          <div>
            <dt>Request ID</dt>
            <dd>
              <code className={styles.mono}>{entry.request_id}</code>
            </dd>
          </div>
        ) : null}
      </dl>
    </>
  );
}
