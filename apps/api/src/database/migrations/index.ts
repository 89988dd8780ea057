import { InitialSchema1764150000000 } from './1764150000000-initial-schema';
import { BillingCore1764160000000 } from './1764160000000-billing-core';
import { PaymentsAndJobs1764170000000 } from './1764170000000-payments-and-jobs';
import { LicenseValidation1764180000000 } from './1764180000000-license-validation';
import { ServerMonitoring1764190000000 } from './1764190000000-server-monitoring';
import { AccountEvents1764200000000 } from './1764200000000-account-events';
import { AuditLog1764210000000 } from './1764210000000-audit-log';
import { AccountLifecycle1764230000000 } from './1764230000000-account-lifecycle';
import { ApiKeys1764240000000 } from './1764240000000-api-keys';
import { AccountUsage1764220000000 } from './1764220000000-account-usage';
import { IdempotencyKeys1764250000000 } from './1764250000000-idempotency-keys';
import { Webhooks1764260000000 } from './1764260000000-webhooks';
import { ReadPathIndexes1764280000000 } from './1764280000000-read-path-indexes';
import { LiveAccountCounter1764290000000 } from './1764290000000-live-account-counter';
import { UserAuthNotify1764300000000 } from './1764300000000-user-auth-notify';
import { Automation1764270000000 } from './1764270000000-automation';
import { CustomerStats1764310000000 } from './1764310000000-customer-stats';
import { SearchIndexWithoutPendingList1764320000000 } from './1764320000000-search-index-without-pending-list';
import { CustomerSearchText1764330000000 } from './1764330000000-customer-search-text';
import { CustomerRowsVersion1764340000000 } from './1764340000000-customer-rows-version';
import { CustomerRowChanges1764350000000 } from './1764350000000-customer-row-changes';

/** Every migration in order; add new ones at the end. */
export const MIGRATIONS = [
  InitialSchema1764150000000,
  BillingCore1764160000000,
  PaymentsAndJobs1764170000000,
  LicenseValidation1764180000000,
  ServerMonitoring1764190000000,
  AccountEvents1764200000000,
  AuditLog1764210000000,
  AccountUsage1764220000000,
  AccountLifecycle1764230000000,
  ApiKeys1764240000000,
  IdempotencyKeys1764250000000,
  Webhooks1764260000000,
  Automation1764270000000,
  ReadPathIndexes1764280000000,
  LiveAccountCounter1764290000000,
  UserAuthNotify1764300000000,
  CustomerStats1764310000000,
  SearchIndexWithoutPendingList1764320000000,
  CustomerSearchText1764330000000,
  CustomerRowsVersion1764340000000,
  CustomerRowChanges1764350000000,
];
