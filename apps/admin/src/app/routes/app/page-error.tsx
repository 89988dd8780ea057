import { isRouteErrorResponse, useRouteError } from 'react-router';
import { Head } from '@/components/seo/head';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { AlertTriangleIcon, RefreshIcon } from '@/components/ui/icons';
import { paths } from '@/config/paths';
import { describeError } from '@/lib/errors';

/**
 * A page inside the app failed to load or render. The sidebar stays, so the admin can go
 * elsewhere; the most common cause is a new deployment whose page chunks replaced ours.
 */
export function PageErrorBoundary() {
  const error = useRouteError();
  const description = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : isChunkLoadError(error)
      ? 'A newer version of the dashboard may have been deployed. Reload the page to get it.'
      : describeError(error);

  return (
    <>
      <Head title="Error" />
      <Card padding="none">
        <EmptyState
          headingLevel={1}
          icon={<AlertTriangleIcon size={26} />}
          title="This page could not be displayed"
          description={description}
          action={
            <>
              <Button icon={<RefreshIcon size={16} />} onClick={() => window.location.reload()}>
                Reload page
              </Button>
              <ButtonLink to={paths.app.dashboard.getHref()} variant="secondary">
                Go to dashboard
              </ButtonLink>
            </>
          }
        />
      </Card>
    </>
  );
}

function isChunkLoadError(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    /dynamically imported module|Importing a module script failed/i.test(error.message)
  );
}
