import type { ReactNode } from 'react';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import {
  ArrowRightIcon,
  CheckIcon,
  KeyIcon,
  LayersIcon,
  ServerIcon,
  UsersIcon,
  type IconProps,
} from '@/components/ui/icons';
import { paths } from '@/config/paths';
import styles from './dashboard.module.css';

export interface SetupProgress {
  hasServer: boolean;
  hasPlan: boolean;
  hasCustomer: boolean;
  hasLicense: boolean;
}

interface SetupStep {
  title: string;
  text: string;
  to: string;
  cta: string;
  icon: (props: IconProps) => ReactNode;
  done: (progress: SetupProgress) => boolean;
}

/** The order the provisioning guide walks through: a server first, then what runs on it. */
const setupSteps: readonly SetupStep[] = [
  {
    title: 'Connect a NextPanel server',
    text: 'Add its URL and BILLING API key, then test the connection.',
    to: paths.app.servers.getHref(),
    cta: 'Servers',
    icon: ServerIcon,
    done: (progress) => progress.hasServer,
  },
  {
    title: 'Define hosting plans',
    text: 'Set quotas for databases, domains, mailboxes and disk.',
    to: paths.app.plans.getHref(),
    cta: 'Plans',
    icon: LayersIcon,
    done: (progress) => progress.hasPlan,
  },
  {
    title: 'Add your customers',
    text: 'Create accounts for the people and companies you host.',
    to: paths.app.customers.getHref(),
    cta: 'Customers',
    icon: UsersIcon,
    done: (progress) => progress.hasCustomer,
  },
  {
    title: 'Issue licenses and provision',
    text: 'Give a customer a plan and create their hosting account.',
    to: paths.app.licenses.getHref(),
    cta: 'Licenses',
    icon: KeyIcon,
    done: (progress) => progress.hasLicense,
  },
];

export function isSetupComplete(progress: SetupProgress): boolean {
  return setupSteps.every((step) => step.done(progress));
}

export function GettingStarted({ progress }: { progress: SetupProgress }) {
  const done = setupSteps.filter((step) => step.done(progress)).length;
  return (
    <Card
      title="Getting started"
      description={`Four steps from an empty install to a provisioned hosting account · ${done} of 4 done.`}
    >
      <ol className={styles.steps}>
        {setupSteps.map(({ title, text, to, cta, icon: Icon, done: isDone }, index) => {
          const complete = isDone(progress);
          return (
            <li key={to} className={`${styles.step} ${complete ? styles.stepDone : ''}`}>
              <span className={styles.stepIcon} aria-hidden="true">
                {complete ? <CheckIcon size={18} /> : <Icon size={18} />}
              </span>
              <div className={styles.stepText}>
                <span className={styles.stepTitle}>
                  <span className={styles.stepNumber}>{index + 1}.</span> {title}
                  {complete ? <span className="visually-hidden"> (done)</span> : null}
                </span>
                <span className={styles.stepDescription}>{text}</span>
              </div>
              <ButtonLink to={to} variant="ghost" size="sm" aria-label={`Go to ${cta}`}>
                {cta}
                <ArrowRightIcon size={14} />
              </ButtonLink>
            </li>
          );
        })}
      </ol>
    </Card>
  );
}
