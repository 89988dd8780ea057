import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import type { AuditEntryResponse } from '@nextpanel/shared';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ChevronRightIcon } from '@/components/ui/icons';
import { CellActions, CellStack, Table } from '@/components/ui/table';
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

/** One row per change; a row opens to show the change field by field. */
export function AuditLogTable({ entries, isStale = false }: AuditLogTableProps) {
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Table caption="Audit log" isStale={isStale}>
      <thead>
        <tr>
          {AUDIT_COLUMNS.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
          <th scope="col">
            <span className="visually-hidden">Details</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => {
          const isOpen = open.has(entry.id);
          const detailsId = `audit-entry-${entry.id}`;
          const href = entityHref(entry);
          const entity = `${entityLabel(entry.entity_type)}${entry.entity_id ? ` #${entry.entity_id}` : ''}`;
          return (
            <Fragment key={entry.id}>
              <tr className={isOpen ? styles.openRow : undefined}>
                <td className={styles.nowrap}>
                  <CellStack
                    primary={formatRelativeTime(entry.occurred_at)}
                    secondary={formatDateTime(entry.occurred_at)}
                  />
                </td>
                <td>
                  <div className={styles.actor}>
                    <span className={styles.actorLabel}>{entry.actor_label}</span>
                    <Badge tone={actorTones[entry.actor_type]}>
                      {actorTypeLabels[entry.actor_type]}
                    </Badge>
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
                <td>
                  <CellActions>
                    <Button
                      size="sm"
                      variant="ghost"
                      icon={
                        <ChevronRightIcon
                          size={14}
                          className={isOpen ? styles.chevronOpen : styles.chevron}
                        />
                      }
                      aria-expanded={isOpen}
                      aria-controls={detailsId}
                      aria-label={`${isOpen ? 'Hide' : 'Show'} changes of “${actionLabel(entry.action)}” on ${entity}`}
                      onClick={() => toggle(entry.id)}
                    >
                      {isOpen ? 'Hide' : 'Changes'}
                    </Button>
                  </CellActions>
                </td>
              </tr>
              {isOpen ? (
                <tr id={detailsId} className={styles.detailsRow}>
                  <td colSpan={AUDIT_COLUMNS.length + 1}>
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
                  </td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </tbody>
    </Table>
  );
}
