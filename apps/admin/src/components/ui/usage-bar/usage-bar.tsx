import styles from './usage-bar.module.css';

export interface UsageBarProps {
  /** What is measured, for screen readers: "Production Server 1 utilisation". */
  label: string;
  value: number;
  max: number;
  /** Text beside the bar; defaults to "value / max". */
  valueText?: string;
  size?: 'sm' | 'md';
  /** Hide the "5 / 100" text (when the cell next to it says it already). */
  hideText?: boolean;
}

/** Percent at which a bar turns amber and red: the guide's capacity alert is at 90 %. */
export const USAGE_WARNING_PERCENT = 75;
export const USAGE_DANGER_PERCENT = 90;

export function usagePercent(value: number, max: number): number {
  if (max <= 0) return 0;
  return Math.min(100, Math.max(0, (value / max) * 100));
}

/** How full something is (a server's slots): a meter, coloured as it fills up. */
export function UsageBar({
  label,
  value,
  max,
  valueText,
  size = 'md',
  hideText = false,
}: UsageBarProps) {
  const percent = usagePercent(value, max);
  const tone =
    percent >= USAGE_DANGER_PERCENT
      ? styles.danger
      : percent >= USAGE_WARNING_PERCENT
        ? styles.warning
        : styles.ok;
  const text = valueText ?? `${value.toLocaleString('en-US')} / ${max.toLocaleString('en-US')}`;
  return (
    <div className={`${styles.usage} ${styles[size]}`}>
      <div
        className={styles.track}
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-valuetext={`${text} (${Math.round(percent)}%)`}
      >
        {/* A sliver stays visible at 1 %, so "almost empty" does not read as "no bar". */}
        <div
          className={`${styles.fill} ${tone}`}
          style={{ width: `${percent > 0 ? Math.max(percent, 2) : 0}%` }}
        />
      </div>
      {hideText ? null : (
        <span className={styles.text} aria-hidden="true">
          {text}
        </span>
      )}
    </div>
  );
}
