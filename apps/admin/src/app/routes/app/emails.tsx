import { DEFAULT_PAGE_SIZE, type EmailResponse } from '@nextpanel/shared';
import { Head } from '@/components/seo/head';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { MailIcon, SearchIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { Select } from '@/components/ui/select';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Table } from '@/components/ui/table';
import { toast } from '@/components/ui/toast';
import {
  EMAIL_STATUSES,
  useEmails,
  type EmailListQuery,
  type EmailStatus,
} from '@/features/emails/api/get-emails';
import { useResendEmail } from '@/features/emails/api/resend-email';
import { emailStatusLabels } from '@/features/emails/components/email-status';
import styles from '@/features/emails/components/emails.module.css';
import { EmailsTable } from '@/features/emails/components/emails-table';
import { HeldEmailsBanner } from '@/features/emails/components/held-emails-banner';
import { useUrlFilters } from '@/hooks/use-url-filters';
import { describeError } from '@/lib/errors';

const STATUS_OPTIONS = [
  { value: '', label: 'All statuses' },
  ...EMAIL_STATUSES.map((status) => ({ value: status, label: emailStatusLabels[status] })),
];

function isEmailStatus(value: string | null): value is EmailStatus {
  return value !== null && (EMAIL_STATUSES as readonly string[]).includes(value);
}

export function Component() {
  const filters = useUrlFilters();
  const rawStatus = filters.params.get('status');
  const status = isEmailStatus(rawStatus) ? rawStatus : undefined;
  const query: EmailListQuery = {
    page: filters.page,
    page_size: DEFAULT_PAGE_SIZE,
    ...(status ? { status } : {}),
  };
  const emails = useEmails({
    filters: query,
    // Emails being sent settle within seconds.
    queryConfig: {
      refetchInterval: (current) =>
        current.state.data?.items.some((email) => email.status === 'pending') ? 3000 : false,
    },
  });
  const resendEmail = useResendEmail();
  const page = emails.data;

  const resend = (email: EmailResponse) =>
    resendEmail.mutate(
      { emailId: email.id },
      {
        onSuccess: (saved) =>
          saved.status === 'held'
            ? toast.warning(
                'Email held again',
                `Sending is still not configured; “${saved.subject}” stays in the outbox.`,
              )
            : toast.success(
                'Email queued',
                `“${saved.subject}” to ${saved.recipient} is on its way.`,
              ),
        onError: (error) => toast.error('The email was not resent', describeError(error)),
      },
    );

  return (
    <>
      <Head title="Emails" />
      <PageHeader
        title="Emails"
        description="The outbox: every email billing sends to customers and admins, with its delivery status."
      />

      <div className={styles.stack}>
        <HeldEmailsBanner />

        <Card padding="none">
          <div className={styles.toolbar} role="search">
            <div className={styles.filter}>
              <Select
                label="Status"
                hideLabel
                options={STATUS_OPTIONS}
                value={status ?? ''}
                onChange={(event) => filters.setFilter('status', event.target.value)}
              />
            </div>
          </div>

          {emails.isError && page === undefined ? (
            <ErrorState
              title="Could not load emails"
              error={emails.error}
              onRetry={() => void emails.refetch()}
              isRetrying={emails.isFetching}
            />
          ) : page === undefined ? (
            <Table caption="Emails">
              <thead>
                <tr>
                  <th scope="col">Recipient</th>
                  <th scope="col">Subject</th>
                  <th scope="col">Status</th>
                  <th scope="col">Queued</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <TableSkeleton columns={5} rows={6} label="Loading emails" />
            </Table>
          ) : page.total === 0 && status ? (
            <EmptyState
              icon={<SearchIcon size={26} />}
              title={`No ${emailStatusLabels[status].toLowerCase()} emails`}
              description="Clear the filter to see every email."
              action={
                <Button variant="secondary" onClick={() => filters.clear(['status'])}>
                  Clear filter
                </Button>
              }
            />
          ) : page.total === 0 ? (
            <EmptyState
              icon={<MailIcon size={26} />}
              title="No emails yet"
              description="Welcome emails with sign-in details, payment receipts and admin alerts appear here as they are queued."
            />
          ) : (
            <>
              {emails.isError ? (
                <ErrorState
                  size="compact"
                  title="Could not refresh emails"
                  error={emails.error}
                  onRetry={() => void emails.refetch()}
                  isRetrying={emails.isFetching}
                />
              ) : null}
              <EmailsTable
                emails={page.items}
                isStale={emails.isPlaceholderData}
                onResend={resend}
                resendingId={
                  resendEmail.isPending ? (resendEmail.variables?.emailId ?? null) : null
                }
              />
              <Pagination
                page={page.page}
                pages={page.pages}
                total={page.total}
                pageSize={page.page_size}
                noun="emails"
                isFetching={emails.isFetching}
                onPageChange={filters.setPage}
              />
            </>
          )}
        </Card>
      </div>
    </>
  );
}
