import { Fragment, useState, type ReactNode } from 'react';
import { Button } from '../button';
import { ChevronRightIcon } from '../icons';
import { TableSkeleton } from '../skeleton';
import { CellActions, Table } from '../table';
import styles from './expandable-table.module.css';

export interface ExpandableTableProps<Row> {
  /** Names the table for screen readers ("Audit log"). */
  caption: string;
  /** Header cells; the toggle gets a last column of its own. */
  columns: readonly string[];
  rows: readonly Row[];
  /** Stable id of a row: keeps it open across refetches and names its details row. */
  rowId: (row: Row) => string;
  /** The details row's id is `${detailsIdPrefix}-${rowId}`, for the toggle's aria-controls. */
  detailsIdPrefix: string;
  isStale?: boolean;
  /** The row's cells (one `<td>` per column), without the toggle. */
  renderCells: (row: Row) => ReactNode;
  /** What the toggle opens, for its visible text when closed: "Changes", "Details". */
  toggleText: string;
  /** The toggle's accessible name: "Show what run #12 did" / "Hide what run #12 did". */
  toggleLabel: (row: Row, isOpen: boolean) => string;
  /** Shown in a full-width row under an opened row; rendered only while it is open. */
  renderDetails: (row: Row) => ReactNode;
}

/** A table whose rows each open, any number at a time, to a full-width row of details. */
export function ExpandableTable<Row>({
  caption,
  columns,
  rows,
  rowId,
  detailsIdPrefix,
  isStale = false,
  renderCells,
  toggleText,
  toggleLabel,
  renderDetails,
}: ExpandableTableProps<Row>) {
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Table caption={caption} isStale={isStale}>
      <ExpandableTableHead columns={columns} />
      <tbody>
        {rows.map((row) => {
          const id = rowId(row);
          const isOpen = open.has(id);
          const detailsId = `${detailsIdPrefix}-${id}`;
          return (
            <Fragment key={id}>
              <tr className={isOpen ? styles.openRow : undefined}>
                {renderCells(row)}
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
                      aria-label={toggleLabel(row, isOpen)}
                      onClick={() => toggle(id)}
                    >
                      {isOpen ? 'Hide' : toggleText}
                    </Button>
                  </CellActions>
                </td>
              </tr>
              {isOpen ? (
                <tr id={detailsId} className={styles.detailsRow}>
                  <td colSpan={columns.length + 1}>{renderDetails(row)}</td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </tbody>
    </Table>
  );
}

/** `detailsTable`: the look of a table inside a details row. */
export const expandableTableStyles = styles;

/** The same table while its first page loads: the real header over placeholder rows. */
export function ExpandableTableSkeleton({
  caption,
  columns,
  rows,
  label,
}: {
  caption: string;
  columns: readonly string[];
  rows?: number;
  /** Read out instead of the placeholders: "Loading the audit log". */
  label: string;
}) {
  return (
    <Table caption={caption}>
      <ExpandableTableHead columns={columns} />
      <TableSkeleton columns={columns.length + 1} rows={rows} label={label} />
    </Table>
  );
}

function ExpandableTableHead({ columns }: { columns: readonly string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column} scope="col">
            {column}
          </th>
        ))}
        <th scope="col">
          <span className="visually-hidden">Details</span>
        </th>
      </tr>
    </thead>
  );
}
