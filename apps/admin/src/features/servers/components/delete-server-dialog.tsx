import type { ServerResponse } from '@nextpanel/shared';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { toast } from '@/components/ui/toast';
import { ApiError } from '@/lib/api-client';
import { describeError } from '@/lib/errors';
import { ServerErrorCode } from '../api/create-server';
import { useDeleteServer } from '../api/delete-server';
import { useUpdateServer } from '../api/update-server';

export interface DeleteServerDialogProps {
  /** The server to delete; `null` closes the dialog. */
  server: ServerResponse | null;
  onClose: () => void;
}

/**
 * Deleting is for servers added by mistake. A server that holds (or held) accounts stays for
 * their history: the API answers 409 with why, and the dialog offers to deactivate it instead.
 */
export function DeleteServerDialog({ server, onClose }: DeleteServerDialogProps) {
  const deleteServer = useDeleteServer();
  const updateServer = useUpdateServer();

  const close = () => {
    deleteServer.reset();
    updateServer.reset();
    onClose();
  };

  const refusal = deleteServer.error;
  const keptForAccounts =
    refusal instanceof ApiError &&
    (refusal.code === ServerErrorCode.HasAccounts || refusal.code === ServerErrorCode.HasHistory);

  return (
    <ConfirmDialog
      open={server !== null}
      onClose={close}
      title={`Delete ${server?.name ?? 'server'}?`}
      confirmLabel="Delete server"
      tone="danger"
      isPending={deleteServer.isPending || updateServer.isPending}
      onConfirm={() => {
        if (server === null) return;
        deleteServer.mutate(
          { serverId: server.id },
          {
            onSuccess: () => {
              toast.success('Server deleted', `${server.name} was removed from billing.`);
              close();
            },
          },
        );
      }}
      error={
        refusal ? (
          <>
            <strong>The server was not deleted.</strong> {describeError(refusal)}
          </>
        ) : updateServer.error ? (
          describeError(updateServer.error)
        ) : null
      }
      extraActions={
        keptForAccounts && server?.is_active ? (
          <Button
            variant="secondary"
            onClick={() =>
              updateServer.mutate(
                { serverId: server.id, data: { is_active: false } },
                {
                  onSuccess: () => {
                    toast.success(
                      'Server deactivated',
                      `${server.name} keeps its accounts and receives no new ones.`,
                    );
                    close();
                  },
                },
              )
            }
          >
            Deactivate instead
          </Button>
        ) : null
      }
    >
      {server ? (
        <p>
          <strong>{server.name}</strong> ({server.base_url}) will be removed from billing. Nothing
          changes on the panel itself. Servers that hold or held hosting accounts cannot be deleted;
          deactivate them instead.
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
