import { Head } from '@/components/seo/head';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { ExpandableTableSkeleton } from '@/components/ui/expandable-table';
import { PlayIcon, WandIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { Skeleton } from '@/components/ui/skeleton';
import { toast } from '@/components/ui/toast';
import { useAutomationRuns } from '@/features/automation/api/get-automation-runs';
import { useAutomationSettings } from '@/features/automation/api/get-automation-settings';
import { useRunAutomation } from '@/features/automation/api/run-automation';
import {
  AutomationRunsTable,
  RUN_COLUMNS,
} from '@/features/automation/components/automation-runs-table';
import { AutomationSettingsForm } from '@/features/automation/components/automation-settings-form';
import styles from '@/features/automation/components/automation.module.css';
import { useUrlFilters } from '@/hooks/use-url-filters';
import { describeError } from '@/lib/errors';

export function Component() {
  const filters = useUrlFilters();
  const withItems = filters.params.get('with_items') === 'true';
  const settings = useAutomationSettings();
  const runs = useAutomationRuns({
    filters: { page: filters.page, ...(withItems ? { with_items: true } : {}) },
  });
  const runAutomation = useRunAutomation({
    mutationConfig: {
      onSuccess: (run) =>
        toast.success(
          `Run #${run.id} queued`,
          'It starts in a moment; what it does appears below.',
        ),
      onError: (error) => toast.error('The automation did not run', describeError(error)),
    },
  });
  const page = runs.data;
  const isOff = settings.data?.enabled === false;

  return (
    <>
      <Head title="Automation" />
      <PageHeader
        title="Automation"
        description="What billing does on its own, every hour: expiry warnings and renewal reminders, suspension of overdue licenses and accounts, expiry, termination if you allow it, and reactivation when the payment arrives. Every run and every action it took is listed here and in the audit log."
        actions={
          <Button
            icon={<PlayIcon size={16} />}
            isLoading={runAutomation.isPending}
            disabled={settings.data === undefined || isOff}
            onClick={() => runAutomation.mutate()}
          >
            Run now
          </Button>
        }
      />

      <div className={styles.stack}>
        {isOff ? (
          <Alert variant="warning" title="The automation is switched off">
            No warnings are sent, nothing is suspended and payments do not lift suspensions until it
            is switched on again below.
          </Alert>
        ) : null}

        <Card
          title="Runs"
          description="Newest first. Open a run to see what it did per license and account; failures are highlighted."
          padding="none"
        >
          <div className={styles.toolbar}>
            <Checkbox
              label="Only runs that did something"
              checked={withItems}
              onChange={(event) =>
                filters.setFilter('with_items', event.target.checked ? 'true' : null)
              }
            />
          </div>
          {runs.isError && page === undefined ? (
            <ErrorState
              title="Could not load the automation runs"
              error={runs.error}
              onRetry={() => void runs.refetch()}
              isRetrying={runs.isFetching}
            />
          ) : page === undefined ? (
            <ExpandableTableSkeleton
              caption="Automation runs"
              columns={RUN_COLUMNS}
              rows={5}
              label="Loading the runs"
            />
          ) : page.total === 0 ? (
            <EmptyState
              icon={<WandIcon size={26} />}
              title={withItems ? 'No run has done anything yet' : 'No runs yet'}
              description={
                withItems
                  ? 'Runs that sent a warning or changed a license or account appear here.'
                  : 'The automation runs every hour; use Run now to run it at once.'
              }
            />
          ) : (
            <>
              {runs.isError ? (
                <ErrorState
                  size="compact"
                  title="Could not refresh the runs"
                  error={runs.error}
                  onRetry={() => void runs.refetch()}
                  isRetrying={runs.isFetching}
                />
              ) : null}
              <AutomationRunsTable runs={page.items} isStale={runs.isPlaceholderData} />
              <Pagination
                page={page.page}
                pages={page.pages}
                total={page.total}
                pageSize={page.page_size}
                noun="runs"
                isFetching={runs.isFetching}
                onPageChange={filters.setPage}
              />
            </>
          )}
        </Card>

        <Card
          title="Settings"
          description="Defaults come from the AUTOMATION_* environment variables; changes here are audited."
        >
          {settings.data ? (
            <AutomationSettingsForm settings={settings.data} />
          ) : settings.isError ? (
            <ErrorState
              size="compact"
              title="Could not load the automation settings"
              error={settings.error}
              onRetry={() => void settings.refetch()}
              isRetrying={settings.isFetching}
            />
          ) : (
            <div className={styles.itemsLoading} aria-busy="true">
              <span className="visually-hidden">Loading the settings</span>
              <Skeleton width="40%" />
              <Skeleton width="70%" />
              <Skeleton width="55%" />
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
