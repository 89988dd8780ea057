import type { ServerResponse } from '@nextpanel/shared';
import { Button, ButtonLink } from '@/components/ui/button';
import { MapPinIcon, PencilIcon, TrashIcon } from '@/components/ui/icons';
import { CellActions, CellStack, Table } from '@/components/ui/table';
import { UsageBar } from '@/components/ui/usage-bar';
import { paths } from '@/config/paths';
import { formatDateTime, formatNumber, formatRelativeTime } from '@/lib/format';
import { ServerStatusBadge } from './server-status-badge';
import styles from './servers.module.css';

export interface ServersTableProps {
  servers: readonly ServerResponse[];
  onDelete: (server: ServerResponse) => void;
}

export function ServersTable({ servers, onDelete }: ServersTableProps) {
  return (
    <Table caption="Servers">
      <thead>
        <tr>
          <th scope="col">Server</th>
          <th scope="col">Status</th>
          <th scope="col">Location</th>
          <th scope="col">Utilisation</th>
          <th scope="col" className="numeric">
            Available slots
          </th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {servers.map((server) => (
          <tr key={server.id}>
            <td>
              <CellStack
                primary={<span className={styles.name}>{server.name}</span>}
                secondary={<span className={styles.url}>{server.base_url}</span>}
              />
            </td>
            <td>
              <ServerStatusBadge server={server} />
              {!server.is_online && server.last_error ? (
                <p className={styles.lastError}>{server.last_error}</p>
              ) : null}
              <p className={styles.checked} title={formatDateTime(server.last_checked_at)}>
                Checked {formatRelativeTime(server.last_checked_at)}
              </p>
            </td>
            <td>
              {server.location ? (
                <span className={styles.location}>
                  <MapPinIcon size={14} />
                  {server.location}
                </span>
              ) : (
                <span className={styles.muted}>—</span>
              )}
            </td>
            <td>
              <UsageBar
                label={`${server.name} utilisation`}
                value={server.current_accounts}
                max={server.capacity}
              />
            </td>
            <td className="numeric">
              <span
                className={`${styles.slots} ${server.available_slots === 0 ? styles.slotsFull : ''}`}
              >
                {formatNumber(server.available_slots)}
              </span>
            </td>
            <td>
              <CellActions>
                <ButtonLink
                  to={paths.app.editServer.getHref(server.id)}
                  variant="ghost"
                  size="sm"
                  icon={<PencilIcon size={14} />}
                  aria-label={`Edit ${server.name}`}
                >
                  Edit
                </ButtonLink>
                <Button
                  variant="ghost"
                  size="sm"
                  icon={<TrashIcon size={14} />}
                  aria-label={`Delete ${server.name}`}
                  onClick={() => onDelete(server)}
                >
                  Delete
                </Button>
              </CellActions>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
