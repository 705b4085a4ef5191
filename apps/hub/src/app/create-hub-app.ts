import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppModuleOptions } from './app.module';
import type { HubConfig } from './hub-config';
import { answerClientErrors } from '../http/client-errors';
import { serveConsole } from '../http/console-static';
import { useJsonBodies } from '../http/json-body';
import { requestHygiene } from '../http/request-hygiene';
import { useSecurityHeaders } from '../http/security-headers';
import { setupOpenApi } from './openapi';

export const HUB_VERSION = '0.1.0';

/** Builds the hub application (not yet listening): used by main.ts and by the tests. */
export async function createHubApp(config: HubConfig, options: AppModuleOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), {
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  // Order matters: headers first (so error answers carry them too), then the body, then its checks.
  useSecurityHeaders(app);
  answerClientErrors(app.getHttpServer());
  useJsonBodies(app);
  app.use(requestHygiene);
  serveConsole(app, config.consoleDir);
  app.setGlobalPrefix('api', { exclude: ['health', 'metrics'] });
  setupOpenApi(app, HUB_VERSION);
  return app;
}
