/**
 * A bounded LRU of values each remembered with the version of the data it was computed from, and
 * answered only for that same version. Exact as long as the version moves, in the writer's own
 * transaction, with every change the value could depend on: the customers list keys filtered
 * totals by `customer_stats.version` and search pages by `customer_stats.rows_version`.
 * An entry of an older version is never answered; it is replaced or ages out.
 */
export class VersionedCache<T> {
  private readonly entries = new Map<string, { version: string; value: T }>();

  constructor(private readonly maxEntries: number) {}

  /** The value computed at `version`, if there is one. */
  get(key: string, version: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.version !== version) return undefined;
    // Most recently used last, so the oldest entry is the first to go.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, version: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { version, value });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
