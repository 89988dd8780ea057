/**
 * Totals of filtered customer lists (a search, `is_active`), each remembered with the
 * `customer_stats.version` it was counted at. The version changes in the same transaction as any
 * change that could alter a filtered total, so a total is reused only while the customers are
 * exactly the ones it counted: paging through a search, or the same search again, skips the count
 * (the most expensive part of a search) without ever answering a stale total.
 */
export class FilteredCustomerTotals {
  private readonly totals = new Map<string, { version: string; total: number }>();

  constructor(private readonly maxEntries = 1000) {}

  /** The total counted at `version`, if there is one. */
  get(filterKey: string, version: string): number | undefined {
    const entry = this.totals.get(filterKey);
    if (!entry || entry.version !== version) return undefined;
    // Most recently used last, so the oldest entry is the first to go.
    this.totals.delete(filterKey);
    this.totals.set(filterKey, entry);
    return entry.total;
  }

  set(filterKey: string, version: string, total: number): void {
    this.totals.delete(filterKey);
    this.totals.set(filterKey, { version, total });
    if (this.totals.size > this.maxEntries) {
      const oldest = this.totals.keys().next().value;
      if (oldest !== undefined) this.totals.delete(oldest);
    }
  }
}
