import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Level, Logger } from 'pino';

/** Load balancers poll it every few seconds: its lines would drown the rest. */
const UNLOGGED_URLS = new Set(['/health']);

/**
 * One access line per answered request, as pino-http wrote them: `request completed` (or
 * `request errored` for a 5xx) with the request's id, method, URL and client address, the status
 * and the time taken; info for a success, warn for a 4xx, error for a 5xx. Lines below the
 * configured level cost one level check. A request the client gave up on is logged as aborted.
 */
export function logRequests(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    if (!UNLOGGED_URLS.has(request.url)) {
      const status = reply.statusCode;
      const level: Level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      if (logger.isLevelEnabled(level)) {
        logger[level](
          {
            req: requestFields(request),
            res: { status_code: status },
            responseTime: Math.round(reply.elapsedTime),
          },
          status >= 500 ? 'request errored' : 'request completed',
        );
      }
    }
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    if (logger.isLevelEnabled('warn')) {
      logger.warn({ req: requestFields(request) }, 'request aborted by the client');
    }
    done();
  });
}

function requestFields(request: FastifyRequest) {
  return {
    id: request.id,
    method: request.method,
    url: request.url,
    remote_address: request.ip,
  };
}
