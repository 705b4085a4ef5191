import { Logger } from 'nestjs-pino';
import { createHubApp } from './app/create-hub-app';
import { HubConfigError, parseHubConfig } from './app/hub-config';

async function main(): Promise<void> {
  const { config, warnings } = parseHubConfig(process.env);
  const app = await createHubApp(config);
  const logger = app.get(Logger);
  warnings.forEach((w) => logger.warn(w, 'Config'));
  await app.listen(config.port, config.host);
  logger.log(`CRM Hub listening on http://${config.host}:${config.port} (API docs at /docs)`, 'Hub');

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

main().catch((err: unknown) => {
  // Before the logger exists (bad configuration) or when start-up fails: one clear message, exit 1.
  const message = err instanceof HubConfigError ? err.message : `CRM Hub failed to start: ${(err as Error)?.message ?? err}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
