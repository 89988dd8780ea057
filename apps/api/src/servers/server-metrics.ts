import { LIVE_ACCOUNT_STATUSES } from '@nextpanel/shared';

/** SQL list of the statuses that hold a slot, for use inside queries. */
export const LIVE_STATUSES_SQL = LIVE_ACCOUNT_STATUSES.map((s) => `'${s}'`).join(', ');

export function utilisationPercent(liveAccounts: number, capacity: number): number {
  return Math.round((liveAccounts / capacity) * 1000) / 10;
}

export function availableSlots(liveAccounts: number, capacity: number): number {
  return Math.max(0, capacity - liveAccounts);
}

/** `npk_demo_7f3a9c2e51d84b60` → `npk_…4b60`: enough to recognise a key, not to use it. */
export function maskApiKey(apiKey: string): string {
  if (apiKey.length <= 8) return '…';
  const prefixEnd =
    apiKey.indexOf('_') >= 0 && apiKey.indexOf('_') < 6 ? apiKey.indexOf('_') + 1 : 4;
  return `${apiKey.slice(0, prefixEnd)}…${apiKey.slice(-4)}`;
}
