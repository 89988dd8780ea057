import type { ApiKeyResponse } from '@nextpanel/shared';
import { Button } from '@/components/ui/button';
import { TrashIcon } from '@/components/ui/icons';
import { CellActions, CellStack, Table } from '@/components/ui/table';
import { formatDate, formatDateTime, formatRelativeTime } from '@/lib/format';
import { ApiKeyStatusBadge } from './api-key-status';
import styles from './api-keys.module.css';

export interface ApiKeysTableProps {
  apiKeys: readonly ApiKeyResponse[];
  onRevoke: (apiKey: ApiKeyResponse) => void;
}

export function ApiKeysTable({ apiKeys, onRevoke }: ApiKeysTableProps) {
  return (
    <Table caption="API keys">
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">Scopes</th>
          <th scope="col">Created</th>
          <th scope="col">Expires</th>
          <th scope="col">Last used</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {apiKeys.map((apiKey) => (
          <tr key={apiKey.id}>
            <td>
              <CellStack
                primary={apiKey.name}
                secondary={<span className={styles.mono}>{apiKey.key_prefix}…</span>}
              />
            </td>
            <td>
              <ul className={styles.scopes} aria-label={`Scopes of ${apiKey.name}`}>
                {apiKey.scopes.map((scope) => (
                  <li key={scope} className={styles.scopeTag}>
                    {scope}
                  </li>
                ))}
              </ul>
            </td>
            <td className={styles.nowrap}>
              <CellStack
                primary={formatDate(apiKey.created_at)}
                secondary={apiKey.created_by ?? undefined}
              />
            </td>
            <td className={styles.nowrap}>
              {apiKey.expires_at ? (
                <span title={formatDateTime(apiKey.expires_at)}>
                  {formatDate(apiKey.expires_at)}
                </span>
              ) : (
                <span className={styles.muted}>Never</span>
              )}
            </td>
            <td className={styles.nowrap}>
              {apiKey.last_used_at ? (
                <CellStack
                  primary={
                    <span title={formatDateTime(apiKey.last_used_at)}>
                      {formatRelativeTime(apiKey.last_used_at)}
                    </span>
                  }
                  secondary={apiKey.last_used_ip ?? undefined}
                />
              ) : (
                <span className={styles.muted}>Never used</span>
              )}
            </td>
            <td>
              <ApiKeyStatusBadge status={apiKey.status} />
            </td>
            <td>
              <CellActions>
                {apiKey.status === 'revoked' ? null : (
                  <Button
                    size="sm"
                    variant="secondary"
                    icon={<TrashIcon size={14} />}
                    onClick={() => onRevoke(apiKey)}
                    aria-label={`Revoke ${apiKey.name}`}
                  >
                    Revoke
                  </Button>
                )}
              </CellActions>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
