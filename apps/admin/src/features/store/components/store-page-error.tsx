import { isRouteErrorResponse, useRouteError } from 'react-router';
import { Head } from '@/components/seo/head';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { AlertTriangleIcon, RefreshIcon } from '@/components/ui/icons';
import { paths } from '@/config/paths';
import { describeError } from '@/lib/errors';

/** A store page failed to load or render: the header stays, with a way back to the plans. */
export function StorePageError() {
  const error = useRouteError();
  return (
    <>
      <Head title="Error" />
      <Card padding="none">
        <EmptyState
          headingLevel={1}
          icon={<AlertTriangleIcon size={26} />}
          title="This page could not be displayed"
          description={
            isRouteErrorResponse(error)
              ? `${error.status} ${error.statusText}`
              : describeError(error)
          }
          action={
            <>
              <Button icon={<RefreshIcon size={16} />} onClick={() => window.location.reload()}>
                Reload page
              </Button>
              <ButtonLink to={paths.store.plans.getHref()} variant="secondary">
                See our plans
              </ButtonLink>
            </>
          }
        />
      </Card>
    </>
  );
}
