import { INestApplication, ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import {
  API_KEY_SECURITY_SCHEME,
  API_KEY_SECURITY_SCHEME_OPTIONS,
  documentApiKeyScopes,
} from '../api-keys/openapi-scopes';
import { AllExceptionsFilter } from '../common/filters/all-exceptions.filter';
import { bodyParserErrorMapper } from '../common/errors/body-parser-errors';
import { validationExceptionFactory } from '../common/errors/validation-exception.factory';
import { requestIdMiddleware } from '../common/logging/request-id';
import { requestContextMiddleware } from '../common/request-context/request-context.middleware';
import { WellFormedTextPipe } from '../common/validation/well-formed-text.pipe';
import { AppConfig } from '../config/app-config';
import { APP_VERSION } from './version';

export const API_PREFIX = 'api/v1';

/** Everything main.ts and the tests both need, so tests exercise the app exactly as deployed. */
export function configureApp(app: NestExpressApplication, config: AppConfig): INestApplication {
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.http.trustProxy);
  app.disable('x-powered-by');
  app.use(requestIdMiddleware);
  app.use(requestContextMiddleware);
  app.useBodyParser('json', { limit: config.http.bodyLimitBytes });
  app.useBodyParser('urlencoded', { limit: config.http.bodyLimitBytes, extended: false });
  app.use(bodyParserErrorMapper);
  app.use(helmet());
  app.enableCors({
    origin: config.http.corsOrigins,
    exposedHeaders: ['Retry-After', 'X-Request-Id', 'Idempotent-Replayed'],
    maxAge: 600,
  });
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health'] });
  app.useGlobalPipes(
    new WellFormedTextPipe(),
    new ValidationPipe({
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
