import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from '../config/app-config';
import { AppModule, AppModuleOptions } from './app.module';
import { configureApp } from './configure-app';

export async function createApp(
  config: AppConfig,
  options: AppModuleOptions = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), {
    bufferLogs: true,
    // Stripe signs the exact bytes it sent; keeping the raw body lets webhooks verify them.
    rawBody: true,
    bodyParser: false,
  });
  configureApp(app, config);
  return app;
}
