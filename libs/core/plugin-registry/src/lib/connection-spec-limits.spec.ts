import type { JsonSchema } from '@crm-hub/plugin-sdk';
import { createConnectionSpecValidator } from './connection-spec';
import { MAX_CONFIG_BYTES, MAX_SETTING_BYTES, settingsLimitProblems } from './connection-spec-limits';

const spec: JsonSchema = {
  type: 'object',
  additionalProperties: true, // the hub's limits apply even to a spec that allows anything
  properties: {
    instanceUrl: { type: 'string', format: 'uri' },
    clientSecret: { type: 'string', 'x-secret': true },
    proxyUrl: { type: 'string', format: 'uri', 'x-secret': true },
  },
};
const keys = { secretKeys: ['clientSecret', 'proxyUrl'], uriKeys: ['instanceUrl', 'proxyUrl'] };

describe(settingsLimitProblems.name, () => {
  it('accepts ordinary settings, a PEM-sized secret and an @ outside the URL authority', () => {
    expect(
      settingsLimitProblems(
        { instanceUrl: 'https://acme.example.com/path@v2?user=a@b', clientSecret: 'k'.repeat(MAX_SETTING_BYTES), email: 'ops@example.com' },
        keys,
      ),
    ).toEqual([]);
  });

  it('refuses credentials in any URL, nested too, without quoting them; a secret that is not a URL setting may hold an @', () => {
    const problems = settingsLimitProblems(
      {
        instanceUrl: 'https://user:p4ss@acme.example.com',
        proxyUrl: 'https://proxy-user@proxy.example.com',
        clientSecret: 'wss://not:a-url@setting',
        auth: { endpoints: ['https://a.example.com', 'https://x:y@b.example.com'] },
      },
      keys,
    );
    expect(problems.map((p) => p.field)).toEqual(['config.instanceUrl', 'config.proxyUrl', 'config.auth.endpoints[1]']);
    expect(JSON.stringify(problems)).not.toMatch(/p4ss|proxy-user|x:y/);
    expect(problems[0]?.message).toMatch(/must not contain a user name or password/);
  });

  it('refuses a setting over 16 KiB (UTF-8 bytes) and settings over 64 KiB in all', () => {
    expect(settingsLimitProblems({ clientSecret: 'é'.repeat(MAX_SETTING_BYTES / 2 + 1) }, keys)).toEqual([
      { field: 'config.clientSecret', message: 'is longer than 16 KiB' },
    ]);
    const big = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`s${i}`, 'x'.repeat(MAX_CONFIG_BYTES / 5)]));
    expect(settingsLimitProblems(big, keys)).toEqual([{ field: 'config', message: expect.stringMatching(/larger than 64 KiB/) }]);
  });

  it('refuses prototype keys at any depth', () => {
    const config = JSON.parse('{"__proto__":{"x":1},"nested":{"constructor":{"prototype":1}}}') as Record<string, unknown>;
    expect(settingsLimitProblems(config, keys).map((p) => p.field)).toEqual([
      'config.__proto__',
      'config.nested.constructor',
      'config.nested.constructor.prototype',
    ]);
  });
});

describe('createConnectionSpecValidator with the hub limits', () => {
  const validator = createConnectionSpecValidator(spec);

  it('reports limit problems with the spec problems, and stops early on an oversized config', () => {
    const { problems } = validator.validate({ instanceUrl: 'https://a:b@acme.example.com', clientSecret: 7 });
    expect(problems).toEqual([
      { field: 'config.instanceUrl', message: expect.stringMatching(/user name or password/) },
      { field: 'config.clientSecret', message: 'must be a string' },
    ]);
    const huge = validator.validate({ other: 'x'.repeat(MAX_CONFIG_BYTES + 1) });
    expect(huge).toEqual({
      value: {},
      problems: [
        { field: 'config', message: expect.stringMatching(/64 KiB/) },
        { field: 'config.other', message: 'is longer than 16 KiB' },
      ],
    });
  });
});
