import { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger, PARAMS_PROVIDER_TOKEN, type Params } from 'nestjs-pino';
import {
  API_KEY_SECURITY_SCHEME,
  API_KEY_SECURITY_SCHEME_OPTIONS,
  documentApiKeyScopes,
} from '../api-keys/openapi-scopes';
import { validationExceptionFactory } from '../common/errors/validation-exception.factory';
import { AllExceptionsFilter } from '../common/filters/all-exceptions.filter';
import { jsonBodyParser, urlencodedBodyParser } from '../common/http/body-parsers';
import { unsupportedMediaType } from '../common/http/framework-errors';
import { serializeReply } from '../common/http/reply-serializer';
import { loggerOf } from '../common/logging/logger-options';
import { requestLogger } from '../common/logging/request-log';
import { REQUEST_ID_HEADER } from '../common/logging/request-id';
import { RequestContext } from '../common/request-context/request-context';
import { RememberedQueryValidationPipe } from '../common/validation/remembered-query-validation.pipe';
import { WellFormedTextPipe } from '../common/validation/well-formed-text.pipe';
import { AppConfig } from '../config/app-config';
import { APP_VERSION } from './version';

export const API_PREFIX = 'api/v1';

/** Everything main.ts and the tests both need, so tests exercise the app exactly as deployed. */
export function configureApp(app: NestFastifyApplication, config: AppConfig): INestApplication {
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  // Helmet's security headers from one middleware built at boot (the Fastify plugin builds a new
  // one for every request, parsing the CSP directives each time: about 30 µs a request), the
  // request id, on every answer, errors included, and the access line once the answer is out.
  const securityHeaders = helmet();
  const logRequest = requestLogger(loggerOf(app.get<Params>(PARAMS_PROVIDER_TOKEN)));
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    logRequest(request, reply);
    securityHeaders(request.raw, reply.raw, () => done());
  });
  // Before the routes are registered (app.init()): each route takes the serializer set then.
  fastify.setReplySerializer(serializeReply);
  // Opened right before the route runs (after the body is read), so the guard, the handler and
  // everything they start see the request's context: who acts, from which address.
  fastify.addHook('preHandler', (request, _reply, done) => {
    RequestContext.run({ ip: request.ip ?? null, requestId: request.id, actor: null }, () =>
      done(),
    );
  });
  // Bodies are JSON (or a form); anything else, text/plain included, is answered with 415. The
  // catch-all parser refuses it with our own error: Fastify's would reach the filter as a bare
  // HttpException, its code lost.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (_request, _payload, done) => done(unsupportedMediaType()));
  const bodyLimit = config.http.bodyLimitBytes;
  app.useBodyParser('application/json', { bodyLimit }, jsonBodyParser);
  app.useBodyParser('application/x-www-form-urlencoded', { bodyLimit }, urlencodedBodyParser);
  app.enableCors({
    origin: config.http.corsOrigins,
    exposedHeaders: ['Retry-After', 'X-Request-Id', 'Idempotent-Replayed'],
    maxAge: 600,
  });
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health'] });
  app.useGlobalPipes(
    new WellFormedTextPipe(),
    new RememberedQueryValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationExceptionFactory,
    }),
  );
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  setUpSwagger(app);
  return app;
}
function setUpSwagger(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('NextPanel Billing API')
      .setDescription(
        'Billing and account provisioning for NextPanel hosting control-panel servers. ' +
          'Sign in with `POST /api/v1/auth/login`, then press **Authorize** and paste the `access_token`, ' +
          'or use an API key (`nbk_…`, Settings → API keys): each operation names the scope a key needs. ' +
          'Every error has the body `{statusCode, error, message, code, request_id, details?}`.',
      )
      .setVersion(APP_VERSION)
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .addBearerAuth(API_KEY_SECURITY_SCHEME_OPTIONS, API_KEY_SECURITY_SCHEME)
      .build(),
  );
  documentApiKeyScopes(app, document);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: 'NextPanel Billing API',
    swaggerOptions: { persistAuthorization: true },
  });
}
