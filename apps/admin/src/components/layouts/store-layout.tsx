import type { ReactNode } from 'react';
import { Link, NavLink, useNavigation } from 'react-router';
import { Button, ButtonLink } from '@/components/ui/button';
import { LockIcon, LogOutIcon } from '@/components/ui/icons';
import { LogoMark } from '@/components/ui/logo';
import { paths } from '@/config/paths';
import styles from './store-layout.module.css';

export interface StoreCustomer {
  name: string;
  email: string;
}

export interface StoreLayoutProps {
  /** The signed-in customer; `null` for a visitor; `undefined` while their profile loads. */
  customer: StoreCustomer | null | undefined;
  onSignOut: () => void;
  children: ReactNode;
}

const currentYear = new Date().getFullYear();

/**
 * The customer-facing pages (storefront, checkout, /my): a light header with the plans and the
 * customer's account, no admin sidebar. Built from the same tokens as the dashboard.
 */
export function StoreLayout({ customer, onSignOut, children }: StoreLayoutProps) {
  const isNavigating = useNavigation().state === 'loading';
  return (
    <div className={styles.page}>
      <a href="#store-content" className={styles.skipLink}>
        Skip to content
      </a>
      {isNavigating ? (
        <div className={styles.progress} role="progressbar" aria-label="Loading page" />
      ) : null}
      <header className={styles.header}>
        <div className={styles.headerInner}>
          <Link
            to={paths.store.plans.getHref()}
            className={styles.brand}
            aria-label="NextPanel Hosting: plans"
          >
            <LogoMark size={30} />
            <span className={styles.brandText}>
              NextPanel <span className={styles.brandProduct}>Hosting</span>
            </span>
          </Link>
          <nav aria-label="Store" className={styles.nav}>
            <NavLink
              to={paths.store.plans.getHref()}
              end
              className={({ isActive }) =>
                `${styles.navLink} ${isActive ? styles.navLinkActive : ''}`
              }
            >
              Plans
            </NavLink>
            {customer !== null ? (
              <NavLink
                to={paths.my.account.getHref()}
                className={({ isActive }) =>
                  `${styles.navLink} ${isActive ? styles.navLinkActive : ''}`
                }
              >
                My account
              </NavLink>
            ) : null}
          </nav>
          <div className={styles.account}>
            {customer === null ? (
              <ButtonLink to={paths.store.signIn.getHref()} variant="secondary" size="sm">
                Sign in
              </ButtonLink>
            ) : (
              <>
                {customer ? (
                  <span className={styles.identity}>
                    <span className={styles.avatar} aria-hidden="true">
                      {initials(customer)}
                    </span>
                    <span className={styles.identityText}>
                      <span className={styles.name}>{customer.name}</span>
                      <span className={styles.email}>{customer.email}</span>
                    </span>
                  </span>
                ) : null}
                <Button
                  variant="ghost"
                  size="sm"
                  icon={<LogOutIcon size={16} />}
                  onClick={onSignOut}
                >
                  Sign out
                </Button>
              </>
            )}
          </div>
        </div>
      </header>

      <main id="store-content" className={styles.main} tabIndex={-1}>
        {children}
      </main>

      <footer className={styles.footer}>
        <div className={styles.footerInner}>
          <span>© {currentYear} NextPanel Hosting</span>
          <span className={styles.secure}>
            <LockIcon size={14} />
            Secure checkout · your account is set up automatically after payment
          </span>
        </div>
      </footer>
    </div>
  );
}

function initials({ name, email }: StoreCustomer): string {
  const words = (name.trim() || email).split(/\s+/).filter(Boolean);
  const letters =
    words.length > 1
      ? `${words[0]?.[0] ?? ''}${words[words.length - 1]?.[0] ?? ''}`
      : (words[0] ?? '').slice(0, 2);
  return letters.toUpperCase();
}
