import { Card } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { Skeleton } from '@/components/ui/skeleton';
import { ErrorState } from '@/components/ui/error-state';
import { toast } from '@/components/ui/toast';
import { describeError } from '@/lib/errors';
import { useWebhookSettings } from '../api/get-webhook-settings';
import { useUpdateWebhookSettings } from '../api/update-webhook-settings';
import styles from './webhooks.module.css';

/** The `webhooks` settings group: whether endpoints may use private addresses. */
export function WebhookSettingsCard() {
  const settings = useWebhookSettings();
  const update = useUpdateWebhookSettings();
  const allow = settings.data?.allow_private_targets;

  return (
    <Card title="Settings" padding="none">
      {settings.isError && settings.data === undefined ? (
        <ErrorState
          size="compact"
          title="Could not load webhook settings"
          error={settings.error}
          onRetry={() => void settings.refetch()}
          isRetrying={settings.isFetching}
        />
      ) : allow === undefined ? (
        <div className={styles.settings}>
          <Skeleton height={40} />
        </div>
      ) : (
        <div className={styles.settings}>
          <Checkbox
            variant="switch"
            label="Allow private targets"
            description="Let endpoints use private, loopback and link-local addresses (a receiver inside your network). Off, such URLs are refused when saved and again before every delivery."
            checked={allow}
            disabled={update.isPending}
            onChange={(event) =>
              update.mutate(
                { allow_private_targets: event.target.checked },
                {
                  onSuccess: (saved) =>
                    toast.success(
                      saved.allow_private_targets
                        ? 'Private targets allowed'
                        : 'Private targets refused',
                      saved.allow_private_targets
                        ? 'Endpoints may now point inside your network.'
                        : 'Deliveries to private addresses stop until allowed again.',
                    ),
                  onError: (error) =>
                    toast.error('The setting was not changed', describeError(error)),
                },
              )
            }
          />
        </div>
      )}
    </Card>
  );
}
