import type { ReactNode } from 'react';
import { Logo } from '@/components/ui/logo';
import { KeyIcon, ServerIcon, ZapIcon } from '@/components/ui/icons';
import styles from './auth-layout.module.css';

export interface AuthLayoutProps {
  title: string;
  description?: ReactNode;
  children: ReactNode;
}

const highlights = [
  {
    icon: ServerIcon,
    title: 'Every server in one place',
    text: 'Connect NextPanel servers and watch their capacity.',
  },
  {
    icon: ZapIcon,
    title: 'Provisioning in a click',
    text: 'Create hosting accounts on the right server for each customer.',
  },
  {
    icon: KeyIcon,
    title: 'Plans and licenses',
    text: 'Quotas, billing cycles and license keys, kept in sync.',
  },
] as const;

const currentYear = new Date().getFullYear();

/** Sign-in (and later password reset) pages: product story on the left, the form on the right. */
export function AuthLayout({ title, description, children }: AuthLayoutProps) {
  return (
    <div className={styles.page}>
      <aside className={styles.brandPanel}>
        <Logo tone="light" size="lg" />
        <div className={styles.pitch}>
          <p className={styles.kicker}>Admin console</p>
          <p className={styles.headline}>Billing and provisioning for your NextPanel hosting.</p>
          <ul className={styles.highlights}>
            {highlights.map(({ icon: Icon, title: itemTitle, text }) => (
              <li key={itemTitle} className={styles.highlight}>
                <span className={styles.highlightIcon}>
                  <Icon size={18} />
                </span>
                <span>
                  <span className={styles.highlightTitle}>{itemTitle}</span>
                  <span className={styles.highlightText}>{text}</span>
                </span>
              </li>
            ))}
          </ul>
        </div>
        <p className={styles.legal}>© {currentYear} NextPanel Billing</p>
      </aside>

      <main className={styles.formPanel}>
        <div className={styles.formWrap}>
          <div className={styles.mobileLogo}>
            <Logo />
          </div>
          <h1 className={styles.title}>{title}</h1>
          {description ? <p className={styles.description}>{description}</p> : null}
          <div className={styles.body}>{children}</div>
        </div>
      </main>
    </div>
  );
}
