import { vi, type Mock } from 'vitest';
import type { ApiErrorBody, CurrentUserResponse, LoginResponse } from '@nextpanel/shared';
import { saveSession } from '@/lib/session';

export const TEST_TOKEN = 'test-access-token';

export const adminUser: CurrentUserResponse = {
  id: 1,
  email: 'admin@test.com',
  full_name: 'Ada Admin',
  role: 'admin',
  is_active: true,
  created_at: '2025-10-12T00:00:00.000Z',
};

export const customerUser: CurrentUserResponse = {
  ...adminUser,
  id: 2,
  email: 'customer@example.com',
  full_name: 'Carl Customer',
  role: 'customer',
};

export function loginResponse(expiresIn = 86_400): LoginResponse {
  return { access_token: TEST_TOKEN, token_type: 'bearer', expires_in: expiresIn };
}

/** Starts a session as if the admin had signed in. */
export function signIn(expiresIn = 86_400): void {
  saveSession(loginResponse(expiresIn));
}

export function jsonResponse(
  body: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...init.headers },
  });
}

const reasonPhrases: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/** An error exactly as the billing API sends it. */
export function apiErrorResponse(
  status: number,
  body: Partial<ApiErrorBody> & { message: string },
  headers: Record<string, string> = {},
): Response {
  return jsonResponse(
    { statusCode: status, error: reasonPhrases[status] ?? 'Error', ...body },
    { status, headers },
  );
}

export interface MockedRequest {
  method: string;
  path: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

export type MockHandler = (request: MockedRequest) => Response | Promise<Response>;

/**
 * Replaces `fetch` with handlers keyed by "METHOD /path". An unexpected request fails loudly
 * (500 with the route in the message) instead of hanging.
 */
export function mockApi(handlers: Record<string, MockHandler>): Mock<typeof fetch> {
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? 'GET').toUpperCase();
    const key = `${method} ${url.pathname}`;
    const rawBody = init?.body;
    const request: MockedRequest = {
      method,
      path: url.pathname,
      url,
      headers: new Headers(init?.headers),
      body: typeof rawBody === 'string' ? (JSON.parse(rawBody) as unknown) : undefined,
    };
    const handler = handlers[key];
    if (!handler) return apiErrorResponse(500, { message: `No mock for ${key}` });
    return handler(request);
  });
  globalThis.fetch = fetchMock;
  return fetchMock;
}

/** The body of the n-th call of a fetch mock, parsed. */
export function requestOf(
  fetchMock: Mock<typeof fetch>,
  index = 0,
): { url: string; init: RequestInit } {
  const call = fetchMock.mock.calls[index];
  if (!call)
    throw new Error(`fetch was called ${fetchMock.mock.calls.length} times, not ${index + 1}`);
  const [input, init] = call;
  return { url: input instanceof Request ? input.url : String(input), init: init ?? {} };
}
