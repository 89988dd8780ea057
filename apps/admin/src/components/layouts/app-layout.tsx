import type { ReactNode } from 'react';
import { NavLink, matchPath, useLocation, useNavigation } from 'react-router';
import type { CurrentUserResponse } from '@nextpanel/shared';
import { env } from '@/config/env';
import { paths } from '@/config/paths';
import { Button } from '@/components/ui/button';
import {
  ClockIcon,
  DashboardIcon,
  KeyIcon,
  LayersIcon,
  LockIcon,
  LogOutIcon,
  MailIcon,
  QueueIcon,
  ReceiptIcon,
  ServerIcon,
  UsersIcon,
  WandIcon,
  ZapIcon,
  type IconProps,
} from '@/components/ui/icons';
import { Logo } from '@/components/ui/logo';
import styles from './app-layout.module.css';

interface NavItem {
  label: string;
  to: string;
  icon: (props: IconProps) => ReactNode;
  /** Only exact matches are active (the dashboard is `/`, a prefix of everything). */
  end?: boolean;
}

/** The sidebar, in the order an admin sets things up: servers, then customers, plans, licenses. */
export const navigation: readonly NavItem[] = [
  { label: 'Dashboard', to: paths.app.dashboard.getHref(), icon: DashboardIcon, end: true },
  { label: 'Servers', to: paths.app.servers.getHref(), icon: ServerIcon },
  { label: 'Customers', to: paths.app.customers.getHref(), icon: UsersIcon },
  { label: 'Plans', to: paths.app.plans.getHref(), icon: LayersIcon },
  { label: 'Licenses', to: paths.app.licenses.getHref(), icon: KeyIcon },
  // What the storefront sells and the automated flow behind it.
  { label: 'Orders', to: paths.app.orders.getHref(), icon: ReceiptIcon },
  { label: 'Provisioning queue', to: paths.app.provisioningQueue.getHref(), icon: QueueIcon },
  { label: 'Emails', to: paths.app.emails.getHref(), icon: MailIcon },
  { label: 'Automation', to: paths.app.automation.getHref(), icon: WandIcon },
  { label: 'Audit log', to: paths.app.auditLog.getHref(), icon: ClockIcon },
  // Settings.
  { label: 'API keys', to: paths.app.apiKeys.getHref(), icon: LockIcon },
  { label: 'Webhooks', to: paths.app.webhooks.getHref(), icon: ZapIcon },
];

export interface AppLayoutProps {
  user: CurrentUserResponse;
  onSignOut: () => void;
  children: ReactNode;
}

export function AppLayout({ user, onSignOut, children }: AppLayoutProps) {
  const location = useLocation();
  // Lazy routes load their code before rendering: show that something is happening.
  const isNavigating = useNavigation().state === 'loading';
  const section = navigation.find((item) =>
    matchPath({ path: item.to, end: item.end ?? false }, location.pathname),
  );

  return (
    <div className={styles.shell}>
      <a href="#main-content" className={styles.skipLink}>
        Skip to content
      </a>
      {isNavigating ? (
        <div className={styles.progress} role="progressbar" aria-label="Loading page" />
      ) : null}

      <aside className={styles.sidebar}>
        <div className={styles.brand}>
          <Logo tone="light" />
        </div>
        <nav aria-label="Main" className={styles.nav}>
          <ul className={styles.navList}>
            {navigation.map(({ label, to, icon: Icon, end }) => (
              <li key={to}>
                <NavLink
                  to={to}
                  end={end}
                  className={({ isActive }) =>
                    `${styles.navLink} ${isActive ? styles.navLinkActive : ''}`
                  }
                >
                  <Icon size={18} />
                  <span>{label}</span>
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className={styles.sidebarFooter}>
          <span className={styles.footerLabel}>Billing API</span>
          <span className={styles.footerValue} title={env.API_URL}>
            {new URL(env.API_URL).host}
          </span>
        </div>
      </aside>

      <div className={styles.main}>
        <header className={styles.topbar}>
          <div className={styles.section}>
            {section ? (
              <>
                <section.icon size={16} />
                <span>{section.label}</span>
              </>
            ) : null}
          </div>
          <div className={styles.account}>
            <div className={styles.avatar} aria-hidden="true">
              {initials(user)}
            </div>
            <div className={styles.identity}>
              <span className={styles.userName}>{user.full_name || user.email}</span>
              <span className={styles.userEmail}>{user.email}</span>
            </div>
            <span className={styles.divider} aria-hidden="true" />
            <Button variant="ghost" size="sm" icon={<LogOutIcon size={16} />} onClick={onSignOut}>
              Sign out
            </Button>
          </div>
        </header>
        <main id="main-content" className={styles.content} tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}

function initials(user: CurrentUserResponse): string {
  const source = user.full_name.trim() || user.email;
  const words = source.split(/\s+/).filter(Boolean);
  const letters =
    words.length > 1
      ? `${words[0]?.[0] ?? ''}${words[words.length - 1]?.[0] ?? ''}`
      : source.slice(0, 2);
  return letters.toUpperCase();
}
