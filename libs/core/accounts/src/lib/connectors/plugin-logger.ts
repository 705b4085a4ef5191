import type { PluginLogger } from '@crm-hub/plugin-sdk';
import { Logger } from '@nestjs/common';
import type { SecretRedactor } from '../secrets/secret-redactor';

/** A plugin's logger: tagged with plugin and account, with every known secret masked. */
export function createPluginLogger(pluginId: string, accountId: string, redactor: SecretRedactor): PluginLogger {
  const logger = new Logger(`plugin:${pluginId}`);
  const emit = (level: 'debug' | 'log' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) =>
    logger[level]({ msg: redactor.redact(String(message)), account: accountId, ...redactor.redactValue(fields ?? {}) });
  return {
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('log', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
  };
}
