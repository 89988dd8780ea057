import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import request from 'supertest';
import { loginAs } from './support/auth-helpers';
import { createTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';

/**
 * PostgreSQL itself stopped (fast shutdown: every session cut, queries in flight aborted) and
 * started again while requests keep coming, on a server of this test's own. The API must answer
 * every request it cannot serve with a retryable 503 in the error shape (never a 500, never a
 * hang), report the outage on /health, and serve again once the server is back, without a
 * restart; and no write may be half done.
 */
describe('a PostgreSQL restart with requests in flight', () => {
  let postgres: RestartablePostgres;
  let testApp: TestApp;
  let token: string;
  let sharedDatabaseUrl: string | undefined;

  beforeAll(async () => {
    postgres = await RestartablePostgres.start();
    // The test app creates its database on the server DATABASE_URL names (and drops it there).
    sharedDatabaseUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = postgres.url;
    testApp = await createTestApp();
    token = await loginAs(testApp);
  }, 120_000);

  afterAll(async () => {
    await testApp?.close();
    process.env.DATABASE_URL = sharedDatabaseUrl;
    await postgres?.end();
  });

  type Answer = {
    what: 'list' | 'details' | 'create';
    email?: string;
    status: number;
    body: Record<string, unknown>;
    retryAfter?: string;
  };

  it('answers 503 while it is down, reports it on /health, and serves again when it is back', async () => {
    const { body: first } = await request(testApp.http)
      .post('/api/v1/customers')
      .set('Authorization', `Bearer ${token}`)
      .send({ email: 'first@restart.test', password: 'Customer123!', full_name: 'First' })
      .expect(201);

    const answers: Answer[] = [];
    let sequence = 0;
    let running = true;
    const oneRequest = async (): Promise<Answer> => {
      const n = ++sequence;
      if (n % 3 === 0) {
        const email = `c${n}@restart.test`;
        const response = await request(testApp.http)
          .post('/api/v1/customers')
          .set('Authorization', `Bearer ${token}`)
          .send({ email, password: 'Customer123!', full_name: `Customer ${n}` });
        return answerOf('create', response, email);
      }
      const path =
        n % 3 === 1 ? '/api/v1/customers?page=1&page_size=20' : `/api/v1/customers/${first.id}`;
      const response = await request(testApp.http)
        .get(path)
        .set('Authorization', `Bearer ${token}`);
      return answerOf(n % 3 === 1 ? 'list' : 'details', response);
    };
    // Eight clients, each sending its next request when the last is answered.
    const clients = Array.from({ length: 8 }, async () => {
      while (running) {
        try {
          answers.push(await oneRequest());
        } catch (error) {
          // No HTTP answer at all (a hang is caught by the test's timeout).
          answers.push({ what: 'list', status: -1, body: { error: String(error) } });
        }
      }
    });

    await waitFor('traffic to be served', async () => answers.filter(ok).length >= 40);
    const beforeStop = answers.length;
    await postgres.stop();
    const down = await waitFor('/health to report the database down', async () => {
      const response = await request(testApp.http).get('/health');
      return response.status === 503 ? response : null;
    });
    expect(down.body).toMatchObject({
      status: 'error',
      checks: { database: { status: 'down' } },
    });
    // Down for a while: new connections refused, not only the sessions in flight cut.
    await waitFor(
      'requests to be refused while it is down',
      async () => answers.slice(beforeStop).filter((answer) => answer.status === 503).length >= 30,
    );

    await postgres.start();
    await waitFor('/health to report the database up', async () => {
      const response = await request(testApp.http).get('/health');
      return response.status === 200;
    });
    const atRecovery = answers.length;
    await waitFor('every kind of request to be served again', async () => {
      const since = answers.slice(atRecovery).filter(ok);
      return (['list', 'details', 'create'] as const).every((what) =>
        since.some((answer) => answer.what === what),
      );
    });
    running = false;
    await Promise.all(clients);

    // Every answer is a success or a retryable 503 in the one error shape.
    const unexpected = answers.filter((answer) => !ok(answer) && answer.status !== 503);
    expect({ answers: tally(answers), unexpected: unexpected.slice(0, 3) }).toEqual({
      answers: expect.anything(),
      unexpected: [],
    });
    const refused = answers.filter((answer) => answer.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) {
      expect(answer.body).toMatchObject({
        statusCode: 503,
        error: expect.any(String),
        message: expect.any(String),
        code: 'SERVICE_UNAVAILABLE',
      });
      expect(answer.retryAfter).toBe('1');
    }

    // Nothing half done: each created customer is there, whole; a refused create is either
    // wholly there (its commit made it, the answer did not) or wholly absent, and the
    // trigger-kept total still equals a count.
    const created = answers.filter((a) => a.what === 'create' && a.status === 201);
    const rows: Array<{ email: string; search_text: string }> = await testApp.dataSource.query(
      `SELECT email, search_text FROM users WHERE email LIKE '%@restart.test'`,
    );
    const stored = new Map(rows.map((row) => [row.email, row.search_text]));
    for (const answer of created) {
      expect(stored.get(answer.email as string)).toContain(answer.email);
    }
    const [stats] = await testApp.dataSource.query(
      `SELECT customers, (SELECT count(*) FROM users WHERE role = 'customer') AS counted FROM customer_stats`,
    );
    expect(Number(stats.customers)).toBe(Number(stats.counted));
    // A refused create, sent again, is created now or found taken: never an error.
    for (const answer of answers.filter((a) => a.what === 'create' && a.status === 503)) {
      const again = await request(testApp.http)
        .post('/api/v1/customers')
        .set('Authorization', `Bearer ${token}`)
        .send({ email: answer.email, password: 'Customer123!', full_name: 'Again' });
      expect([201, 409]).toContain(again.status);
      expect(again.status === 409).toBe(stored.has(answer.email as string));
    }
  }, 120_000);

  function answerOf(what: Answer['what'], response: request.Response, email?: string): Answer {
    return {
      what,
      email,
      status: response.status,
      body: response.body as Record<string, unknown>,
      retryAfter: response.headers['retry-after'] as string | undefined,
    };
  }

  /** How many answers of each kind and status, for a failure's message. */
  function tally(answers: Answer[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const { what, status } of answers)
      counts[`${what} ${status}`] = (counts[`${what} ${status}`] ?? 0) + 1;
    return counts;
  }

  function ok(answer: Answer): boolean {
    return answer.status === (answer.what === 'create' ? 201 : 200);
  }
});

/** test/support/restartable-postgres.mjs, driven over its stdio. */
class RestartablePostgres {
  private readonly events: Array<{ event: string; url?: string; message?: string }> = [];
  private waiting?: () => void;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    public url = '',
  ) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      this.events.push(JSON.parse(line));
      this.waiting?.();
    });
    child.stderr.resume();
  }

  static async start(): Promise<RestartablePostgres> {
    const child = spawn(process.execPath, [join(__dirname, 'support/restartable-postgres.mjs')]);
    const postgres = new RestartablePostgres(child);
    postgres.url = (await postgres.next('ready')).url as string;
    return postgres;
  }

  async stop(): Promise<void> {
    this.child.stdin.write('stop\n');
    await this.next('stopped');
  }

  async start(): Promise<void> {
    this.child.stdin.write('start\n');
    await this.next('ready');
  }

  async end(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin.end();
    await exited;
  }

  private async next(event: string): Promise<{ url?: string }> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const found = this.events.shift();
      if (found?.event === 'error') throw new Error(`restartable PostgreSQL: ${found.message}`);
      if (found?.event === event) return found;
      if (found) continue;
      if (Date.now() > deadline) throw new Error(`restartable PostgreSQL: no ${event} in 60 s`);
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
        setTimeout(resolve, 200);
      });
    }
  }
}
