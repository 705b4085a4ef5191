import type { CrmConnector } from '@crm-hub/plugin-sdk';
import { EMPTY } from 'rxjs';
import { SecretRedactor } from '../secrets/secret-redactor';
import { redactingConnector } from './redacting-connector';

describe(redactingConnector.name, () => {
  const secret = 'plugin-echoed-secret-42';
  const redactor = new SecretRedactor();
  redactor.add(secret);
  const stream = EMPTY;
  const plugin: CrmConnector = {
    check: async () => ({ ok: false, reason: `refused ${secret}` }),
    discover: async () => ({ objects: [{ name: 'Contact', label: `label ${secret}` }], enums: [] }) as never,
    read: () => stream,
    changes: () => stream,
    write: async () => [{ ref: '1', ok: false, error: { code: 'X', message: `bad ${secret}`, retryable: false } }] as never,
    dispose: async () => undefined,
  };

  it('masks what the plugin answers and what it throws, and hands streams over as they are', async () => {
    const connector = redactingConnector(plugin, redactor);
    expect(await connector.check()).toEqual({ ok: false, reason: 'refused [REDACTED]' });
    expect(JSON.stringify(await connector.discover())).not.toContain(secret);
    expect(JSON.stringify(await connector.write({} as never))).toContain('bad [REDACTED]');
    expect(connector.read({} as never)).toBe(stream);
    const throwing = redactingConnector({ ...plugin, check: async () => Promise.reject(new TypeError(`token ${secret} refused`)) }, redactor);
    await expect(throwing.check()).rejects.toThrow(new TypeError('token [REDACTED] refused'));
  });
});
