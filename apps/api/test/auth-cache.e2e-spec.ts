import { createServer, Server, Socket } from 'node:net';
import { JwtService } from '@nestjs/jwt';
import { UserRole } from '@nextpanel/shared';
import request from 'supertest';
import { hashPassword } from '../src/auth/password-hasher';
import {
  LISTENER_APPLICATION_NAME,
  PrincipalCache,
  PrincipalCacheOptions,
} from '../src/auth/principal-cache';
import { UsersService } from '../src/users/users.service';
import { loginAs } from './support/auth-helpers';
import { createTestApp, TEST_JWT_SECRET, TestApp } from './support/test-app';
import { adminQuery } from './support/test-database';
import { waitFor } from './support/wait-for';

const ADMIN_ROUTE = '/api/v1/nextpanel/servers';
const CUSTOMER_ROUTE = '/api/v1/my/orders';
const jwt = new JwtService({ secret: TEST_JWT_SECRET });

/**
 * A notification reaches the cache on its own connection, a moment after the writer's COMMIT
 * returned; a request sent right after the write can still be served from the cache in that
 * moment. That window is the price of the cache, so these tests allow it, at most 2 s.
 */
const NOTIFICATION_DELAY_MS = 2_000;

let userSequence = 0;

async function insertUser(
  testApp: TestApp,
  role: UserRole,
): Promise<{ id: number; token: string }> {
  userSequence += 1;
  const rows: Array<{ id: number }> = await testApp.dataSource.query(
    `INSERT INTO users (email, password_hash, full_name, role) VALUES ($1, $2, 'Cache Test', $3) RETURNING id`,
    [`cache${userSequence}-${Date.now()}@example.com`, await hashPassword('Whatever123!'), role],
  );
  const id = rows[0].id;
  // The token claims the role it was issued with; the guard must not believe it.
  return { id, token: jwt.sign({ sub: String(id), role }) };
}

async function statusOf(testApp: TestApp, token: string, path = ADMIN_ROUTE): Promise<number> {
  return (await request(testApp.http).get(path).set('Authorization', `Bearer ${token}`)).status;
}

/** How many statements read the users table while `work` ran, from TypeORM's own query log. */
async function usersQueriesDuring(testApp: TestApp, work: () => Promise<unknown>): Promise<number> {
  const spy = jest.spyOn(testApp.dataSource.logger, 'logQuery');
  try {
    await work();
    return spy.mock.calls.filter(([sql]) => /\bFROM "users"/i.test(sql)).length;
  } finally {
    spy.mockRestore();
  }
}

/** Repeats the request until it gets `expected`; returns how many tries that took. */
async function expectStatusWithin(
  testApp: TestApp,
  token: string,
  expected: number,
  path = ADMIN_ROUTE,
): Promise<number> {
  const deadline = Date.now() + NOTIFICATION_DELAY_MS;
  for (let attempt = 1; ; attempt++) {
    const status = await statusOf(testApp, token, path);
    if (status === expected) return attempt;
    if (Date.now() > deadline)
      throw new Error(`still ${status} instead of ${expected} after ${NOTIFICATION_DELAY_MS} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Rows of this test database's auth listener connection(s) in pg_stat_activity. */
async function listenerPids(testApp: TestApp): Promise<number[]> {
  const rows: Array<{ pid: number }> = await testApp.dataSource.query(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
    [LISTENER_APPLICATION_NAME],
  );
  return rows.map((row) => row.pid);
}

describe('principal cache', () => {
  let testApp: TestApp;
  let cache: PrincipalCache;

  beforeAll(async () => {
    testApp = await createTestApp();
    cache = testApp.app.get(PrincipalCache);
  });
  afterAll(() => testApp.close());

  it('listens on its own, findable connection', async () => {
    expect(cache.serving).toBe(true);
    expect(await listenerPids(testApp)).toHaveLength(1);
  });

  it('answers a repeated request without a users query', async () => {
    const admin = await insertUser(testApp, UserRole.Admin);
    expect(await usersQueriesDuring(testApp, () => statusOf(testApp, admin.token))).toBe(1);
    let status = 0;
    expect(
      await usersQueriesDuring(
        testApp,
        async () => (status = await statusOf(testApp, admin.token)),
      ),
    ).toBe(0);
    expect(status).toBe(200);
  });

  it('takes admin routes from a cached admin demoted by SQL', async () => {
    const admin = await insertUser(testApp, UserRole.Admin);
    expect(await statusOf(testApp, admin.token)).toBe(200);
    expect(await usersQueriesDuring(testApp, () => statusOf(testApp, admin.token))).toBe(0);

    await testApp.dataSource.query(`UPDATE users SET role = 'customer' WHERE id = $1`, [admin.id]);
    await expectStatusWithin(testApp, admin.token, 403);
    // It is a customer now, whatever its token says.
    expect(await statusOf(testApp, admin.token, CUSTOMER_ROUTE)).toBe(200);
  });

  it.each([
    ['deactivated', `UPDATE users SET is_active = false WHERE id = $1`],
    ['deleted', `DELETE FROM users WHERE id = $1`],
  ])('locks out a cached user %s by SQL', async (_case, sql) => {
    const admin = await insertUser(testApp, UserRole.Admin);
    expect(await statusOf(testApp, admin.token)).toBe(200);
    expect(await usersQueriesDuring(testApp, () => statusOf(testApp, admin.token))).toBe(0);

    await testApp.dataSource.query(sql, [admin.id]);
    await expectStatusWithin(testApp, admin.token, 401);
  });

  it('takes effect at once for a change made through the API, notification or not', async () => {
    const adminToken = await loginAs(testApp);
    const customer = await insertUser(testApp, UserRole.Customer);
    expect(await statusOf(testApp, customer.token, CUSTOMER_ROUTE)).toBe(200);
    expect(
      await usersQueriesDuring(testApp, () => statusOf(testApp, customer.token, CUSTOMER_ROUTE)),
    ).toBe(0);

    // Notifications are dropped here, so only the API's own eviction can lock the customer out.
    const dropped = jest
      .spyOn(cache as unknown as { onNotification(): void }, 'onNotification')
      .mockImplementation(() => undefined);
    try {
      await request(testApp.http)
        .patch(`/api/v1/customers/${customer.id}`)
        .set('Authorization', `Bearer ${adminToken}`)
        .send({ is_active: false })
        .expect(200);
      expect(await statusOf(testApp, customer.token, CUSTOMER_ROUTE)).toBe(401);
    } finally {
      dropped.mockRestore();
    }
  });

  it('does not store a lookup that read the user before an eviction of that user', async () => {
    const admin = await insertUser(testApp, UserRole.Admin);
    const users = testApp.app.get(UsersService);
    const original = users.findActiveById.bind(users);
    let readDone!: () => void;
    const read = new Promise<void>((resolve) => (readDone = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // The lookup reads the still-active admin, then is held until the demotion has been
    // committed and its notification handled, then finishes with what it read.
    const lookup = jest.spyOn(users, 'findActiveById').mockImplementationOnce(async (id) => {
      const user = await original(id);
      readDone();
      await released;
      return user;
    });
    const evicted = new Promise<void>((resolve) => {
      const evict = cache.evict.bind(cache);
      jest.spyOn(cache, 'evict').mockImplementation((id) => {
        evict(id);
        if (id === admin.id) resolve();
      });
    });
    try {
      const first = request(testApp.http)
        .get(ADMIN_ROUTE)
        .set('Authorization', `Bearer ${admin.token}`)
        .then((response) => response.status);
      await read;
      await testApp.dataSource.query(`UPDATE users SET role = 'customer' WHERE id = $1`, [
        admin.id,
      ]);
      await evicted;
      release();
      // That request was already let through with what it read before the change…
      expect(await first).toBe(200);
      // …but must not have left it in the cache for the next one.
      expect(await statusOf(testApp, admin.token)).toBe(403);
    } finally {
      lookup.mockRestore();
      jest.restoreAllMocks();
    }
  });

  it('serves nothing while its connection is down and recovers after', async () => {
    const admin = await insertUser(testApp, UserRole.Admin);
    expect(await statusOf(testApp, admin.token)).toBe(200);
    expect(await usersQueriesDuring(testApp, () => statusOf(testApp, admin.token))).toBe(0);

    const [listenerPid] = await listenerPids(testApp);
    await testApp.dataSource.query(`SELECT pg_terminate_backend($1)`, [listenerPid]);
    await waitFor('the cache to notice', async () => !cache.serving, 2_000);
    expect(cache.size).toBe(0);

    // Changed while nobody listens: this notification is never heard.
    await testApp.dataSource.query(`UPDATE users SET is_active = false WHERE id = $1`, [admin.id]);
    expect(await statusOf(testApp, admin.token)).toBe(401);

    await waitFor('the cache to listen again', async () => cache.serving, 5_000);
    const [newPid] = await listenerPids(testApp);
    expect(newPid).not.toBe(listenerPid);
    // Nothing from before the outage came back.
    expect(await statusOf(testApp, admin.token)).toBe(401);

    await testApp.dataSource.query(`UPDATE users SET is_active = true WHERE id = $1`, [admin.id]);
    await expectStatusWithin(testApp, admin.token, 200);
    // The reactivation's own notification may arrive after the request that cached the user and
    // evict it once more: the cache has recovered when a request is served without a lookup.
    await waitFor(
      'the cache to serve the user again',
      async () => (await usersQueriesDuring(testApp, () => statusOf(testApp, admin.token))) === 0,
      2_000,
    );
  });

  it('never logs a user beyond the id', async () => {
    const logs = testApp.logs.join('');
    expect(logs).toContain('Principal cache connection lost');
    expect(logs).not.toMatch(/cache\d+-\d+@example\.com/);
  });
});

describe('principal cache on its own', () => {
  let testApp: TestApp;
  const caches: PrincipalCache[] = [];

  // The app's own cache is off here, so the one listener on this database is the test's.
  beforeAll(async () => {
    testApp = await createTestApp({ AUTH_CACHE_TTL_MS: '0' });
  });
  afterEach(async () => {
    await Promise.all(caches.splice(0).map((cache) => cache.onModuleDestroy()));
  });
  afterAll(() => testApp.close());

  async function startCache(options: Partial<PrincipalCacheOptions> = {}): Promise<PrincipalCache> {
    const cache = new PrincipalCache({
      databaseUrl: testApp.database.url,
      ttlMs: 60_000,
      ...options,
    });
    caches.push(cache);
    await cache.onModuleInit();
    return cache;
  }

  const principal = (id: number) => ({ id, email: `u${id}@example.com`, role: UserRole.Admin });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const cache = await startCache({ maxEntries: 2 });
    for (const id of [1, 2, 3]) cache.store(principal(id), cache.beginFill());
    expect(cache.get(1)).toBeUndefined();
    expect(cache.get(2)).toEqual(principal(2));
    expect(cache.get(3)).toEqual(principal(3));
  });

  it('forgets an entry after its TTL', async () => {
    const cache = await startCache({ ttlMs: 50 });
    cache.store(principal(1), cache.beginFill());
    expect(cache.get(1)).toEqual(principal(1));
    await new Promise((r) => setTimeout(r, 80));
    expect(cache.get(1)).toBeUndefined();
  });

  it('is evicted by the trigger only for changes that matter to authentication', async () => {
    const cache = await startCache();
    const kept = await insertUser(testApp, UserRole.Customer);
    const changed = await insertUser(testApp, UserRole.Customer);
    for (const { id } of [kept, changed]) cache.store(principal(id), cache.beginFill());

    // A name, a login time, a role set to what it was: no notification.
    await testApp.dataSource.query(
      `UPDATE users SET full_name = 'Renamed', last_login_at = now(), role = role WHERE id = $1`,
      [kept.id],
    );
    // Notifications arrive in commit order: once this one is heard, the one above would have been.
    await testApp.dataSource.query(`UPDATE users SET email = 'new-' || email WHERE id = $1`, [
      changed.id,
    ]);
    await waitFor('the eviction', async () => cache.get(changed.id) === undefined, 2_000);
    expect(cache.get(kept.id)).toEqual(principal(kept.id));

    await testApp.dataSource.query(`UPDATE users SET password_hash = 'x' WHERE id = $1`, [kept.id]);
    await waitFor('the eviction', async () => cache.get(kept.id) === undefined, 2_000);
  });

  it('refuses a fill that began before an eviction or before a reconnect', async () => {
    const cache = await startCache({ reconnectBaseMs: 20, reconnectMaxMs: 50 });
    const beforeEviction = cache.beginFill();
    cache.evict(99);
    cache.store(principal(1), beforeEviction);
    expect(cache.get(1)).toBeUndefined();

    const beforeOutage = cache.beginFill();
    const [pid] = await listenerPids(testApp);
    await adminQuery(`SELECT pg_terminate_backend(${Number(pid)})`);
    await waitFor('the cache to notice', async () => !cache.serving, 2_000);
    expect(cache.beginFill()).toBeNull();
    await waitFor('the cache to listen again', async () => cache.serving, 5_000);
    cache.store(principal(1), beforeOutage);
    expect(cache.get(1)).toBeUndefined();
    cache.store(principal(1), cache.beginFill());
    expect(cache.get(1)).toEqual(principal(1));
  });

  it('stops serving when its connection silently stops answering, and recovers', async () => {
    const proxy = await BlackholeProxy.start(new URL(testApp.database.url));
    try {
      const cache = await startCache({
        databaseUrl: proxy.urlFor(testApp.database.url),
        livenessIntervalMs: 100,
        livenessTimeoutMs: 300,
        reconnectBaseMs: 20,
        reconnectMaxMs: 100,
      });
      expect(cache.serving).toBe(true);
      cache.store(principal(1), cache.beginFill());
      expect(cache.get(1)).toEqual(principal(1));

      // No error, no FIN: the bytes just stop arriving, as behind a dead NAT entry.
      proxy.blackhole();
      await waitFor('the liveness check to give up', async () => !cache.serving, 3_000);
      expect(cache.get(1)).toBeUndefined();
      expect(cache.size).toBe(0);

      proxy.heal();
      await waitFor('the cache to listen again', async () => cache.serving, 5_000);
      cache.store(principal(1), cache.beginFill());
      expect(cache.get(1)).toEqual(principal(1));
      await cache.onModuleDestroy();
      expect(cache.serving).toBe(false);
    } finally {
      await proxy.close();
    }
  });
});

describe('principal cache shutdown', () => {
  it('closes its connection with the app', async () => {
    const testApp = await createTestApp();
    try {
      expect(await listenerPids(testApp)).toHaveLength(1);
      await testApp.app.close();
      await waitFor(
        'the listener to disconnect',
        async () => {
          const rows = (await adminQuery(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = '${testApp.database.name}' AND application_name = '${LISTENER_APPLICATION_NAME}'`,
          )) as { rows: Array<{ n: number }> };
          return rows.rows[0].n === 0;
        },
        2_000,
      );
    } finally {
      await testApp.database.drop();
    }
  });
});

describe('with AUTH_CACHE_TTL_MS=0', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ AUTH_CACHE_TTL_MS: '0' });
  });
  afterAll(() => testApp.close());

  it('opens no listener and looks the user up on every request', async () => {
    expect(testApp.app.get(PrincipalCache).serving).toBe(false);
    expect(await listenerPids(testApp)).toEqual([]);
    const admin = await insertUser(testApp, UserRole.Admin);
    const queries = await usersQueriesDuring(testApp, async () => {
      for (let i = 0; i < 3; i++) expect(await statusOf(testApp, admin.token)).toBe(200);
    });
    expect(queries).toBe(3);
  });
});

/**
 * A TCP proxy to PostgreSQL that can black-hole its connections: they stay open but nothing
 * gets through, the failure no socket event reports. New connections are refused meanwhile.
 */
class BlackholeProxy {
  private blackholed = false;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(target: URL): Promise<BlackholeProxy> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const proxy = new BlackholeProxy(
      server,
      typeof address === 'object' && address ? address.port : 0,
    );
    server.on('connection', (client) => proxy.forward(client, target));
    return proxy;
  }

  urlFor(databaseUrl: string): string {
    const url = new URL(databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  blackhole(): void {
    this.blackholed = true;
  }

  heal(): void {
    this.blackholed = false;
    for (const socket of this.sockets) socket.destroy();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private forward(client: Socket, target: URL): void {
    if (this.blackholed) {
      client.destroy();
      return;
    }
    const upstream = new Socket();
    upstream.connect(Number(target.port || 5432), target.hostname);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.sockets.add(from);
      from.on('data', (chunk) => {
        if (!this.blackholed) to.write(chunk);
      });
      from.on('error', () => to.destroy());
      from.on('close', () => {
        this.sockets.delete(from);
        to.destroy();
      });
    }
  }
}
