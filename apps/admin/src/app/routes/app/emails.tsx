import { DEFAULT_PAGE_SIZE, type EmailResponse } from '@nextpanel/shared';
import { Head } from '@/components/seo/head';
import { MailIcon } from '@/components/ui/icons';
import { FilterSelect, ListCard, filterOptions, oneOf } from '@/components/ui/list-card';
import { PageHeader } from '@/components/ui/page-header';
import { toast } from '@/components/ui/toast';
import { EMAIL_STATUSES, useEmails, type EmailListQuery } from '@/features/emails/api/get-emails';
import { useResendEmail } from '@/features/emails/api/resend-email';
import { emailStatusLabels } from '@/features/emails/components/email-status';
import styles from '@/features/emails/components/emails.module.css';
import { EMAILS_TABLE_COLUMNS, EmailsTable } from '@/features/emails/components/emails-table';
import { HeldEmailsBanner } from '@/features/emails/components/held-emails-banner';
import { useUrlFilters } from '@/hooks/use-url-filters';
import { describeError } from '@/lib/errors';

const STATUS_OPTIONS = filterOptions(
  'All statuses',
  EMAIL_STATUSES,
  (status) => emailStatusLabels[status],
);

export function Component() {
  const filters = useUrlFilters();
  const status = oneOf(EMAIL_STATUSES, filters.params.get('status'));
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

        <ListCard
          filtersClassName={styles.toolbar}
          filters={
            <FilterSelect
              className={styles.filter}
              label="Status"
              options={STATUS_OPTIONS}
              value={status ?? ''}
              onChange={(value) => filters.setFilter('status', value)}
            />
          }
          query={emails}
          skeleton={{
            caption: 'Emails',
            columns: EMAILS_TABLE_COLUMNS,
            rows: 6,
            label: 'Loading emails',
          }}
          errorTitle="Could not load emails"
          refreshErrorTitle="Could not refresh emails"
          noMatches={
            status
              ? {
                  title: `No ${emailStatusLabels[status].toLowerCase()} emails`,
                  description: 'Clear the filter to see every email.',
                  clearLabel: 'Clear filter',
                  onClear: () => filters.clear(['status']),
                }
              : null
          }
          empty={{
            icon: <MailIcon size={26} />,
            title: 'No emails yet',
            description:
              'Welcome emails with sign-in details, payment receipts and admin alerts appear here as they are queued.',
          }}
          noun="emails"
          onPageChange={filters.setPage}
          renderTable={(items, isStale) => (
            <EmailsTable
              emails={items}
              isStale={isStale}
              onResend={resend}
              resendingId={resendEmail.isPending ? (resendEmail.variables?.emailId ?? null) : null}
            />
          )}
        />
      </div>
    </>
  );
}
