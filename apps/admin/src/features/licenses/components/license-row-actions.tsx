import { LICENSE_TRANSITIONS, type LicenseResponse } from '@nextpanel/shared';
import { Button } from '@/components/ui/button';
import { CellActions } from '@/components/ui/table';
import type { LicenseStatusChange } from './license-status-dialog';

export type LicenseAction = LicenseStatusChange | 'history';

/** What the license's status allows, from the shared state machine (others are 409 INVALID_LICENSE_STATE). */
export function allowedLicenseActions(license: Pick<LicenseResponse, 'status'>): LicenseAction[] {
  const next = LICENSE_TRANSITIONS[license.status];
  const actions: LicenseAction[] = [];
  if (next.includes('suspended')) actions.push('suspend');
  if (next.includes('active')) actions.push('reactivate');
  if (next.includes('cancelled')) actions.push('cancel');
  actions.push('history');
  return actions;
}

/**
 * Suspend (or Reactivate, for a suspended or expired license), Cancel and History. Buttons the state
 * machine forbids stay in place, disabled, so rows line up and the admin sees why nothing happens.
 */
export function LicenseRowActions({
  license,
  onAction,
}: {
  license: LicenseResponse;
  onAction: (action: LicenseAction, license: LicenseResponse) => void;
}) {
  const allowed = allowedLicenseActions(license);
  const key = license.license_key;
  const offerReactivate = license.status !== 'active' && license.status !== 'cancelled';
  return (
    <CellActions>
      {offerReactivate ? (
        <Button
          variant="ghost"
          size="sm"
          aria-label={`Reactivate license ${key}`}
          disabled={!allowed.includes('reactivate')}
          onClick={() => onAction('reactivate', license)}
        >
          Reactivate
        </Button>
      ) : (
        <Button
          variant="ghost"
          size="sm"
          aria-label={`Suspend license ${key}`}
          disabled={!allowed.includes('suspend')}
          onClick={() => onAction('suspend', license)}
        >
          Suspend
        </Button>
      )}
      <Button
        variant="ghost"
        size="sm"
        aria-label={`Cancel license ${key}`}
        disabled={!allowed.includes('cancel')}
        onClick={() => onAction('cancel', license)}
      >
        Cancel
      </Button>
      <Button
        variant="ghost"
        size="sm"
        aria-label={`History of license ${key}`}
        onClick={() => onAction('history', license)}
      >
        History
      </Button>
    </CellActions>
  );
}
