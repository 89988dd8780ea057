import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { sendWebhook } from './webhook-sender';

describe('sendWebhook', () => {
  let server: Server;
  let port: number;
  let handle: (req: IncomingMessage, res: ServerResponse) => void;
  const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        handle(req, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => (received.length = 0));

  const send = (
    path: string,
    overrides: { timeoutMs?: number; allowPrivateTargets?: boolean; host?: string } = {},
  ) =>
    sendWebhook({
      url: `http://${overrides.host ?? '127.0.0.1'}:${port}${path}`,
      body: '{"id":"e1"}',
      headers: { 'NextPanel-Event-Id': 'e1' },
      timeoutMs: overrides.timeoutMs ?? 2000,
      allowPrivateTargets: overrides.allowPrivateTargets ?? true,
    });

  it('POSTs the body as JSON with the given headers and keeps the first kilobyte of the answer', async () => {
    handle = (_req, res) => res.writeHead(202).end('y'.repeat(5000));
    const attempt = await send('/ok');
    expect(attempt).toMatchObject({ ok: true, status: 202, error: null });
    expect(attempt.excerpt).toBe('y'.repeat(1024));
    expect(attempt.latencyMs).toEqual(expect.any(Number));
    expect(received[0]).toMatchObject({
      body: '{"id":"e1"}',
      headers: expect.objectContaining({
        'content-type': 'application/json',
        'nextpanel-event-id': 'e1',
        'user-agent': 'NextPanel-Billing-Webhooks/1',
      }),
    });
  });

  it('does not follow a redirect: it is a failure', async () => {
    handle = (_req, res) => res.writeHead(302, { Location: 'http://169.254.169.254/' }).end();
    const attempt = await send('/moved');
    expect(attempt).toMatchObject({
      ok: false,
      status: 302,
      error: 'HTTP 302: redirects are not followed (Location: http://169.254.169.254/)',
    });
    expect(received).toHaveLength(1);
  });

  it('gives up on a receiver that does not answer in time', async () => {
    handle = () => undefined; // never answers
    const attempt = await send('/slow', { timeoutMs: 200 });
    expect(attempt).toMatchObject({ ok: false, status: null, error: 'no answer within 200 ms' });
  });

  it('refuses to connect to a name that resolves to a non-public address unless allowed', async () => {
    handle = (_req, res) => res.writeHead(200).end('ok');
    const refused = await send('/x', { host: 'localhost', allowPrivateTargets: false });
    expect(refused.ok).toBe(false);
    expect(refused.error).toMatch(
      /^Not sent: localhost resolves to (127\.0\.0\.1|::1), a loopback address/,
    );
    expect(received).toHaveLength(0);
    const allowed = await send('/x', { host: 'localhost', allowPrivateTargets: true });
    // localhost may resolve to ::1 first, where nothing listens; either way it was not refused.
    expect(allowed.error ?? '').not.toMatch(/Not sent/);
  });
});
