import { ConformanceError } from './conformance-error';
import { SecretScanner, secretSettings } from './secret-scanner';

const spec = {
  type: 'object' as const,
  properties: {
    baseUrl: { type: 'string' as const, format: 'uri' },
    token: { type: 'string' as const, 'x-secret': true },
    oauth: { type: 'object' as const, properties: { clientSecret: { type: 'string' as const, 'x-secret': true } } },
    pin: { type: 'string' as const, 'x-secret': true },
  },
};
const config = { baseUrl: 'https://crm.example.com', token: 'tok-123456', oauth: { clientSecret: 'cs-abcdef' }, pin: '12' };

describe(secretSettings.name, () => {
  it('finds the x-secret values, nested ones included, skipping values too short to search', () => {
    expect(secretSettings(spec, config)).toEqual([
      { setting: 'token', value: 'tok-123456' },
      { setting: 'oauth.clientSecret', value: 'cs-abcdef' },
    ]);
  });
});

describe(SecretScanner.name, () => {
  const scanner = new SecretScanner(secretSettings(spec, config));

  it('finds a secret in nested values, keys, and errors with their causes, naming the setting only', () => {
    const wrapped = new Error('request failed', { cause: new Error('401 for Bearer tok-123456') });
    expect(() => scanner.scan('the error', wrapped)).toThrow(
      new ConformanceError(
        "the value of the secret setting 'token' appears in the error: secrets must never reach logs, errors, results or checkpoints",
      ),
    );
    expect(() => scanner.scan('a log line', { fields: { headers: [{ secret: 'x cs-abcdef y' }] } })).toThrow(/'oauth.clientSecret'/);
    expect(() => scanner.scan('a checkpoint', { 'tok-123456': 1 })).toThrow(/'token'/);
  });

  it('passes values without secrets, and survives cycles', () => {
    const cyclic: Record<string, unknown> = { a: 'fine' };
    cyclic['self'] = cyclic;
    expect(() => scanner.scan('a value', cyclic)).not.toThrow();
    expect(() => scanner.scan('a value', 'https://crm.example.com 12')).not.toThrow();
  });
});
