import { useState } from 'react';
import type { ApiKeyResponse, CreatedApiKeyResponse } from '@nextpanel/shared';
import { Head } from '@/components/seo/head';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LockIcon, PlusIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Table } from '@/components/ui/table';
import { useApiKeys } from '@/features/api-keys/api/get-api-keys';
import { ApiKeySecret } from '@/features/api-keys/components/api-key-secret';
import { ApiKeysTable } from '@/features/api-keys/components/api-keys-table';
import { CreateApiKeyForm } from '@/features/api-keys/components/create-api-key-form';
import { RevokeApiKeyDialog } from '@/features/api-keys/components/revoke-api-key-dialog';
import { plural } from '@/lib/format';

/** `form` while the admin fills it in, then the new key (with its secret) until they close it. */
type Creating = { step: 'form' } | { step: 'created'; apiKey: CreatedApiKeyResponse } | null;

export function Component() {
  const apiKeys = useApiKeys();
  const [creating, setCreating] = useState<Creating>(null);
  const [revoking, setRevoking] = useState<ApiKeyResponse | null>(null);
  const list = apiKeys.data;
  const active = list?.filter((apiKey) => apiKey.status === 'active').length ?? 0;

  const createButton = (
    <Button icon={<PlusIcon size={16} />} onClick={() => setCreating({ step: 'form' })}>
      Create API key
    </Button>
  );

  return (
    <>
      <Head title="API keys" />
      <PageHeader
        title="API keys"
        description="Settings · Keys for scripts and integrations: each can do only what its scopes allow, and can be revoked at any time."
        actions={createButton}
      />

      {apiKeys.isError && list === undefined ? (
        <Card padding="none">
          <ErrorState
            title="Could not load API keys"
            error={apiKeys.error}
            onRetry={() => void apiKeys.refetch()}
            isRetrying={apiKeys.isFetching}
          />
        </Card>
      ) : list === undefined ? (
        <Card padding="none" title="All keys" description="Loading…">
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
            <TableSkeleton columns={7} rows={3} label="Loading API keys" />
          </Table>
        </Card>
      ) : list.length === 0 ? (
        <Card padding="none">
          <EmptyState
            icon={<LockIcon size={26} />}
            title="No API keys yet"
            description="Create a key for each script or integration that calls the billing API, with only the scopes it needs."
            action={createButton}
          />
        </Card>
      ) : (
        <Card
          padding="none"
          title="All keys"
          description={`${plural(list.length, 'key')}, ${active} active`}
        >
          <ApiKeysTable apiKeys={list} onRevoke={setRevoking} />
        </Card>
      )}

      <Dialog
        open={creating !== null}
        onClose={() => setCreating(null)}
        title={creating?.step === 'created' ? `${creating.apiKey.name} is ready` : 'Create API key'}
        description={
          creating?.step === 'created'
            ? undefined
            : 'Scripts send it as a bearer token (Authorization: Bearer <key>); it acts like an admin, within its scopes.'
        }
        size="lg"
        // The secret is on screen: only the explicit button closes it, not a stray Escape.
        dismissible={creating?.step !== 'created'}
      >
        {creating?.step === 'form' ? (
          <CreateApiKeyForm
            onCancel={() => setCreating(null)}
            onCreated={(apiKey) => setCreating({ step: 'created', apiKey })}
          />
        ) : creating?.step === 'created' ? (
          <ApiKeySecret apiKey={creating.apiKey} onDone={() => setCreating(null)} />
        ) : null}
      </Dialog>

      <RevokeApiKeyDialog apiKey={revoking} onClose={() => setRevoking(null)} />
    </>
  );
}
