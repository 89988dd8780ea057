import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Level, Logger } from 'pino';

/** Load balancers poll it every few seconds: its lines would drown the rest. */
const UNLOGGED_URLS = new Set(['/health']);

/**
 * One access line per request, as pino-http wrote them, written when the response closes:
 * `request completed` (`request errored` for a 5xx) with the request's id, method, URL and client
 * address, the status and the time taken; info for a success, warn for a 4xx, error for a 5xx. A
 * response closed before it was finished (the client went away) is `request aborted by the
 * client`, a warning. Lines below the configured level cost one level check. Returns the function
 * to call for each request as it arrives (configureApp's onRequest hook).
 */
export function requestLogger(
  logger: Logger,
): (request: FastifyRequest, reply: FastifyReply) => void {
  return (request, reply) => {
    if (UNLOGGED_URLS.has(request.url)) return;
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) {
        if (logger.isLevelEnabled('warn')) {
          logger.warn(
            { req: requestFields(request), responseTime: Math.round(reply.elapsedTime) },
            'request aborted by the client',
          );
        }
        return;
      }
      const status = reply.statusCode;
      const level: Level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          req: requestFields(request),
          res: { status_code: status },
          responseTime: Math.round(reply.elapsedTime),
        },
        status >= 500 ? 'request errored' : 'request completed',
      );
    });
  };
}

function requestFields(request: FastifyRequest) {
  return {
    id: request.id,
    method: request.method,
    url: request.url,
    remote_address: request.ip,
  };
}
