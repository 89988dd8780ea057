import styles from './skeleton.module.css';

/** A grey placeholder the shape of content that is loading. */
export function Skeleton({
  width = '100%',
  height = 14,
}: {
  width?: number | string;
  height?: number;
}) {
  return <span className={styles.skeleton} style={{ width, height }} aria-hidden="true" />;
}

/** Placeholder rows for a table body while its first page loads. */
export function TableSkeleton({
  columns,
  rows = 5,
  label = 'Loading',
}: {
  columns: number;
  rows?: number;
  label?: string;
}) {
  return (
    <tbody aria-busy="true">
      {Array.from({ length: rows }, (_, row) => (
        <tr key={row}>
          {Array.from({ length: columns }, (_, column) => (
            <td key={column}>
              {row === 0 && column === 0 ? <span className="visually-hidden">{label}</span> : null}
              <Skeleton width={column === 0 ? '70%' : `${45 + ((row * 7 + column * 13) % 40)}%`} />
            </td>
          ))}
        </tr>
      ))}
    </tbody>
  );
}
