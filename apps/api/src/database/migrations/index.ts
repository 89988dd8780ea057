import { InitialSchema1764150000000 } from './1764150000000-initial-schema';
import { BillingCore1764160000000 } from './1764160000000-billing-core';
import { PaymentsAndJobs1764170000000 } from './1764170000000-payments-and-jobs';
import { LicenseValidation1764180000000 } from './1764180000000-license-validation';
import { ServerMonitoring1764190000000 } from './1764190000000-server-monitoring';
import { AccountEvents1764200000000 } from './1764200000000-account-events';
import { AuditLog1764210000000 } from './1764210000000-audit-log';

/** Every migration in order; add new ones at the end. */
export const MIGRATIONS = [
  InitialSchema1764150000000,
  BillingCore1764160000000,
  PaymentsAndJobs1764170000000,
  LicenseValidation1764180000000,
  ServerMonitoring1764190000000,
  AccountEvents1764200000000,
  AuditLog1764210000000,
];
