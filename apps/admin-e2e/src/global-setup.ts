import { startE2eStack } from './stack';

/** Starts the stack once for all browser tests; the returned function stops it. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const stack = await startE2eStack();
  process.env.E2E_ADMIN_URL = stack.adminUrl;
  process.env.E2E_API_URL = stack.apiUrl;
  process.env.E2E_SIM_URL = stack.simUrl;
  process.env.E2E_DATABASE_URL = stack.databaseUrl;
  process.env.E2E_ADMIN_DIST = stack.adminDist;
  return stack.stop;
}
