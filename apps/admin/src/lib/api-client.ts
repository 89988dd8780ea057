import type { ApiErrorBody, ApiErrorDetail } from '@nextpanel/shared';
import { env } from '@/config/env';
import { clearSession, getAccessToken } from './session';

/**
 * The API answered with an error. Every endpoint of the billing API answers errors with one body
 * (`ApiErrorBody`); this class carries it, plus `retryAfter` from the 429 `Retry-After` header.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  /** HTTP reason phrase from the body, e.g. "Unauthorized". */
  readonly error: string;
  /** Stable machine-readable code (`ErrorCode` in @nextpanel/shared) when the API sent one. */
  readonly code: string | undefined;
  /** Field-level problems of a validation error (400); empty otherwise. */
  readonly details: readonly ApiErrorDetail[];
  /** Seconds to wait before retrying, from `Retry-After` (429, 503). */
  readonly retryAfter: number | undefined;
  /** Correlates with the API's logs; worth showing on 500s. */
  readonly requestId: string | undefined;

  constructor(body: ApiErrorBody, options: { retryAfter?: number } = {}) {
    super(body.message);
    this.status = body.statusCode;
    this.error = body.error;
    this.code = body.code;
    this.details = body.details ?? [];
    this.retryAfter = options.retryAfter;
    this.requestId = body.request_id;
  }

  /** The message the API gave for one form field, if any. */
  detailFor(field: string): string | undefined {
    return this.details.find((detail) => detail.field === field)?.message;
  }
}

/** The request never got an answer: API down, wrong URL, CORS refusal, offline. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  constructor(
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super('Cannot reach the billing API', options);
  }
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  /** Send the session's bearer token (default). `false` for sign-in itself. */
  auth?: boolean;
  params?: QueryParams;
  headers?: HeadersInit;
  signal?: AbortSignal;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export function buildUrl(path: string, params?: QueryParams): string {
  const url = new URL(`${env.API_URL}${path.startsWith('/') ? path : `/${path}`}`);
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

/** `Retry-After` is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(
  header: string | null,
  now: number = Date.now(),
): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.statusCode === 'number' && typeof candidate.message === 'string';
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return undefined;
  const text = await response.text();
  if (text === '') return undefined;
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function toApiError(response: Response, body: unknown): ApiError {
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  if (isApiErrorBody(body)) {
    return new ApiError(
      {
        ...body,
        error: body.error || response.statusText,
        details: Array.isArray(body.details) ? body.details : [],
      },
      { retryAfter },
    );
  }
  // Not our error shape (a proxy's HTML 502, an empty body): keep the status, make a message.
  return new ApiError(
    {
      statusCode: response.status,
      error: response.statusText || 'Error',
      message: `The billing API answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
    },
    { retryAfter },
  );
}

async function request<T>(
  method: Method,
  path: string,
  body: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const { auth = true, params, signal } = options;
  const url = buildUrl(path, params);
  const headers = new Headers(options.headers);
  headers.set('Accept', 'application/json');
  if (body !== undefined) headers.set('Content-Type', 'application/json');

  if (auth) {
    const token = getAccessToken();
    if (token === null) {
      // No (or an expired) session: do not bother the API, answer like it would.
      throw new ApiError({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'Your session has expired',
        code: 'UNAUTHENTICATED',
      });
    }
    headers.set('Authorization', `Bearer ${token}`);
  }

  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    // An abort is the caller's decision (React Query cancelling a stale request), not an outage.
    if (signal?.aborted) throw error;
    throw new NetworkError(url, { cause: error });
  }

  const payload = await readBody(response);
  if (!response.ok) {
    const error = toApiError(response, payload);
    // The API no longer accepts our token. Dropping the session makes the protected routes send
    // the admin to /login?redirect=<where they were> (see RequireAdmin).
    if (auth && error.status === 401) clearSession('expired');
    throw error;
  }
  return payload as T;
}

/**
 * The billing API. Feature fetchers (`features/<feature>/api/*.ts`) call these; components never
 * call `fetch` directly.
 */
export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, body, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, body, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, body, options),
  delete: <T>(path: string, options?: RequestOptions) =>
    request<T>('DELETE', path, undefined, options),
};
