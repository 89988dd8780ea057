import { Head } from '@/components/seo/head';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { KeyIcon, PlusIcon, ServerIcon, UsersIcon, ActivityIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { StatCard } from '@/components/ui/stat-card';
import { paths } from '@/config/paths';
import { useAccounts } from '@/features/accounts/api/get-accounts';
import { useSignedInUser } from '@/features/auth/components/require-admin';
import { useCustomers } from '@/features/customers/api/get-customers';
import styles from '@/features/dashboard/components/dashboard.module.css';
import { GettingStarted, isSetupComplete } from '@/features/dashboard/components/getting-started';
import { NeedsAttention, attentionItems } from '@/features/dashboard/components/needs-attention';
import {
  RECENT_ACTIVITY_LIMIT,
  RecentActivity,
} from '@/features/dashboard/components/recent-activity';
import { ServerUtilisation } from '@/features/dashboard/components/server-utilisation';
import { useLicenses } from '@/features/licenses/api/get-licenses';
import { usePlans } from '@/features/plans/api/get-plans';
import { useServers } from '@/features/servers/api/get-servers';
import { formatNumber, plural } from '@/lib/format';

/** Counts come from `total` of a one-row page: the API counts, the browser downloads one row. */
const COUNT_ONLY = { page: 1, page_size: 1 } as const;
/** Recent activity: the first page of every account, most recently changed first. */
const RECENT_ACCOUNTS = { page: 1, page_size: RECENT_ACTIVITY_LIMIT } as const;
/** Needs attention: the newest failed accounts; `total` counts them all. */
const FAILED_ACCOUNTS = { status: 'failed', page: 1, page_size: 3 } as const;

export function Component() {
  const user = useSignedInUser();
  const name = user.full_name.trim() || user.email;

  const servers = useServers();
  const plans = usePlans();
  const customers = useCustomers({ filters: COUNT_ONLY });
  const activeLicenses = useLicenses({ filters: { ...COUNT_ONLY, status: 'active' } });
  const allLicenses = useLicenses({ filters: COUNT_ONLY });
  const suspendedLicenses = useLicenses({ filters: { ...COUNT_ONLY, status: 'suspended' } });
  const recent = useAccounts({ filters: RECENT_ACCOUNTS });
  const failed = useAccounts({ filters: FAILED_ACCOUNTS });

  const serverList = servers.data;
  const online = serverList?.filter((server) => server.is_online).length;
  const liveAccounts = serverList?.reduce((sum, server) => sum + server.current_accounts, 0);
  const progress = {
    hasServer: (serverList?.length ?? 0) > 0,
    hasPlan: (plans.data?.length ?? 0) > 0,
    hasCustomer: (customers.data?.total ?? 0) > 0,
    hasLicense: (allLicenses.data?.total ?? 0) > 0,
  };
  const setupKnown =
    serverList !== undefined &&
    plans.data !== undefined &&
    customers.data !== undefined &&
    allLicenses.data !== undefined;

  return (
    <>
      <Head title="Dashboard" />
      <PageHeader
        title={`Welcome back, ${name}`}
        description="Servers, customers and hosting accounts at a glance."
      />

      <div className={styles.stack}>
        <div className={styles.stats}>
          <StatCard
            label="Customers"
            icon={<UsersIcon size={18} />}
            value={customers.data ? formatNumber(customers.data.total) : undefined}
            isError={customers.isError}
            hint="All billing customers"
            to={paths.app.customers.getHref()}
          />
          <StatCard
            label="Active licenses"
            icon={<KeyIcon size={18} />}
            tone="success"
            value={activeLicenses.data ? formatNumber(activeLicenses.data.total) : undefined}
            isError={activeLicenses.isError}
            hint={allLicenses.data ? `of ${plural(allLicenses.data.total, 'license')} sold` : ' '}
            to={paths.app.licenses.getHref()}
          />
          <StatCard
            label="Hosting accounts"
            icon={<ActivityIcon size={18} />}
            value={liveAccounts !== undefined ? formatNumber(liveAccounts) : undefined}
            isError={servers.isError && serverList === undefined}
            hint={serverList ? `Live on ${plural(serverList.length, 'server')}` : ' '}
          />
          <StatCard
            label="Servers online"
            icon={<ServerIcon size={18} />}
            tone={
              serverList && online !== undefined && online < serverList.length
                ? 'danger'
                : 'primary'
            }
            value={
              serverList && online !== undefined
                ? `${formatNumber(online)} / ${formatNumber(serverList.length)}`
                : undefined
            }
            isError={servers.isError && serverList === undefined}
            hint={
              serverList && online !== undefined && online < serverList.length
                ? `${formatNumber(serverList.length - online)} offline`
                : 'As last checked'
            }
            to={paths.app.servers.getHref()}
          />
        </div>

        {serverList !== undefined && serverList.length === 0 ? (
          <Card padding="none">
            <EmptyState
              icon={<ServerIcon size={26} />}
              title="No data yet — add a server to get started"
              description="Connect your first NextPanel server. Once it is online you can sell plans, provision hosting accounts and follow them all from here."
              action={
                <ButtonLink to={paths.app.newServer.getHref()} icon={<PlusIcon size={16} />}>
                  Add a server
                </ButtonLink>
              }
            />
          </Card>
        ) : null}

        {setupKnown && !isSetupComplete(progress) ? <GettingStarted progress={progress} /> : null}

        {serverList === undefined || serverList.length > 0 ? (
          <div className={styles.columns}>
            <ServerUtilisation
              servers={serverList}
              error={servers.error}
              onRetry={() => void servers.refetch()}
              isRetrying={servers.isFetching}
            />
            <NeedsAttention
              isLoading={serverList === undefined || failed.isPending}
              items={attentionItems({
                servers: serverList ?? [],
                failedAccounts: failed.data,
                failedAccountsError: failed.error,
                suspendedLicenses: suspendedLicenses.data?.total ?? 0,
              })}
            />
          </div>
        ) : null}

        {serverList === undefined || serverList.length > 0 ? (
          <RecentActivity
            accounts={recent.data?.items ?? []}
            total={recent.data?.total}
            isPending={recent.isPending}
            error={recent.error}
            onRetry={() => void recent.refetch()}
          />
        ) : null}
      </div>
    </>
  );
}
