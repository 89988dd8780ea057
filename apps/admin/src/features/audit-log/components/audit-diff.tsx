import { expandableTableStyles } from '@/components/ui/expandable-table';
import { LockIcon } from '@/components/ui/icons';
import styles from './audit-log.module.css';

type Snapshot = Record<string, unknown> | null;

/** The API's mark for a secret it kept out of the log. */
export const REDACTED = '[redacted]';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  /** Whether the field is present on each side (absent differs from null). */
  inBefore: boolean;
  inAfter: boolean;
  changed: boolean;
}

/**
 * Field by field: every field of either side, in the order the API wrote them (before's, then
 * fields only `after` has). A field is changed when its value differs, appears or disappears.
 */
export function diffSnapshots(before: Snapshot, after: Snapshot): FieldChange[] {
  const fields = [...Object.keys(before ?? {})];
  for (const field of Object.keys(after ?? {})) if (!fields.includes(field)) fields.push(field);
  return fields.map((field) => {
    const inBefore = before !== null && Object.hasOwn(before, field);
    const inAfter = after !== null && Object.hasOwn(after, field);
    const beforeValue = inBefore ? before[field] : undefined;
    const afterValue = inAfter ? after[field] : undefined;
    return {
      field,
      before: beforeValue,
      after: afterValue,
      inBefore,
      inAfter,
      changed: inBefore !== inAfter || JSON.stringify(beforeValue) !== JSON.stringify(afterValue),
    };
  });
}

export interface AuditDiffProps {
  before: Snapshot;
  after: Snapshot;
}

/** Before and after side by side, changed fields highlighted (and named for screen readers). */
export function AuditDiff({ before, after }: AuditDiffProps) {
  if (before === null && after === null)
    return <p className={styles.diffNote}>No details were recorded for this change.</p>;
  const changes = diffSnapshots(before, after);
  const changed = changes.filter((change) => change.changed);
  const summary =
    before === null
      ? 'Created with these values.'
      : after === null
        ? 'Removed; this was its last state.'
        : changed.length === 0
          ? 'No field changed.'
          : `${changed.length === 1 ? '1 field' : `${changed.length} fields`} changed: ${changed
              .map((change) => change.field)
              .join(', ')}.`;

  return (
    <div className={styles.diff}>
      <p className={styles.diffNote}>{summary}</p>
      <table className={`${expandableTableStyles.detailsTable} ${styles.diffTable}`}>
        <caption className="visually-hidden">Before and after</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr
              key={change.field}
              className={
                before !== null && after !== null && change.changed ? styles.changedRow : undefined
              }
              data-changed={change.changed || undefined}
            >
              <th scope="row" className={styles.diffField}>
                {change.field}
                {before !== null && after !== null && change.changed ? (
                  <span className="visually-hidden"> (changed)</span>
                ) : null}
              </th>
              <td className={change.changed ? styles.beforeValue : undefined}>
                {change.inBefore ? <Value value={change.before} /> : <Absent />}
              </td>
              <td className={change.changed ? styles.afterValue : undefined}>
                {change.inAfter ? <Value value={change.after} /> : <Absent />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Absent() {
  return (
    <span className={styles.absent} aria-label="not present">
      —
    </span>
  );
}

function Value({ value }: { value: unknown }) {
  if (value === REDACTED)
    return (
      <span className={styles.redacted} title="Secrets are never stored in the audit log">
        <LockIcon size={12} />
        hidden
      </span>
    );
  if (value === null || value === undefined) return <span className={styles.empty}>empty</span>;
  if (typeof value === 'string') return <span className={styles.text}>{value}</span>;
  if (typeof value === 'number' || typeof value === 'boolean')
    return <code className={styles.code}>{String(value)}</code>;
  return <code className={styles.code}>{JSON.stringify(value)}</code>;
}
