import type { ReactNode } from 'react';
import { Head } from '@/components/seo/head';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ArrowRightIcon, KeyIcon, LayersIcon, PlusIcon, ServerIcon, UsersIcon, type IconProps } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { paths } from '@/config/paths';
import { useSignedInUser } from '@/features/auth/components/require-admin';
import styles from './dashboard.module.css';

interface SetupStep {
  title: string;
  text: string;
  to: string;
  cta: string;
  icon: (props: IconProps) => ReactNode;
}

/** The order the provisioning guide walks through: a server first, then what runs on it. */
const setupSteps: readonly SetupStep[] = [
  {
    title: 'Connect a NextPanel server',
    text: 'Add its URL and BILLING API key, then test the connection.',
    to: paths.app.servers.getHref(),
    cta: 'Servers',
    icon: ServerIcon,
  },
  {
    title: 'Define hosting plans',
    text: 'Set quotas for databases, domains, mailboxes and disk.',
    to: paths.app.plans.getHref(),
    cta: 'Plans',
    icon: LayersIcon,
  },
  {
    title: 'Add your customers',
    text: 'Create accounts for the people and companies you host.',
    to: paths.app.customers.getHref(),
    cta: 'Customers',
    icon: UsersIcon,
  },
  {
    title: 'Issue licenses and provision',
    text: 'Give a customer a plan and create their hosting account.',
    to: paths.app.licenses.getHref(),
    cta: 'Licenses',
    icon: KeyIcon,
  },
];

export function Component() {
  const user = useSignedInUser();
  const name = user.full_name.trim() || user.email;

  return (
    <>
      <Head title="Dashboard" />
      <PageHeader
        title={`Welcome back, ${name}`}
        description="Servers, customers and hosting accounts at a glance."
      />

      <div className={styles.stack}>
        <Card padding="none">
          <EmptyState
            icon={<ServerIcon size={26} />}
            title="No data yet — add a server to get started"
            description="Connect your first NextPanel server. Once it is online you can sell plans, provision hosting accounts and follow them all from here."
            action={
              <ButtonLink to={paths.app.servers.getHref()} icon={<PlusIcon size={16} />}>
                Add a server
              </ButtonLink>
            }
          />
        </Card>

        <Card title="Getting started" description="Four steps from an empty install to a provisioned hosting account.">
          <ol className={styles.steps}>
            {setupSteps.map(({ title, text, to, cta, icon: Icon }, index) => (
              <li key={to} className={styles.step}>
                <span className={styles.stepIcon} aria-hidden="true">
                  <Icon size={18} />
                </span>
                <div className={styles.stepText}>
                  <span className={styles.stepTitle}>
                    <span className={styles.stepNumber}>{index + 1}.</span> {title}
                  </span>
                  <span className={styles.stepDescription}>{text}</span>
                </div>
                <ButtonLink to={to} variant="ghost" size="sm" aria-label={`Go to ${cta}`}>
                  {cta}
                  <ArrowRightIcon size={14} />
                </ButtonLink>
              </li>
            ))}
          </ol>
        </Card>
      </div>
    </>
  );
}
