import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface RecordedStripeRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The form-encoded body, decoded into its flat keys (`line_items[0][price_data][unit_amount]`). */
  form: Record<string, string>;
  /** The query string of a GET, decoded the same way (`created[gte]`, `starting_after`). */
  query: Record<string, string>;
}

/** A Stripe object as the stub keeps it: plain JSON with at least an id and a `created` time. */
export type StubObject = Record<string, unknown> & { id: string; created: number };

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/**
 * A local HTTP server standing in for api.stripe.com, so tests exercise the real Stripe SDK
 * (pointed here with its host/port/protocol options) without internet. It answers Checkout
 * Session creation like Stripe does, keeps the sessions it opened and the invoices a test adds,
 * serves them from Stripe's list endpoints (newest first, `created`/`status`/`subscription`
 * filters, `limit` with `has_more` and `starting_after`/`ending_before` cursors, as documented at
 * https://docs.stripe.com/api/pagination), and records every request the SDK sends.
 */
export class StripeApiStub {
  readonly requests: RecordedStripeRequest[] = [];
  readonly sessions = new Map<string, StubObject>();
  readonly invoices = new Map<string, StubObject>();
  private server: Server | undefined;
  private sessionSequence = 0;
  private invoiceSequence = 0;
  /** Insertion order breaks ties between objects created in the same second, as ids do at Stripe. */
  private readonly insertedAt = new Map<string, number>();
  private insertions = 0;
  failNext = 0;
  /** The most a list page holds whatever `limit` asks for; lower it to make tests page. */
  maxPageSize = 100;

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** Marks a session the way Stripe does once the customer paid, and returns it (a webhook's object). */
  completeSession(id: string, changes: Record<string, unknown> = {}): StubObject {
    return this.updateSession(id, { status: 'complete', payment_status: 'paid', ...changes });
  }

  updateSession(id: string, changes: Record<string, unknown>): StubObject {
    const session = this.sessions.get(id);
    if (!session) throw new Error(`The stub opened no session ${id}`);
    Object.assign(session, changes);
    return session;
  }

  /** A session opened outside this test's checkout call (another order, an older day). */
  addSession(fields: Partial<StubObject>): StubObject {
    const id = fields.id ?? `cs_test_stub_${++this.sessionSequence}`;
    return this.keep(this.sessions, {
      object: 'checkout.session',
      mode: 'subscription',
      status: 'open',
      payment_status: 'unpaid',
      metadata: {},
      ...fields,
      id,
      created: fields.created ?? nowSeconds(),
    });
  }

  addInvoice(fields: Partial<StubObject>): StubObject {
    const id = fields.id ?? `in_test_stub_${++this.invoiceSequence}`;
    return this.keep(this.invoices, {
      object: 'invoice',
      status: 'paid',
      currency: 'usd',
      ...fields,
      id,
      created: fields.created ?? nowSeconds(),
    });
  }

  /** How many list requests went to `path` (e.g. `/v1/invoices`), counting every page. */
  listCalls(path: string): RecordedStripeRequest[] {
    return this.requests.filter((r) => r.method === 'GET' && r.path.split('?')[0] === path);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://stub');
        const form = Object.fromEntries(new URLSearchParams(body));
        const query = Object.fromEntries(url.searchParams);
        this.requests.push({
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          form,
          query,
        });
        res.setHeader('Content-Type', 'application/json');
        if (this.failNext > 0) {
          this.failNext -= 1;
          return fail(res, 400, 'Stub refused the request');
        }
        if (req.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
          const session = this.addSession({
            mode: form.mode,
            metadata: { order_id: form['metadata[order_id]'] },
            client_reference_id: form.client_reference_id,
            customer_email: form.customer_email,
          });
          session.url = `https://checkout.stripe.test/c/pay/${session.id}`;
          res.end(JSON.stringify(session));
          return;
        }
        if (req.method === 'GET' && url.pathname === '/v1/checkout/sessions')
          return this.list(res, url.pathname, this.sessions, query);
        if (req.method === 'GET' && url.pathname === '/v1/invoices')
          return this.list(res, url.pathname, this.invoices, query);
        const retrieved = /^\/v1\/(checkout\/sessions|invoices)\/([^/]+)$/.exec(url.pathname);
        if (req.method === 'GET' && retrieved) {
          const store = retrieved[1] === 'invoices' ? this.invoices : this.sessions;
          const found = store.get(decodeURIComponent(retrieved[2]));
          if (!found)
            return fail(res, 404, `No such object: '${retrieved[2]}'`, 'resource_missing');
          res.end(JSON.stringify(found));
          return;
        }
        fail(res, 404, `No stub for ${req.method} ${req.url}`);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private keep(store: Map<string, StubObject>, object: StubObject): StubObject {
    store.set(object.id, object);
    this.insertedAt.set(object.id, ++this.insertions);
    return object;
  }

  private list(
    res: ServerResponse,
    path: string,
    store: Map<string, StubObject>,
    query: Record<string, string>,
  ): void {
    const limit = query.limit === undefined ? 10 : Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      return fail(res, 400, 'Invalid integer: limit must be between 1 and 100');
    const range = (bound: string): number | undefined =>
      query[`created[${bound}]`] === undefined ? undefined : Number(query[`created[${bound}]`]);
    const exact = query.created === undefined ? undefined : Number(query.created);
    const [gt, gte, lt, lte] = ['gt', 'gte', 'lt', 'lte'].map(range);
    // Newest first, like every Stripe list.
    const order = (a: StubObject, b: StubObject): number =>
      b.created - a.created || this.insertedAt.get(b.id)! - this.insertedAt.get(a.id)!;
    const matching = [...store.values()]
      .filter(
        (o) =>
          (exact === undefined || o.created === exact) &&
          (gt === undefined || o.created > gt) &&
          (gte === undefined || o.created >= gte) &&
          (lt === undefined || o.created < lt) &&
          (lte === undefined || o.created <= lte) &&
          (query.status === undefined || o.status === query.status) &&
          (query.subscription === undefined || subscriptionOf(o) === query.subscription),
      )
      .sort(order);
    const cursorId = query.starting_after ?? query.ending_before;
    let window = matching;
    if (cursorId !== undefined) {
      const cursor = store.get(cursorId);
      if (!cursor) return fail(res, 400, `No such object: '${cursorId}'`, 'resource_missing');
      window =
        query.starting_after !== undefined
          ? matching.filter((o) => order(cursor, o) < 0)
          : matching.filter((o) => order(o, cursor) < 0).reverse();
    }
    const size = Math.min(limit, this.maxPageSize);
    let data = window.slice(0, size);
    // `ending_before` walks towards newer objects but still answers newest first.
    if (query.ending_before !== undefined) data = data.reverse();
    res.end(JSON.stringify({ object: 'list', url: path, has_more: window.length > size, data }));
  }
}

function subscriptionOf(object: StubObject): unknown {
  const parent = object.parent as { subscription_details?: { subscription?: unknown } } | undefined;
  return parent?.subscription_details?.subscription ?? object.subscription;
}

function fail(res: ServerResponse, status: number, message: string, code?: string): void {
  res.statusCode = status;
  res.end(JSON.stringify({ error: { type: 'invalid_request_error', message, code } }));
}
