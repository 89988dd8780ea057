import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { chartScale, LineChart, linePath, niceCeiling } from './line-chart';

const HOUR = 3600_000;
const start = Date.UTC(2026, 10, 26, 0, 0);
const points = [
  { time: start, value: 2 },
  { time: start + HOUR, value: 4 },
  { time: start + 2 * HOUR, value: 3 },
];
const formatTime = (time: number) => `t+${(time - start) / HOUR}h`;

describe('niceCeiling', () => {
  it('rounds up to 1, 2 or 5 times a power of ten', () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(0.3)).toBe(0.5);
    expect(niceCeiling(4)).toBe(5);
    expect(niceCeiling(5)).toBe(5);
    expect(niceCeiling(9300)).toBe(10000);
    expect(niceCeiling(10240)).toBe(20000);
  });
});

describe('linePath', () => {
  it('runs left to right across the plot, higher values higher up', () => {
    const scale = chartScale(points, []);
    const path = linePath(points, scale);
    const coordinates = [...path.matchAll(/[ML]([\d.]+) ([\d.]+)/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(path.startsWith('M')).toBe(true);
    expect(coordinates).toHaveLength(3);
    const [first, second, third] = coordinates as [number[], number[], number[]];
    expect(first[0]).toBeLessThan(second[0]!);
    expect(second[0]).toBeLessThan(third[0]!);
    // SVG y grows downwards: 4 is drawn above 3, which is above 2.
    expect(second[1]).toBeLessThan(third[1]!);
    expect(third[1]).toBeLessThan(first[1]!);
    // The axis tops out at a round number at or above the peak.
    expect(scale.yMax).toBe(5);
  });

  it('makes room for a reference line above the data', () => {
    expect(chartScale(points, [{ label: 'Quota', value: 10 }]).yMax).toBe(10);
  });

  it('places points within an explicit time range', () => {
    const scale = chartScale(points, [], start - 2 * HOUR, start + 2 * HOUR);
    expect(scale.x(start)).toBeCloseTo((scale.x(start - 2 * HOUR) + scale.x(start + 2 * HOUR)) / 2);
  });
});

describe('LineChart', () => {
  it('draws the series with a summary for screen readers and labelled reference lines', () => {
    render(
      <LineChart
        label="Databases over time"
        points={points}
        references={[{ label: 'Quota', value: 5 }]}
        formatValue={(value) => `${value} db`}
        formatTime={formatTime}
      />,
    );
    const chart = screen.getByRole('img');
    expect(chart.getAttribute('aria-label')).toBe(
      'Databases over time: 3 readings from t+0h to t+2h; latest 3 db, peak 4 db; Quota 5 db',
    );
    expect(screen.getByTestId('line-chart-line').getAttribute('d')).toBe(
      linePath(points, chartScale(points, [{ label: 'Quota', value: 5 }])),
    );
    expect(screen.getAllByTestId('line-chart-reference')).toHaveLength(1);
    expect(screen.getByText('Quota')).toBeTruthy();
    // Axis labels: 0, the middle and the top of the scale; the start and end of the range.
    for (const text of ['0 db', '2.5 db', '5 db', 't+0h', 't+2h'])
      expect(screen.getByText(text)).toBeTruthy();
  });

  it('sorts points by time, so the line never doubles back', () => {
    render(<LineChart label="Disk" points={[...points].reverse()} formatTime={formatTime} />);
    expect(screen.getByTestId('line-chart-line').getAttribute('d')).toBe(
      linePath(points, chartScale(points, [])),
    );
  });

  it('marks a single reading with a dot', () => {
    const { container } = render(
      <LineChart label="Disk" points={[{ time: start, value: 7 }]} formatTime={formatTime} />,
    );
    expect(container.querySelectorAll('circle')).toHaveLength(1);
    expect(screen.getByRole('img').getAttribute('aria-label')).toContain('1 reading from');
  });

  it('says so when there is nothing to draw', () => {
    render(<LineChart label="Disk" points={[]} emptyText="No readings yet" />);
    expect(screen.getByRole('img', { name: 'Disk: No readings yet' })).toBeTruthy();
    expect(screen.queryByTestId('line-chart-line')).toBeNull();
  });
});
