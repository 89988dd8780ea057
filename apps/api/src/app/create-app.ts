import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { errorResponseFor, sendError } from '../common/filters/all-exceptions.filter';
import { answerClientError } from '../common/http/framework-errors';
import { REQUEST_ID_HEADER, requestIdOf } from '../common/logging/request-id';
import { AppConfig } from '../config/app-config';
import { AppModule, AppModuleOptions } from './app.module';
import { configureApp } from './configure-app';

export async function createApp(
  config: AppConfig,
  options: AppModuleOptions = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options),
    new FastifyAdapter({
      trustProxy: config.http.trustProxy,
      bodyLimit: config.http.bodyLimitBytes,
      // Node's own default, which Fastify turns off: a client that never finishes sending its
      // request does not hold a connection for ever.
      requestTimeout: 300_000,
      genReqId: (request: IncomingMessage) => requestIdOf(request),
      // Requests are logged by our own hook (requestLogger), with the same redaction as every line.
      logger: false,
      routerOptions: {
        // As before the move from Express: `/customers/` is `/customers`, and a long path
        // parameter reaches validation (a clear 400) instead of falling through to a 404.
        ignoreTrailingSlash: true,
        maxParamLength: 2048,
      },
      clientErrorHandler: answerClientError,
      // Fastify's answer to a request it cannot even route (an undecodable URL): the one error shape.
      frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
        const requestId = requestIdOf(request.raw);
        const { body, headers } = errorResponseFor(error, requestId);
        sendError(reply, body, { ...headers, [REQUEST_ID_HEADER]: requestId });
      },
    }),
    {
      bufferLogs: true,
      // Stripe signs the exact bytes it sent; keeping the raw body lets webhooks verify them.
      rawBody: true,
      bodyParser: false,
    },
  );
  configureApp(app, config);
  return app;
}

/**
 * Initialises the app without listening (tests drive its server with supertest): Nest registers
 * the routes, then Fastify loads its plugins and is ready to answer.
 */
export async function initApp(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
