import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ExpandableTable } from './expandable-table';

interface Run {
  id: string;
  name: string;
}

const RUNS: Run[] = [
  { id: '1', name: 'First' },
  { id: '2', name: 'Second' },
];

function renderRuns() {
  return render(
    <ExpandableTable
      caption="Runs"
      columns={['Name']}
      rows={RUNS}
      rowId={(run) => run.id}
      detailsIdPrefix="run"
      toggleText="Details"
      toggleLabel={(run, isOpen) => `${isOpen ? 'Hide' : 'Show'} run ${run.name}`}
      renderCells={(run) => <td>{run.name}</td>}
      renderDetails={(run) => <p>What {run.name} did</p>}
    />,
  );
}

describe('ExpandableTable', () => {
  it('opens rows independently into a full-width details row the toggle controls', async () => {
    const user = userEvent.setup();
    renderRuns();
    const table = screen.getByRole('table', { name: 'Runs' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Name', 'Details']);
    expect(screen.queryByText(/What .* did/)).toBeNull();

    const first = screen.getByRole('button', { name: 'Show run First' });
    expect(first.textContent).toBe('Details');
    expect(first.getAttribute('aria-expanded')).toBe('false');
    await user.click(first);
    expect(first.getAttribute('aria-expanded')).toBe('true');
    expect(first.textContent).toBe('Hide');
    const details = document.getElementById(first.getAttribute('aria-controls')!)!;
    expect(details.id).toBe('run-1');
    expect(within(details).getByText('What First did')).toBeTruthy();
    expect(details.querySelector('td')!.colSpan).toBe(2);

    await user.click(screen.getByRole('button', { name: 'Show run Second' }));
    expect(screen.getByText('What First did')).toBeTruthy();
    expect(screen.getByText('What Second did')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Hide run First' }));
    expect(screen.queryByText('What First did')).toBeNull();
    expect(screen.getByText('What Second did')).toBeTruthy();
  });
});
