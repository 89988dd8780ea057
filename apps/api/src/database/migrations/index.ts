import { InitialSchema1764150000000 } from './1764150000000-initial-schema';

/** Every migration in order; add new ones at the end. */
export const MIGRATIONS = [InitialSchema1764150000000];
