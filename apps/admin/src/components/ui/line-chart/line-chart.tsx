import styles from './line-chart.module.css';

export interface LinePoint {
  /** Milliseconds since the epoch. */
  time: number;
  value: number;
}

/** A horizontal line across the chart: a quota, a warning threshold. */
export interface ReferenceLine {
  value: number;
  label: string;
  tone?: 'danger' | 'warning' | 'muted';
}

export interface LineChartProps {
  /** What the chart shows, for screen readers: "Disk space over time". */
  label: string;
  points: readonly LinePoint[];
  references?: readonly ReferenceLine[];
  /** The time span drawn; defaults to the points' own. */
  from?: number;
  to?: number;
  formatValue?: (value: number) => string;
  formatTime?: (time: number) => string;
  /** Shown instead of the chart when there are no points. */
  emptyText?: string;
}

const WIDTH = 640;
const HEIGHT = 200;
const PAD = { top: 14, right: 14, bottom: 26, left: 64 };
const PLOT_WIDTH = WIDTH - PAD.left - PAD.right;
const PLOT_HEIGHT = HEIGHT - PAD.top - PAD.bottom;

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value`, so the axis reads 0 / 5 / 10, not 0 / 4.6 / 9.3. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((factor) => factor * magnitude >= value) ?? 10;
  return step * magnitude;
}

export interface ChartScale {
  x: (time: number) => number;
  y: (value: number) => number;
  yMax: number;
}

export function chartScale(
  points: readonly LinePoint[],
  references: readonly ReferenceLine[],
  from?: number,
  to?: number,
): ChartScale {
  const start = from ?? Math.min(...points.map((p) => p.time));
  const end = to ?? Math.max(...points.map((p) => p.time));
  const span = end - start;
  const yMax = niceCeiling(
    Math.max(0, ...points.map((p) => p.value), ...references.map((r) => r.value)),
  );
  return {
    // A single instant is drawn in the middle rather than divided by zero.
    x: (time) => PAD.left + (span > 0 ? ((time - start) / span) * PLOT_WIDTH : PLOT_WIDTH / 2),
    y: (value) => PAD.top + PLOT_HEIGHT - (Math.max(0, value) / yMax) * PLOT_HEIGHT,
    yMax,
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** SVG path data through the points, oldest first: "M x y L x y …". */
export function linePath(points: readonly LinePoint[], scale: ChartScale): string {
  return points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${round(scale.x(p.time))} ${round(scale.y(p.value))}`)
    .join(' ');
}

const defaultTime = (time: number) =>
  new Date(time).toLocaleString('en-US', {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });

/**
 * A small time-series line chart in plain SVG (no chart library): the values over time, the area
 * under them, and optional reference lines such as a quota. It scales with its container's width.
 */
export function LineChart({
  label,
  points,
  references = [],
  from,
  to,
  formatValue = (value) => value.toLocaleString('en-US'),
  formatTime = defaultTime,
  emptyText = 'No data for this period',
}: LineChartProps) {
  if (points.length === 0) {
    return (
      <div className={styles.empty} role="img" aria-label={`${label}: ${emptyText}`}>
        {emptyText}
      </div>
    );
  }
  const sorted = [...points].sort((a, b) => a.time - b.time);
  const scale = chartScale(sorted, references, from, to);
  const start = from ?? sorted[0]!.time;
  const end = to ?? sorted[sorted.length - 1]!.time;
  const latest = sorted[sorted.length - 1]!;
  const peak = Math.max(...sorted.map((p) => p.value));
  const path = linePath(sorted, scale);
  const baseline = scale.y(0);
  const area = `${path} L${round(scale.x(latest.time))} ${round(baseline)} L${round(scale.x(sorted[0]!.time))} ${round(baseline)} Z`;
  const summary =
    `${label}: ${sorted.length} ${sorted.length === 1 ? 'reading' : 'readings'} from ${formatTime(start)} to ${formatTime(end)}; ` +
    `latest ${formatValue(latest.value)}, peak ${formatValue(peak)}` +
    references.map((r) => `; ${r.label} ${formatValue(r.value)}`).join('');

  return (
    <figure className={styles.figure}>
      <svg
        className={styles.chart}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={summary}
        data-testid="line-chart"
      >
        {[0, 0.5, 1].map((fraction) => {
          const value = scale.yMax * fraction;
          const y = round(scale.y(value));
          return (
            <g key={fraction}>
              <line className={styles.grid} x1={PAD.left} x2={WIDTH - PAD.right} y1={y} y2={y} />
              <text
                className={styles.axisText}
                x={PAD.left - 8}
                y={y}
                textAnchor="end"
                dominantBaseline="middle"
              >
                {formatValue(value)}
              </text>
            </g>
          );
        })}
        <text className={styles.axisText} x={PAD.left} y={HEIGHT - 6} textAnchor="start">
          {formatTime(start)}
        </text>
        <text className={styles.axisText} x={WIDTH - PAD.right} y={HEIGHT - 6} textAnchor="end">
          {formatTime(end)}
        </text>
        {sorted.length > 1 ? <path className={styles.area} d={area} /> : null}
        <path className={styles.line} d={path} data-testid="line-chart-line" />
        {sorted.length === 1 ? (
          <circle
            className={styles.dot}
            cx={scale.x(latest.time)}
            cy={scale.y(latest.value)}
            r={4}
          />
        ) : null}
        {references.map((reference) => {
          const y = round(scale.y(reference.value));
          const tone = reference.tone ?? 'danger';
          return (
            <g key={`${reference.label}-${reference.value}`} data-testid="line-chart-reference">
              <line
                className={`${styles.reference} ${styles[`${tone}Line`]}`}
                x1={PAD.left}
                x2={WIDTH - PAD.right}
                y1={y}
                y2={y}
              />
              <text
                className={`${styles.referenceText} ${styles[`${tone}Text`]}`}
                x={WIDTH - PAD.right - 4}
                y={y - 5}
                textAnchor="end"
              >
                {reference.label}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
