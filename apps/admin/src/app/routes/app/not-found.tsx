import { useLocation } from 'react-router';
import { Head } from '@/components/seo/head';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ArrowLeftIcon, CompassIcon } from '@/components/ui/icons';
import { paths } from '@/config/paths';
import styles from './not-found.module.css';

export function Component() {
  const { pathname } = useLocation();
  return (
    <>
      <Head title="Page not found" />
      <Card padding="none">
        <EmptyState
          headingLevel={1}
          icon={<CompassIcon size={26} />}
          eyebrow={<span className={styles.code}>404</span>}
          title="Page not found"
          description={
            <>
              There is no page at <code className={styles.path}>{pathname}</code>. It may have
              moved, or the link may be mistyped.
            </>
          }
          action={
            <ButtonLink to={paths.app.dashboard.getHref()} icon={<ArrowLeftIcon size={16} />}>
              Back to dashboard
            </ButtonLink>
          }
        />
      </Card>
    </>
  );
}

const backLinks = {
  server: { label: 'Back to servers', to: paths.app.servers.getHref() },
  customer: { label: 'Back to customers', to: paths.app.customers.getHref() },
} as const;

/** A record the URL names does not exist (deleted, mistyped id): say so, and offer the list. */
export function NotFoundCard({ what }: { what: keyof typeof backLinks }) {
  const back = backLinks[what];
  return (
    <>
      <Head title={`${what[0]?.toUpperCase()}${what.slice(1)} not found`} />
      <Card padding="none">
        <EmptyState
          headingLevel={1}
          icon={<CompassIcon size={26} />}
          eyebrow={<span className={styles.code}>404</span>}
          title={`This ${what} does not exist`}
          description={`It may have been removed, or the link may be mistyped.`}
          action={
            <ButtonLink to={back.to} icon={<ArrowLeftIcon size={16} />}>
              {back.label}
            </ButtonLink>
          }
        />
      </Card>
    </>
  );
}
