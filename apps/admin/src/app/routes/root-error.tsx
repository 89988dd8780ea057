import { StatusLayout } from '@/components/layouts/status-layout';
import { Head } from '@/components/seo/head';
import { Button, buttonClassName } from '@/components/ui/button';
import { AlertCircleIcon, RefreshIcon } from '@/components/ui/icons';

/**
 * Last line of defence: the app itself failed (a route outside the layout, the layout).
 * Deliberately uses plain links: the router may be the thing that broke.
 */
export function RootErrorBoundary() {
  return (
    <StatusLayout
      tone="danger"
      icon={<AlertCircleIcon size={24} />}
      title="Something went wrong"
      actions={
        <>
          <Button icon={<RefreshIcon size={16} />} onClick={() => window.location.reload()}>
            Reload page
          </Button>
          <a href="/" className={buttonClassName({ variant: 'secondary' })}>
            Go to dashboard
          </a>
        </>
      }
    >
      <Head title="Error" />
      <p>
        The dashboard hit an unexpected error. Reloading usually fixes it; if it does not, contact
        your administrator.
      </p>
    </StatusLayout>
  );
}
