// The simulator runs as a separate process (a real server on its own port that a test can also
// kill), so API tests reach its dependency-free launcher by path rather than as a library.
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  spawnSimulator,
  type SpawnedSimulator,
} from '../../../nextpanel-sim/src/testing/spawn-simulator';

export { spawnSimulator, type SpawnedSimulator };

/** Sets the simulator's fault injection through its control API (not part of the panel API). */
export async function setFaults(
  panel: SpawnedSimulator,
  faults: Record<string, unknown>,
): Promise<void> {
  const response = await fetch(`${panel.url}/__control/faults`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...panel.controlHeaders },
    body: JSON.stringify(faults),
  });
  if (!response.ok)
    throw new Error(`setting faults failed: HTTP ${response.status} ${await response.text()}`);
}

export async function clearFaults(panel: SpawnedSimulator): Promise<void> {
  await fetch(`${panel.url}/__control/faults`, { method: 'DELETE', headers: panel.controlHeaders });
}

export async function panelAccounts(
  panel: SpawnedSimulator,
): Promise<Array<{ id: number; username: string; status: string }>> {
  const response = await fetch(`${panel.url}/__control/accounts`, {
    headers: panel.controlHeaders,
  });
  const body = (await response.json()) as unknown;
  return (Array.isArray(body) ? body : (body as { accounts: [] }).accounts) as Array<{
    id: number;
    username: string;
    status: string;
  }>;
}
