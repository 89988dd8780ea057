import type { ReactNode } from 'react';
import { Head } from '@/components/seo/head';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ArrowLeftIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { paths } from '@/config/paths';

export interface ComingSoonPageProps {
  title: string;
  /** Names the feature in the headline: "Server management" is on its way. */
  feature: string;
  /** One line under the page title: what this section is for. */
  description: string;
  icon: ReactNode;
  /** What the admin will be able to do here. */
  preview: string;
}

/** Placeholder for a section that is not built yet; each is replaced by its feature's pages. */
export function ComingSoonPage({ title, feature, description, icon, preview }: ComingSoonPageProps) {
  return (
    <>
      <Head title={title} />
      <PageHeader title={title} description={description} />
      <Card padding="none">
        <EmptyState
          icon={icon}
          eyebrow={<Badge tone="primary">Coming soon</Badge>}
          title={`${feature} is on its way`}
          description={preview}
          action={
            <ButtonLink to={paths.app.dashboard.getHref()} variant="secondary" icon={<ArrowLeftIcon size={16} />}>
              Back to dashboard
            </ButtonLink>
          }
        />
      </Card>
    </>
  );
}
