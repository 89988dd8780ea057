import { request } from 'node:http';

/**
 * A bare HTTP client for the specs: node:http with a fresh connection per call (no pooling, so
 * "the server stopped listening" is seen on the very next call), a hard timeout, and the raw text
 * kept alongside the parsed body so specs can search it for leaked passwords.
 */

export interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  body: any;
}

export interface HttpCall {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent as JSON with Content-Type: application/json. */
  json?: unknown;
  /** Sent as is (with headers as given), for malformed bodies. */
  raw?: string;
  timeoutMs?: number;
}

export class HttpTimeoutError extends Error {}

export function httpCall(baseUrl: string, call: HttpCall): Promise<HttpReply> {
  const url = new URL(call.path, baseUrl);
  const headers: Record<string, string> = { ...call.headers };
  let payload: string | undefined = call.raw;
  if (call.json !== undefined) {
    payload = JSON.stringify(call.json);
    headers['Content-Type'] ??= 'application/json';
  }
  if (payload !== undefined) headers['Content-Length'] = String(Buffer.byteLength(payload));

  return new Promise((resolve, reject) => {
    const req = request(url, { method: call.method ?? 'GET', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = undefined;
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          body = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body });
      });
      res.on('error', reject);
    });
    req.setTimeout(call.timeoutMs ?? 5000, () => {
      req.destroy(new HttpTimeoutError(`no answer within ${call.timeoutMs ?? 5000} ms`));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** Calls with a panel key pair, the way the billing system does. */
export function panelClient(baseUrl: string, apiKey: string, apiSecret: string) {
  const withKeys = (call: HttpCall): Promise<HttpReply> =>
    httpCall(baseUrl, {
      ...call,
      headers: { 'X-API-Key': apiKey, 'X-API-Secret': apiSecret, ...call.headers },
    });
  return {
    call: withKeys,
    get: (path: string, extra: Partial<HttpCall> = {}) =>
      withKeys({ ...extra, method: 'GET', path }),
    delete: (path: string, extra: Partial<HttpCall> = {}) =>
      withKeys({ ...extra, method: 'DELETE', path }),
    post: (path: string, json?: unknown, extra: Partial<HttpCall> = {}) =>
      withKeys({ ...extra, method: 'POST', path, json }),
    put: (path: string, json?: unknown, extra: Partial<HttpCall> = {}) =>
      withKeys({ ...extra, method: 'PUT', path, json }),
  };
}

export type PanelClient = ReturnType<typeof panelClient>;
