import { TableSkeleton } from '../skeleton';
import { Table } from './table';

/** A header cell: its visible text, or a name only screen readers hear (a column of buttons). */
export type TableColumn = string | { readonly hiddenLabel: string };

/** The last column of most lists: the row's buttons, named for screen readers only. */
export const ACTIONS_COLUMN: TableColumn = { hiddenLabel: 'Actions' };

const columnName = (column: TableColumn) =>
  typeof column === 'string' ? column : column.hiddenLabel;

/**
 * The header row of a table. A table and its loading placeholder take the same column list, so
 * the header does not jump when the first page arrives.
 */
export function TableHead({ columns }: { columns: readonly TableColumn[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={columnName(column)} scope="col">
            {typeof column === 'string' ? (
              column
            ) : (
              <span className="visually-hidden">{column.hiddenLabel}</span>
            )}
          </th>
        ))}
      </tr>
    </thead>
  );
}

export interface LoadingTableProps {
  /** The caption of the table that takes its place: the page reads the same while it loads. */
  caption: string;
  columns: readonly TableColumn[];
  rows: number;
  /** Read out instead of the placeholders: "Loading orders". */
  label: string;
}

/** A table while its first page loads: the real header over placeholder rows. */
export function LoadingTable({ caption, columns, rows, label }: LoadingTableProps) {
  return (
    <Table caption={caption}>
      <TableHead columns={columns} />
      <TableSkeleton columns={columns.length} rows={rows} label={label} />
    </Table>
  );
}
