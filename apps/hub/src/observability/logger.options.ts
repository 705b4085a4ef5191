import type { SecretRedactor } from '@crm-hub/accounts';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { LogLevel } from '../app/hub-config';

/**
 * Structured JSON logs (pino): API keys in headers are removed, and every line passes through the
 * secret redactor right before it is written — value by value, keys untouched — so no account
 * secret reaches a log whatever logged it.
 */
export function loggerOptions(level: LogLevel, redactor: SecretRedactor, destination?: DestinationStream): Params {
  const options = {
    level,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], remove: true },
    hooks: { streamWrite: (line: string) => redactor.redactJsonLine(line) },
    autoLogging: { ignore: (req: { url?: string }) => req.url === '/health' || req.url === '/metrics' },
    customProps: () => ({ service: 'crm-hub' }),
  };
  return {
    pinoHttp: destination ? [options, destination] : options,
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
  };
}
