import type { PluginLogger } from '@crm-hub/plugin-sdk';
import { Logger } from '@nestjs/common';
import type { SecretRedactor } from '../secrets/secret-redactor';

/**
 * A plugin's logger: tagged with plugin and account, with every known secret masked — in the
 * message, in field values and, since a plugin's field names are its data rather than the log's
 * structure, in field names too.
 */
export function createPluginLogger(pluginId: string, accountId: string, redactor: SecretRedactor): PluginLogger {
  const logger = new Logger(`plugin:${pluginId}`);
  const emit = (level: 'debug' | 'log' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) =>
    logger[level]({ ...redactFields(fields, redactor), msg: redactor.redact(String(message)), account: accountId });
  return {
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('log', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
  };
}

function redactFields(fields: Record<string, unknown> | undefined, redactor: SecretRedactor): Record<string, unknown> {
  if (!fields || typeof fields !== 'object') return {};
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [redactor.redact(key), redactor.redactValue(value)]));
}
