import { performance } from 'node:perf_hooks';
import { Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { UserRole } from '@nextpanel/shared';
import { Client, Notification } from 'pg';
import { backoffDelayMs } from '../jobs/backoff';

/** Sent by the `users` trigger (migration 1764300000000) with the user's id, on commit. */
export const USER_AUTH_CHANNEL = 'user_auth_changed';
/** How the listener shows up in pg_stat_activity (operators and tests find it by this name). */
export const LISTENER_APPLICATION_NAME = 'nextpanel-auth-listener';

export interface CachedPrincipal {
  id: number;
  email: string;
  role: UserRole;
}

export interface PrincipalCacheOptions {
  databaseUrl: string;
  /** 0 disables the cache: no listener connection, every lookup misses. */
  ttlMs: number;
  maxEntries?: number;
  livenessIntervalMs?: number;
  livenessTimeoutMs?: number;
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
}

/**
 * A lookup's claim to store its result: the cache generation when the lookup began, or null when
 * the cache was not serving then (nothing may be stored from such a lookup).
 */
export type FillTicket = number | null;

interface Entry extends CachedPrincipal {
  /** performance.now() at store time: monotonic, so a clock step cannot stretch the TTL. */
  cachedAt: number;
}

/**
 * The users that JWTs name, kept in this process so an authenticated request needs no database
 * round trip. It is only as fresh as its invalidation, so it serves entries only while its own
 * connection is LISTENing on `user_auth_changed`: every committed change to a user's role, active
 * flag, email or password (or a delete), by any process or by hand in psql, evicts that user here.
 * When the connection fails, ends or stops answering, everything is dropped and nothing is served
 * until LISTEN has succeeded again; a change committed during the outage is then read afresh.
 */
export class PrincipalCache implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PrincipalCache.name);
  private readonly entries = new Map<number, Entry>();
  private readonly maxEntries: number;
  private readonly livenessIntervalMs: number;
  private readonly livenessTimeoutMs: number;
  private readonly reconnectBaseMs: number;
  private readonly reconnectMaxMs: number;
  /**
   * Bumped by every eviction, clear and (re)connect. A lookup that read the database before an
   * eviction may hold the state the eviction was about; comparing generations refuses to store it.
   */
  private generation = 0;
  private listening = false;
  private stopped = false;
  private client: Client | undefined;
  private connecting: Promise<void> | undefined;
  private failedAttempts = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private livenessTimer: NodeJS.Timeout | undefined;
  private probing = false;

  constructor(private readonly options: PrincipalCacheOptions) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.livenessIntervalMs = options.livenessIntervalMs ?? 15_000;
    this.livenessTimeoutMs = options.livenessTimeoutMs ?? 5_000;
    this.reconnectBaseMs = options.reconnectBaseMs ?? 250;
    this.reconnectMaxMs = options.reconnectMaxMs ?? 30_000;
  }

  get enabled(): boolean {
    return this.options.ttlMs > 0;
  }

  /** True while entries may be served: the listener connection is up and LISTENing. */
  get serving(): boolean {
    return this.listening;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Waits for the first LISTEN (or its failure), so the first requests can already be served. */
  async onModuleInit(): Promise<void> {
    if (this.enabled) await this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.livenessTimer);
    await this.connecting;
    this.stopServing();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  get(userId: number): CachedPrincipal | undefined {
    if (!this.listening) return undefined;
    const entry = this.entries.get(userId);
    if (!entry) return undefined;
    if (performance.now() - entry.cachedAt >= this.options.ttlMs) {
      this.entries.delete(userId);
      return undefined;
    }
    // A copy: request.user may be changed by whoever receives it; the entry must not be.
    return { id: entry.id, email: entry.email, role: entry.role };
  }

  /** Take before reading the user from the database; hand to `store` with the result. */
  beginFill(): FillTicket {
    return this.listening ? this.generation : null;
  }

  /** Stores an active user's principal, unless anything was evicted since `ticket` was taken. */
  store(principal: CachedPrincipal, ticket: FillTicket): void {
    if (ticket === null || ticket !== this.generation || !this.listening) return;
    this.entries.delete(principal.id);
    // Map order is insertion order and a re-store moves the key to the end: the first key is
    // always the oldest entry, the one to drop when full.
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(principal.id, {
      id: principal.id,
      email: principal.email,
      role: principal.role,
      cachedAt: performance.now(),
    });
  }

  /**
   * Forgets a user now. Called by this process right after it committed a change to the user, so
   * its own next request never waits for the notification that is on its way.
   */
  evict(userId: number): void {
    this.generation += 1;
    this.entries.delete(userId);
  }

  private stopServing(): void {
    this.listening = false;
    this.generation += 1;
    this.entries.clear();
  }

  private connect(): Promise<void> {
    this.connecting ??= this.openListener().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async openListener(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.options.databaseUrl,
      application_name: LISTENER_APPLICATION_NAME,
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
    });
    this.client = client;
    // An 'error' without a listener would crash the process; a late one from a client already
    // given up on is ignored by `lost`.
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    client.on('notification', (message) => this.onNotification(message));
    try {
      await client.connect();
      await client.query(`LISTEN ${USER_AUTH_CHANNEL}`);
    } catch (error) {
      this.lost(client, error as Error);
      return;
    }
    if (this.client !== client || this.stopped) return;
    // Lookups begun before this point may have read what a missed notification was about.
    this.generation += 1;
    this.listening = true;
    if (this.failedAttempts > 0) this.logger.log('Principal cache listening again');
    this.failedAttempts = 0;
    this.livenessTimer = setInterval(
      () => void this.checkLiveness(client),
      this.livenessIntervalMs,
    );
    this.livenessTimer.unref();
  }

  private onNotification(message: Notification): void {
    if (message.channel !== USER_AUTH_CHANNEL) return;
    const userId = Number(message.payload);
    if (Number.isSafeInteger(userId)) {
      this.evict(userId);
    } else {
      // Not a user id: whatever it was about, forgetting everyone is the safe reading.
      this.generation += 1;
      this.entries.clear();
    }
  }

  /**
   * A connection can die without an error (a dropped NAT entry, a frozen server): notifications
   * would silently stop while the cache went on serving. A round trip that does not come back in
   * time counts as a lost connection.
   */
  private async checkLiveness(client: Client): Promise<void> {
    if (this.probing || client !== this.client) return;
    this.probing = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer to the liveness check in ${this.livenessTimeoutMs} ms`)),
        this.livenessTimeoutMs,
      );
      timer.unref();
    });
    try {
      await Promise.race([client.query('SELECT 1'), timeout]);
    } catch (error) {
      this.lost(client, error as Error);
    } finally {
      clearTimeout(timer);
      this.probing = false;
    }
  }

  private lost(client: Client, error: Error): void {
    if (client !== this.client) return;
    this.client = undefined;
    const wasListening = this.listening;
    this.stopServing();
    clearInterval(this.livenessTimer);
    // With the liveness query still pending, end() destroys the socket instead of waiting for it.
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    if (wasListening || this.failedAttempts === 0) {
      this.logger.warn(
        { reason: error.message },
        'Principal cache connection lost; users are looked up on every request until it is back',
      );
    }
    this.failedAttempts += 1;
    const delay = backoffDelayMs(this.failedAttempts, this.reconnectBaseMs, this.reconnectMaxMs);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(), delay);
    this.reconnectTimer.unref();
  }
}
