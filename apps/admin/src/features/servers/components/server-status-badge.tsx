import type { ServerResponse } from '@nextpanel/shared';
import { Badge } from '@/components/ui/badge';
import styles from './servers.module.css';

/** Online/offline as last checked, and whether new accounts may land on it. */
export function ServerStatusBadge({
  server,
}: {
  server: Pick<ServerResponse, 'is_online' | 'is_active'>;
}) {
  return (
    <span className={styles.badges}>
      {server.is_online ? (
        <Badge tone="success">
          <span className={`${styles.dot} ${styles.dotOnline}`} aria-hidden="true" />
          Online
        </Badge>
      ) : (
        <Badge tone="danger">
          <span className={`${styles.dot} ${styles.dotOffline}`} aria-hidden="true" />
          Offline
        </Badge>
      )}
      {server.is_active ? null : <Badge tone="neutral">Inactive</Badge>}
    </span>
  );
}
