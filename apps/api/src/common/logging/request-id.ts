import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'X-Request-Id';

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The request id: the caller's X-Request-Id when it is sane (so one id follows a request across
 * services), otherwise a new UUID. Fastify asks for it as the request arrives, before routing
 * and body parsing, so even a request with a malformed URL or body gets an id in its error and
 * its log line; it is kept on the raw request, so asking again answers the same id.
 */
export function requestIdOf(req: IncomingMessage): string {
  // `req.id` is declared by pino-http's types (nestjs-pino's dependency).
  if (typeof req.id === 'string') return req.id;
  const incoming = req.headers['x-request-id'];
  const id =
    typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
  req.id = id;
  return id;
}
