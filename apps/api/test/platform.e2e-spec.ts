import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import request from 'supertest';
import { adminQuery } from './support/test-database';
import { createTestApp, TestApp } from './support/test-app';

describe('platform', () => {
  let testApp: TestApp;

  /** Bytes as written, for what supertest would encode or refuse to send; the answer as read. */
  async function rawRequest(
    text: string,
  ): Promise<{ status: number; headers: string; body: string }> {
    if (!testApp.http.listening) {
      await new Promise<void>((resolve) => testApp.http.listen(0, '127.0.0.1', resolve));
    }
    const { port } = testApp.http.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    socket.end(Buffer.from(text, 'utf8'));
    const chunks: Buffer[] = [];
    for await (const chunk of socket) chunks.push(chunk as Buffer);
    const answer = Buffer.concat(chunks).toString('utf8');
    const [head, ...rest] = answer.split('\r\n\r\n');
    return { status: Number(head.split(' ')[1]), headers: head, body: rest.join('\r\n\r\n') };
  }

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  describe('GET /health', () => {
    it('reports ok with the database checked, without a token', async () => {
      const response = await request(testApp.http).get('/health').expect(200);
      expect(response.body).toEqual({
        status: 'ok',
        version: expect.any(String),
        uptime_seconds: expect.any(Number),
        checks: { database: { status: 'up', latency_ms: expect.any(Number) } },
      });
    });

    it('answers 503 while the database is unreachable, and recovers', async () => {
      const name = testApp.database.name;
      await adminQuery(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await adminQuery(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`,
      );
      try {
        const response = await request(testApp.http).get('/health').expect(503);
        expect(response.body).toMatchObject({
          status: 'error',
          checks: { database: { status: 'down' } },
        });
      } finally {
        await adminQuery(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      }
      await request(testApp.http).get('/health').expect(200);
    });
  });

  describe('error shape', () => {
    it('answers malformed JSON with 400', async () => {
      const response = await request(testApp.http)
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"email": "admin@test.com", ')
        .expect(400);
      expect(response.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Malformed JSON in request body',
        code: 'MALFORMED_JSON',
        request_id: expect.any(String),
      });
    });

    it('answers an oversized body with 413', async () => {
      const response = await request(testApp.http)
        .post('/api/v1/auth/login')
        .send({ email: 'a@b.co', password: 'x'.repeat(2 * 1024 * 1024) })
        .expect(413);
      expect(response.body).toMatchObject({
        statusCode: 413,
        error: 'Payload Too Large',
        code: 'PAYLOAD_TOO_LARGE',
      });
    });

    it('answers an unknown route with 404 in the error shape', async () => {
      const response = await request(testApp.http).get('/api/v1/no-such-thing').expect(404);
      expect(response.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: 'Route not found',
        code: 'NOT_FOUND',
        request_id: expect.any(String),
      });
    });

    it('keeps a sane caller request id and echoes it', async () => {
      const response = await request(testApp.http)
        .get('/api/v1/nothing')
        .set('X-Request-Id', 'trace-abc-123')
        .expect(404);
      expect(response.headers['x-request-id']).toBe('trace-abc-123');
      expect(response.body.request_id).toBe('trace-abc-123');
      const hostile = await request(testApp.http)
        .get('/api/v1/nothing')
        .set('X-Request-Id', '<script>')
        .expect(404);
      expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('request bodies and URLs', () => {
    const login = () => request(testApp.http).post('/api/v1/auth/login');
    const errorOf = (code: string, statusCode: number) => ({
      statusCode,
      error: expect.any(String),
      message: expect.any(String),
      code,
      request_id: expect.any(String),
    });

    it('refuses a body in a media type it does not read with 415, before any handler runs', async () => {
      const response = await login()
        .set('Content-Type', 'text/plain')
        .send('email=admin@test.com')
        .expect(415);
      expect(response.body).toEqual(errorOf('UNSUPPORTED_MEDIA_TYPE', 415));
      expect(response.body.message).toBe(
        'Unsupported Content-Type: send the body as application/json',
      );
      expect(response.headers['x-request-id']).toBe(response.body.request_id);
    });

    it('refuses a body sent without a Content-Type with 415', async () => {
      const response = await rawRequest(
        'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}',
      );
      expect(response.status).toBe(415);
      expect(JSON.parse(response.body)).toEqual(errorOf('UNSUPPORTED_MEDIA_TYPE', 415));
    });

    it('answers a request line Node cannot parse (raw UTF-8 in the URL) in the error shape', async () => {
      const response = await rawRequest(
        'GET /api/v1/customers?search=Do\u00e9 HTTP/1.1\r\nHost: x\r\n\r\n',
      );
      expect(response.status).toBe(400);
      expect(response.headers).toMatch(/content-type: application\/json; charset=utf-8/i);
      expect(JSON.parse(response.body)).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'The request could not be parsed as HTTP',
        code: 'VALIDATION_FAILED',
      });
    });

    it('answers headers over Node’s size limit with 431 in the error shape', async () => {
      const response = await rawRequest(
        `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      );
      expect(response.status).toBe(431);
      expect(JSON.parse(response.body)).toMatchObject({
        statusCode: 431,
        code: 'VALIDATION_FAILED',
      });
    });

    it('refuses a JSON body in a charset other than UTF-8 with 415', async () => {
      const response = await login()
        .set('Content-Type', 'application/json; charset=utf-16')
        .send('{"email":"a@b.co"}')
        .expect(415);
      expect(response.body).toEqual(errorOf('UNSUPPORTED_MEDIA_TYPE', 415));
    });

    it.each(['"admin@test.com"', '42', 'null', 'true'])(
      'answers a top-level JSON %s (not an object or array) as malformed',
      async (body) => {
        const response = await login()
          .set('Content-Type', 'application/json')
          .send(body)
          .expect(400);
        expect(response.body).toEqual(errorOf('MALFORMED_JSON', 400));
      },
    );

    it('treats an empty JSON body as {} (field validation answers, not the parser)', async () => {
      const response = await login().set('Content-Type', 'application/json').send('').expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'email' })]),
      );
    });

    it('refuses prototype-poisoning keys', async () => {
      const response = await login()
        .set('Content-Type', 'application/json')
        .send('{"email":"admin@test.com","password":"Admin123!","__proto__":{"role":"admin"}}')
        .expect(400);
      expect(response.body).toEqual(errorOf('VALIDATION_FAILED', 400));
      expect(response.body.message).toMatch(/__proto__/);
    });

    it('reads a JSON body with an explicit UTF-8 charset and non-ASCII text', async () => {
      const response = await login()
        .set('Content-Type', 'application/json; charset=UTF-8')
        .send(JSON.stringify({ email: 'nobody@example.com', password: 'pässwörd-ü' }))
        .expect(401);
      expect(response.body.code).toBe('INVALID_CREDENTIALS');
    });

    it('answers an undecodable URL with 400 in the error shape', async () => {
      const response = await request(testApp.http)
        .get('/api/v1/customers/%E0%A4%A')
        .set('X-Request-Id', 'bad-url-1')
        .expect(400);
      expect(response.body).toEqual({
        ...errorOf('VALIDATION_FAILED', 400),
        request_id: 'bad-url-1',
      });
      expect(response.headers['x-request-id']).toBe('bad-url-1');
    });

    it('routes a path with a trailing slash as the path without it', async () => {
      await request(testApp.http).get('/health/').expect(200);
    });

    it('validates a very long path parameter instead of losing the route', async () => {
      const token = (
        await login().send({ email: 'admin@test.com', password: 'Admin123!' }).expect(200)
      ).body.access_token as string;
      const response = await request(testApp.http)
        .get(`/api/v1/customers/${'9'.repeat(500)}`)
        .set('Authorization', `Bearer ${token}`)
        .expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('HTTP hardening', () => {
    it('sends security headers on answers, errors and refusals alike', async () => {
      const answers = [
        await request(testApp.http).get('/health').expect(200),
        await request(testApp.http).get('/api/v1/no-such-thing').expect(404),
        await request(testApp.http)
          .post('/api/v1/auth/login')
          .set('Content-Type', 'text/plain')
          .send('x')
          .expect(415),
      ];
      for (const response of answers) {
        expect(response.headers).toMatchObject({
          'content-security-policy': expect.stringContaining("default-src 'self'"),
          'strict-transport-security': 'max-age=31536000; includeSubDomains',
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'SAMEORIGIN',
          'referrer-policy': 'no-referrer',
          'cross-origin-opener-policy': 'same-origin',
          'cross-origin-resource-policy': 'same-origin',
          'x-dns-prefetch-control': 'off',
          'x-permitted-cross-domain-policies': 'none',
          'x-xss-protection': '0',
        });
        expect(response.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('allows CORS from the admin origin only', async () => {
      const allowed = await request(testApp.http)
        .options('/api/v1/auth/login')
        .set('Origin', 'http://localhost:4000')
        .set('Access-Control-Request-Method', 'POST');
      expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:4000');
      const other = await request(testApp.http)
        .options('/api/v1/auth/login')
        .set('Origin', 'https://evil.example')
        .set('Access-Control-Request-Method', 'POST');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('API documentation', () => {
    it('serves Swagger UI at /docs', async () => {
      const response = await request(testApp.http).get('/docs').redirects(1).expect(200);
      expect(response.text).toContain('swagger-ui');
      // Every script, style sheet and icon the page names is served (static files on Fastify).
      const assets = [...response.text.matchAll(/(?:href|src)="([^"]+)"/g)].map(
        ([, reference]) => new URL(reference, 'http://api/docs').pathname,
      );
      expect(assets).toEqual(
        expect.arrayContaining(['/docs/swagger-ui-bundle.js', '/docs/swagger-ui.css']),
      );
      for (const asset of assets) {
        const served = await request(testApp.http).get(asset).expect(200);
        expect(served.headers['content-type']).toMatch(
          /^(text\/css|application\/javascript|image\/png)/,
        );
      }
    });

    it('serves the OpenAPI document with bearer auth and the error shape', async () => {
      const { body } = await request(testApp.http).get('/docs-json').expect(200);
      expect(body.openapi).toMatch(/^3\./);
      expect(Object.keys(body.paths)).toEqual(
        expect.arrayContaining(['/health', '/api/v1/auth/login', '/api/v1/auth/me']),
      );
      expect(body.components.securitySchemes.bearer).toMatchObject({
        type: 'http',
        scheme: 'bearer',
      });
      expect(body.paths['/api/v1/auth/me'].get.security).toEqual([{ bearer: [] }]);
      expect(
        body.paths['/api/v1/auth/login'].post.responses['401'].content['application/json'].schema
          .$ref,
      ).toBe('#/components/schemas/ApiErrorDto');
      expect(Object.keys(body.components.schemas.ApiErrorDto.properties)).toEqual(
        expect.arrayContaining(['statusCode', 'error', 'message', 'details']),
      );
    });
  });
});
