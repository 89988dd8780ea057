import type { Params } from 'nestjs-pino';
import { pino, type DestinationStream, type Logger as PinoLogger, type LoggerOptions } from 'pino';
import { AppConfig } from '../../config/app-config';
import { RequestContext } from '../request-context/request-context';

/**
 * Everything that could carry a credential is removed before a line is written: auth headers,
 * cookies, the panel key pair, and any password, secret or token field that a log call passes.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-api-secret"]',
  'req.headers["stripe-signature"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.password_hash',
  '*.passwordHash',
  '*.api_secret',
  '*.apiSecret',
  '*.access_token',
  '*.token',
  '*.secret',
  '*.card',
  // A failed statement's error carries its bound parameters (sealed secrets, keys, emails).
  'err.parameters',
  '*.err.parameters',
  'error.parameters',
  '*.driverError.parameters',
];

/**
 * The one pino logger: Nest's Logger writes through it (nestjs-pino), and so does the access log
 * (requestLogger). A line written while a request is handled names the request by its id, as the
 * access log line does, so a service's warning can be traced to the request behind it.
 */
export function buildLogger(config: AppConfig, stream?: DestinationStream): PinoLogger {
  const options: LoggerOptions = {
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    mixin: () => {
      const requestId = RequestContext.current()?.requestId;
      return requestId ? { req: { id: requestId } } : {};
    },
  };
  return stream ? pino(options, stream) : pino(options);
}

/**
 * nestjs-pino only adapts Nest's Logger to `logger`: its pino-http middleware is applied to no
 * route. That middleware built a child logger for every request, serializing and redacting the
 * request (about 30 µs, 7 % of a cached search's CPU) even when no line was written; requestLogger
 * writes the same access line from the onRequest hook, when the response closes, instead.
 */
export function loggerModuleParams(logger: PinoLogger): Params {
  return { pinoHttp: { logger }, useExisting: true, forRoutes: [] };
}

/** The logger given to loggerModuleParams. */
export function loggerOf(params: Params): PinoLogger {
  const pinoHttp = params.pinoHttp;
  if (pinoHttp && 'logger' in pinoHttp && pinoHttp.logger) return pinoHttp.logger;
  throw new Error('The logger module was not given a pino logger');
}
