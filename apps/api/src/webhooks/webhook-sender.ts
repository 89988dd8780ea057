import { request as httpRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { publicOnlyLookup } from './webhook-target-policy';

/** How much of a receiver's answer is kept: enough to read an error message, no more. */
export const RESPONSE_EXCERPT_BYTES = 1024;

export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** When false, the connection itself refuses non-public addresses (see publicOnlyLookup). */
  allowPrivateTargets: boolean;
}

export interface WebhookAttempt {
  /** A 2xx answer. Anything else, redirects included, is a failure to retry. */
  ok: boolean;
  status: number | null;
  /** Null when nothing was sent (refused before connecting). */
  latencyMs: number | null;
  excerpt: string | null;
  error: string | null;
}

/**
 * One POST to a receiver: a fresh connection, no redirects followed (a redirect could lead
 * anywhere, past the address checks), a hard deadline on the whole exchange, and only the first
 * kilobyte of the answer read.
 */
export function sendWebhook(webhook: WebhookRequest): Promise<WebhookAttempt> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (attempt: Omit<WebhookAttempt, 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve({ ...attempt, latencyMs: elapsed() });
    };
    const url = new URL(webhook.url);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const outgoing = send(url, {
      method: 'POST',
      agent: false,
      headers: {
        ...webhook.headers,
        'Content-Type': 'application/json',
        'Content-Length': String(Buffer.byteLength(webhook.body)),
        'User-Agent': 'NextPanel-Billing-Webhooks/1',
      },
      ...(webhook.allowPrivateTargets ? {} : { lookup: publicOnlyLookup }),
    });
    const deadline = setTimeout(
      () => outgoing.destroy(new Error(`no answer within ${webhook.timeoutMs} ms`)),
      webhook.timeoutMs,
    );
    outgoing.on('error', (error: NodeJS.ErrnoException) =>
      finish({ ok: false, status: null, excerpt: null, error: describeError(error) }),
    );
    outgoing.on('response', (response: IncomingMessage) => {
      const status = response.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        const excerpt = toExcerpt(Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES));
        const ok = status >= 200 && status < 300;
        const location = response.headers.location;
        finish({
          ok,
          status,
          excerpt,
          error: ok
            ? null
            : status >= 300 && status < 400
              ? `HTTP ${status}: redirects are not followed${location ? ` (Location: ${location.slice(0, 200)})` : ''}`
              : `HTTP ${status}`,
        });
        response.destroy();
      };
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= RESPONSE_EXCERPT_BYTES) done();
      });
      response.on('end', done);
      // An answer cut off (by the deadline or the receiver) still counts by its status.
      response.on('close', done);
      response.on('error', done);
    });
    outgoing.end(webhook.body);
  });
}

function describeError(error: NodeJS.ErrnoException): string {
  if (error.code === 'EWEBHOOKTARGET') return `Not sent: ${error.message}`;
  const code = error.code && !error.message.includes(error.code) ? ` (${error.code})` : '';
  return `${error.message}${code}`.slice(0, 500);
}

/** PostgreSQL text cannot hold NUL; a binary answer is shown as such rather than stored. */
function toExcerpt(bytes: Buffer): string | null {
  if (bytes.length === 0) return null;
  return bytes.toString('utf8').replaceAll('\u0000', '\uFFFD');
}
