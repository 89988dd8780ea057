import { describe, expect, it } from 'vitest';
import {
  apiErrorResponse,
  jsonResponse,
  mockApi,
  requestOf,
  signIn,
  TEST_TOKEN,
} from '@/testing/api-mocks';
import { ApiError, NetworkError, api, parseRetryAfter } from './api-client';
import { getSession, getSessionEndReason } from './session';

describe('api client', () => {
  it('sends the bearer token and parses JSON', async () => {
    signIn();
    const fetchMock = mockApi({ 'GET /api/v1/auth/me': () => jsonResponse({ id: 1 }) });

    await expect(api.get('/api/v1/auth/me')).resolves.toEqual({ id: 1 });

    const { url, init } = requestOf(fetchMock);
    expect(url).toBe('http://localhost:8001/api/v1/auth/me');
    expect(new Headers(init.headers).get('Authorization')).toBe(`Bearer ${TEST_TOKEN}`);
  });

  it('sends JSON bodies and no token when auth is off', async () => {
    const fetchMock = mockApi({ 'POST /api/v1/auth/login': () => jsonResponse({ ok: true }) });

    await api.post('/api/v1/auth/login', { email: 'a@b.co', password: 'x' }, { auth: false });

    const { init } = requestOf(fetchMock);
    const headers = new Headers(init.headers);
    expect(headers.get('Authorization')).toBeNull();
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(init.body).toBe(JSON.stringify({ email: 'a@b.co', password: 'x' }));
  });

  it('adds query parameters, skipping empty ones', async () => {
    signIn();
    const fetchMock = mockApi({ 'GET /api/v1/customers': () => jsonResponse([]) });

    await api.get('/api/v1/customers', {
      params: { page: 2, search: 'acme inc', status: undefined },
    });

    expect(requestOf(fetchMock).url).toBe(
      'http://localhost:8001/api/v1/customers?page=2&search=acme+inc',
    );
  });

  it('parses the error shape into an ApiError', async () => {
    signIn();
    mockApi({
      'POST /api/v1/customers': () =>
        apiErrorResponse(400, {
          message: 'Validation failed',
          code: 'VALIDATION_FAILED',
          request_id: 'req-42',
          details: [{ field: 'email', message: 'email must be an email' }],
        }),
    });

    const error = await api.post('/api/v1/customers', {}).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.error).toBe('Bad Request');
    expect(apiError.message).toBe('Validation failed');
    expect(apiError.code).toBe('VALIDATION_FAILED');
    expect(apiError.requestId).toBe('req-42');
    expect(apiError.details).toEqual([{ field: 'email', message: 'email must be an email' }]);
    expect(apiError.detailFor('email')).toBe('email must be an email');
    expect(apiError.retryAfter).toBeUndefined();
  });

  it('reads Retry-After on 429', async () => {
    mockApi({
      'POST /api/v1/auth/login': () =>
        apiErrorResponse(
          429,
          { message: 'Too many requests', code: 'RATE_LIMITED' },
          { 'Retry-After': '42' },
        ),
    });

    const error = (await api
      .post('/api/v1/auth/login', {}, { auth: false })
      .catch((caught: unknown) => caught)) as ApiError;

    expect(error.status).toBe(429);
    expect(error.retryAfter).toBe(42);
  });

  it('turns a non-JSON error (a proxy page) into an ApiError with its status', async () => {
    signIn();
    globalThis.fetch = () =>
      Promise.resolve(
        new Response('<html>Bad gateway</html>', {
          status: 502,
          statusText: 'Bad Gateway',
          headers: { 'Content-Type': 'text/html' },
        }),
      );

    const error = (await api.get('/api/v1/plans').catch((caught: unknown) => caught)) as ApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(502);
    expect(error.message).toBe('The billing API answered 502 Bad Gateway');
    expect(error.details).toEqual([]);
  });

  it('reports an unreachable API as a NetworkError', async () => {
    signIn();
    globalThis.fetch = () => Promise.reject(new TypeError('Failed to fetch'));

    const error = await api.get('/api/v1/plans').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).message).toBe('Cannot reach the billing API');
  });

  it('clears the session when an authenticated call gets a 401', async () => {
    signIn();
    mockApi({
      'GET /api/v1/auth/me': () =>
        apiErrorResponse(401, { message: 'Invalid or expired token', code: 'UNAUTHENTICATED' }),
    });

    await expect(api.get('/api/v1/auth/me')).rejects.toMatchObject({ status: 401 });

    expect(getSession()).toBeNull();
    expect(getSessionEndReason()).toBe('expired');
  });

  it('keeps the session when an unauthenticated call gets a 401 (wrong password on sign-in)', async () => {
    signIn();
    mockApi({
      'POST /api/v1/auth/login': () =>
        apiErrorResponse(401, { message: 'Invalid email or password' }),
    });

    await expect(api.post('/api/v1/auth/login', {}, { auth: false })).rejects.toMatchObject({
      status: 401,
    });

    expect(getSession()).not.toBeNull();
  });

  it('does not call the API without a session', async () => {
    const fetchMock = mockApi({});

    await expect(api.get('/api/v1/auth/me')).rejects.toMatchObject({ status: 401 });
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
