import type { LicenseEventResponse, LicenseResponse, LicenseStatus } from '@nextpanel/shared';
import { LICENSE_STATUSES } from '@nextpanel/shared';
import type { BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { Timeline, type TimelineEntry } from '@/components/ui/timeline';
import { describeActor } from '@/lib/actors';
import { useLicenseEvents } from '../api/get-license-events';
import lifecycle from './license-lifecycle.module.css';
import { licenseStatusLabels } from './license-status-badge';

const tones: Record<LicenseStatus, BadgeTone> = {
  active: 'success',
  suspended: 'warning',
  expired: 'neutral',
  cancelled: 'danger',
};

function isLicenseStatus(value: string | null): value is LicenseStatus {
  return value !== null && (LICENSE_STATUSES as readonly string[]).includes(value);
}

function statusLabel(value: string | null): string {
  if (value === null) return 'New';
  return isLicenseStatus(value) ? licenseStatusLabels[value] : value;
}

export function licenseEventEntry(event: LicenseEventResponse): TimelineEntry {
  return {
    id: event.id,
    title: `${statusLabel(event.from_status)} → ${statusLabel(event.to_status)}`,
    at: event.created_at,
    meta: `By ${describeActor(event.actor)}`,
    detail: event.reason,
    tone: isLicenseStatus(event.to_status) ? tones[event.to_status] : 'neutral',
  };
}

/** Every status change of a license: from, to, who or what, why and when. */
export function LicenseHistoryDialog({
  license,
  onClose,
}: {
  license: LicenseResponse;
  onClose: () => void;
}) {
  return (
    <Dialog
      open
      onClose={onClose}
      title={`History of license ${license.license_key}`}
      description={`${license.plan.name}${license.customer ? ` · ${license.customer.full_name}` : ''}`}
      footer={
        <Button variant="secondary" onClick={onClose}>
          Close
        </Button>
      }
    >
      <LicenseHistory license={license} />
    </Dialog>
  );
}

function LicenseHistory({ license }: { license: LicenseResponse }) {
  const events = useLicenseEvents({ licenseId: license.id });
  if (events.isError) {
    return (
      <ErrorState
        size="compact"
        title="Could not load the license history"
        error={events.error}
        onRetry={() => void events.refetch()}
        isRetrying={events.isFetching}
      />
    );
  }
  if (events.data === undefined) {
    return (
      <div className={lifecycle.form} aria-busy="true">
        <span className="visually-hidden">Loading license history</span>
        <Skeleton width="70%" />
        <Skeleton width="55%" />
      </div>
    );
  }
  if (events.data.length === 0) {
    return (
      <p className={lifecycle.explain}>
        No status changes yet: the license has been{' '}
        {licenseStatusLabels[license.status].toLowerCase()} since it was created.
      </p>
    );
  }
  return (
    <Timeline
      label={`Status history of license ${license.license_key}`}
      entries={events.data.map(licenseEventEntry)}
    />
  );
}
