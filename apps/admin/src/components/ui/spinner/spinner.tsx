import styles from './spinner.module.css';

interface SpinnerProps {
  size?: 'sm' | 'md' | 'lg';
  /** `inherit` takes the text colour (inside buttons). */
  tone?: 'primary' | 'inherit';
  /** Announced to screen readers, unless `decorative`. */
  label?: string;
  /** Inside an element that already says it is busy (a button with aria-busy). */
  decorative?: boolean;
}

export function Spinner({
  size = 'md',
  tone = 'primary',
  label = 'Loading',
  decorative = false,
}: SpinnerProps) {
  const className = `${styles.spinner} ${styles[size]} ${styles[tone]}`;
  if (decorative) return <span className={className} aria-hidden="true" />;
  return (
    <span role="status" className={styles.wrapper}>
      <span className={className} aria-hidden="true" />
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

/** Fills the viewport (or its container, `inline`) while a page or the session loads. */
export function PageSpinner({
  label = 'Loading',
  inline = false,
}: {
  label?: string;
  inline?: boolean;
}) {
  return (
    <div className={inline ? styles.inlinePage : styles.page}>
      <Spinner size="lg" label={label} />
    </div>
  );
}
