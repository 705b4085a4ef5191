import { SecretRedactor } from '@crm-hub/accounts';
import { DatabaseStartupError } from '@crm-hub/persistence';
import { Logger as NestLogger } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { createHubApp } from './app/create-hub-app';
import { HubConfigError, parseHubConfig } from './app/hub-config';
import { ROTATE_SECRET_KEY_COMMAND, runRotateSecretKey } from './commands/rotate-secret-key.command';
import { createStartupLogger, StartupNestLogger } from './observability/startup-logger';

// One redactor for the whole process, made before anything else: a start that fails after the
// stored secrets were loaded is logged through it too.
const redactor = new SecretRedactor();
let startupLog = createStartupLogger('info', redactor);

async function main(): Promise<void> {
  NestLogger.overrideLogger(new StartupNestLogger(startupLog));
  const { config, warnings } = parseHubConfig(process.env);
  // Redis's password (if the URL has one) is masked wherever it could surface, as account secrets are.
  if (config.redisUrl) redactor.add(decodeURIComponent(new URL(config.redisUrl).password));
  startupLog = createStartupLogger(config.logLevel, redactor);
  NestLogger.overrideLogger(new StartupNestLogger(startupLog));
  const command = process.argv[2];
  if (command === ROTATE_SECRET_KEY_COMMAND) return runRotateSecretKey(config, startupLog);
  if (command !== undefined) throw new HubConfigError([`Unknown command '${command}' (known: ${ROTATE_SECRET_KEY_COMMAND})`]);

  const app = await createHubApp(config, { redactor });
  const logger = app.get(Logger);
  warnings.forEach((w) => logger.warn(w, 'Config'));
  await app.listen(config.port, config.host);
  logger.log(`CRM Hub listening on http://${config.host}:${config.port} (API docs at /docs)`, 'Hub');
  logger.log(`Role ${config.role} as worker ${config.workerName}; runs queue ${config.redisUrl ? 'in Redis (BullMQ)' : 'in this process'}`, 'Hub');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: finishing requests and closing connections`, 'Hub');
    const force = setTimeout(() => {
      logger.error(`Shutdown took longer than ${config.shutdownTimeoutMs} ms; exiting now`, 'Hub');
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    await app.close();
    clearTimeout(force);
    logger.log('CRM Hub stopped', 'Hub');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().then(
  () => {
    if (process.argv[2] === ROTATE_SECRET_KEY_COMMAND) process.exit(0);
  },
  (err: unknown) => {
    logStartupFailure(startupLog, err, process.argv[2] === ROTATE_SECRET_KEY_COMMAND ? 'The key rotation failed' : 'CRM Hub failed to start');
    process.exit(1);
  },
);

/**
 * A failed start (bad configuration, database, key, port…) as one JSON line like every other log
 * line, through the redactor; the reason is said plainly, the stack only for unexpected errors.
 */
function logStartupFailure(log: PinoLogger, err: unknown, what: string): void {
  if (err instanceof HubConfigError) {
    log.fatal({ context: 'Config', problems: err.problems }, err.message);
  } else if (err instanceof DatabaseStartupError) {
    log.fatal({ context: 'Database' }, `${what}: ${err.message}`);
  } else {
    const error = err instanceof Error ? err : new Error(String(err));
    log.fatal({ context: 'Hub', err: error }, `${what}: ${error.message}`);
  }
}
