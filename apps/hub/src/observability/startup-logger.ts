import type { SecretRedactor } from '@crm-hub/accounts';
import type { LoggerService } from '@nestjs/common';
import pino, { type Logger as PinoLogger } from 'pino';
import type { LogLevel } from '../app/hub-config';

/**
 * The log before the application's logger exists and after it failed: the same JSON lines (pino,
 * through the same redactor), written synchronously so that a failed start's last line is out
 * before the process exits.
 */
export function createStartupLogger(level: LogLevel, redactor: SecretRedactor): PinoLogger {
  return pino(
    { level, hooks: { streamWrite: (line: string) => redactor.redactJsonLine(line) } },
    pino.destination({ dest: 1, sync: true }),
  );
}

/**
 * Nest's static logger during start-up (module errors, the database's retries): JSON instead of
 * Nest's coloured text, which would print an error's text unredacted.
 */
export class StartupNestLogger implements LoggerService {
  constructor(private readonly logger: PinoLogger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /** Nest calls `(message, context)`, or `(message, stack, context)` for errors. */
  private write(level: pino.Level, message: unknown, rest: unknown[]): void {
    const strings = rest.filter((r): r is string => typeof r === 'string');
    const context = strings.length > 0 ? strings[strings.length - 1] : undefined;
    const stack = strings.length > 1 ? strings[0] : undefined;
    const fields = { ...(context ? { context } : {}), ...(stack ? { stack } : {}) };
    if (message instanceof Error) this.logger[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ ...fields, ...(message as object) });
    else this.logger[level](fields, String(message));
  }
}
