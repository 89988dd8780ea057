import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The request id: the caller's X-Request-Id when it is sane (so one id follows a request across
 * services), otherwise a new UUID. Assigned once, before body parsing, so even a request with a
 * malformed body gets an id in its error and its log line.
 */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  // pino-http declares `req.id`; it is set here first and pino-http reuses it.
  if (typeof req.id === 'string') return req.id;
  const incoming = req.headers['x-request-id'];
  const id =
    typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
  req.id = id;
  res.setHeader('X-Request-Id', id);
  return id;
}

export function requestIdMiddleware(
  req: IncomingMessage,
  res: ServerResponse,
  next: () => void,
): void {
  assignRequestId(req, res);
  next();
}
