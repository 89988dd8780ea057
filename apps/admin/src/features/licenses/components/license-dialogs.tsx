import type { HostingAccountSummary, LicenseResponse } from '@nextpanel/shared';
import { LicenseHistoryDialog } from './license-history-dialog';
import type { LicenseAction } from './license-row-actions';
import { LicenseStatusDialog } from './license-status-dialog';

export interface LicenseDialogsProps {
  /** The action the admin picked, or null when no dialog is open. */
  pending: { action: LicenseAction; license: LicenseResponse } | null;
  /** The customer's hosting accounts, to name those a change reaches (customer page only). */
  accounts?: readonly HostingAccountSummary[];
  onClose: () => void;
}

/** The dialogs behind the license row buttons. */
export function LicenseDialogs({ pending, accounts, onClose }: LicenseDialogsProps) {
  if (pending === null) return null;
  if (pending.action === 'history') {
    return <LicenseHistoryDialog license={pending.license} onClose={onClose} />;
  }
  return (
    <LicenseStatusDialog
      // A fresh form (and result) for each license and change.
      key={`${pending.action}-${pending.license.id}`}
      change={pending.action}
      license={pending.license}
      accounts={accounts}
      onClose={onClose}
    />
  );
}
