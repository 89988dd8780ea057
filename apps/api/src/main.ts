import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app/create-app';
import { ConfigValidationError, loadAppConfig } from './config/app-config';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadAppConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${error.message}\nThe API did not start.\n`);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(config);
  const logger = new Logger('Bootstrap');
  for (const notice of config.notices) logger.warn(notice);
  await app.listen(config.http.port, config.http.host);
  logger.log(
    `NextPanel Billing API listening on http://${config.http.host}:${config.http.port} (docs at /docs)`,
  );
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `The API failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
