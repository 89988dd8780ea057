/** A value and the version of the data it was computed from. */
export interface VersionedEntry<T> {
  version: string;
  readonly value: T;
}

/**
 * A bounded LRU of values each remembered with the version of the data it was computed from.
 * `get` answers only for that same version: exact as long as the version moves, in the writer's
 * own transaction, with every change the value could depend on (the customers list keys filtered
 * totals by `customer_stats.version`). `latest` hands out the entry whatever its version, for a
 * caller that can prove the value still holds at a newer one and then `advance`s it (search pages,
 * through `customer_row_changes`). An entry nobody can vouch for is replaced or ages out.
 */
export class VersionedCache<T> {
  private readonly entries = new Map<string, VersionedEntry<T>>();

  constructor(private readonly maxEntries: number) {}

  /** The value computed at `version`, if there is one. */
  get(key: string, version: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.version !== version) return undefined;
    this.touch(key, entry);
    return entry.value;
  }

  /** The entry for `key`, whichever version it was computed at. */
  latest(key: string): VersionedEntry<T> | undefined {
    const entry = this.entries.get(key);
    if (entry) this.touch(key, entry);
    return entry;
  }

  /**
   * Records that `entry`'s value also holds at the newer `version`. Ignored when the entry was
   * replaced meanwhile (its successor may be newer still) or already stands at a newer version.
   */
  advance(key: string, entry: VersionedEntry<T>, version: string): void {
    if (this.entries.get(key) === entry && BigInt(version) > BigInt(entry.version)) {
      entry.version = version;
    }
  }

  set(key: string, version: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { version, value });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  /** Most recently used last, so the oldest entry is the first to go. */
  private touch(key: string, entry: VersionedEntry<T>): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
  }
}
