import { InitialSchema1764150000000 } from './1764150000000-initial-schema';
import { BillingCore1764160000000 } from './1764160000000-billing-core';

/** Every migration in order; add new ones at the end. */
export const MIGRATIONS = [InitialSchema1764150000000, BillingCore1764160000000];
