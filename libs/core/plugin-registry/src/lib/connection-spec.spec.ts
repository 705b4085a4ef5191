import type { JsonSchema } from '@crm-hub/plugin-sdk';
import { connectionSpecProblems, createConnectionSpecValidator } from './connection-spec';

const spec: JsonSchema = {
  type: 'object',
  required: ['instanceUrl', 'clientSecret'],
  properties: {
    instanceUrl: { type: 'string', format: 'uri', 'x-order': 1 },
    loginUrl: { type: 'string', format: 'uri', default: 'https://login.example.com' },
    clientSecret: { type: 'string', minLength: 12, pattern: '^[A-Z0-9]+$', 'x-secret': true },
    apiVersion: { type: 'string', default: '62.0' },
    tenant: { type: 'object', properties: { region: { type: 'string', enum: ['eu', 'us'] } } },
    scopes: { type: 'array', items: { type: 'string' } },
  },
};

describe(createConnectionSpecValidator.name, () => {
  const validator = createConnectionSpecValidator(spec);

  it('lists the secret and uri settings', () => {
    expect(validator.secretKeys).toEqual(['clientSecret']);
    expect(validator.uriKeys).toEqual(['instanceUrl', 'loginUrl']);
  });

  it('applies defaults to a copy and leaves the caller’s object alone', () => {
    const config = { instanceUrl: 'https://acme.example.com', clientSecret: 'ABCDEF123456' };

    const { value, problems } = validator.validate(config);

    expect(problems).toEqual([]);
    expect(value).toEqual({ ...config, loginUrl: 'https://login.example.com', apiVersion: '62.0' });
    expect(config).toEqual({ instanceUrl: 'https://acme.example.com', clientSecret: 'ABCDEF123456' });
  });

  it('refuses unknown top-level settings unless the spec allows them', () => {
    const config = { instanceUrl: 'https://acme.example.com', clientSecret: 'ABCDEF123456', instanceURL: 'https://x.example.com' };

    expect(validator.validate(config).problems).toEqual([
      { field: 'config.instanceURL', message: 'is not a setting of this plugin: remove it (or check its spelling)' },
    ]);
    const open = createConnectionSpecValidator({ ...spec, additionalProperties: true });
    expect(open.validate(config).problems).toEqual([]);
  });

  it('refuses a uri that is not https, naming the field and saying to use https', () => {
    const { problems } = validator.validate({ instanceUrl: 'http://acme.example.com', clientSecret: 'ABCDEF123456', loginUrl: 'ftp://x.example.com' });

    expect(problems).toEqual([
      { field: 'config.instanceUrl', message: 'must be an https:// URL (the hub refuses http:// and other schemes): use the https:// address' },
      { field: 'config.loginUrl', message: 'must be an https:// URL (the hub refuses http:// and other schemes): use the https:// address' },
    ]);
  });

  it('reports every problem at once, with readable messages and nested field names', () => {
    const { problems } = validator.validate({ instanceUrl: 'not a url', tenant: { region: 'mars' }, scopes: ['a', 7], apiVersion: 62 });

    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'config.clientSecret', message: 'is required' },
        { field: 'config.instanceUrl', message: 'must be an absolute URL such as https://example.com' },
        { field: 'config.apiVersion', message: 'must be a string' },
        { field: 'config.tenant.region', message: 'must be one of "eu", "us"' },
        { field: 'config.scopes[1]', message: 'must be a string' },
      ]),
    );
    expect(problems).toHaveLength(5);
  });

  it('never echoes the value of a secret in its messages', () => {
    const secrets = ['short-secret', 'lower-case-secret-value', 'http://secret.example.com'];
    for (const clientSecret of secrets) {
      const { problems } = validator.validate({ instanceUrl: 'https://acme.example.com', clientSecret });

      expect(problems.map((p) => p.field)).toContain('config.clientSecret');
      expect(JSON.stringify(problems)).not.toContain(clientSecret);
    }
  });

  it('refuses a config that is not an object', () => {
    expect(validator.validate('https://acme.example.com').problems).toEqual([{ field: 'config', message: 'must be an object of settings' }]);
  });

  it('accepts vendor annotations (x-… keywords) under strict mode but refuses unknown keywords', () => {
    expect(() => createConnectionSpecValidator({ type: 'object', properties: { a: { type: 'string', 'x-widget': 'textarea' } } })).not.toThrow();
    expect(() => createConnectionSpecValidator({ type: 'object', properties: { a: { type: 'string', widget: 'textarea' } } })).toThrow(
      /unknown keyword: "widget"/,
    );
  });
  it('takes settings required by one variant only (if/then, oneOf), as auth flows need', () => {
    const validator = createConnectionSpecValidator({
      type: 'object',
      properties: {
        flow: { type: 'string', enum: ['secret', 'certificate'] },
        clientSecret: { type: 'string', 'x-secret': true },
        certificatePem: { type: 'string' },
      },
      required: ['flow'],
      allOf: [{ if: { properties: { flow: { const: 'secret' } } }, then: { required: ['clientSecret'] } }],
      oneOf: [{ required: ['clientSecret'] }, { required: ['certificatePem'] }],
    });
    expect(validator.validate({ flow: 'secret', clientSecret: 's3cret-value' }).problems).toEqual([]);
    expect(validator.validate({ flow: 'secret', certificatePem: 'pem' }).problems).toEqual(
      expect.arrayContaining([{ field: 'config.clientSecret', message: 'is required' }]),
    );
  });
});

describe(connectionSpecProblems.name, () => {
  it('allows x-secret and format uri only on top-level string properties', () => {
    expect(
      connectionSpecProblems({
        type: 'object',
        'x-secret': true,
        properties: {
          ok: { type: 'string', format: 'uri', 'x-secret': true },
          port: { type: 'integer', 'x-secret': true },
          list: { type: 'array', items: { type: 'string', format: 'uri' } },
          flag: { type: 'string', 'x-secret': 'yes' },
        },
        oneOf: [{ properties: { hidden: { type: 'string', 'x-secret': true } } }],
        // data, not schema: never inspected
        default: { 'x-secret': true, format: 'uri' },
      }),
    ).toEqual([
      'connectionSpec: "x-secret" is only allowed on top-level string properties',
      'connectionSpec.properties.port: "x-secret" is only allowed on top-level string properties',
      'connectionSpec.properties.list.items: format "uri" is only allowed on top-level string properties',
      'connectionSpec.properties.flag: "x-secret" must be true or false',
      'connectionSpec.oneOf.0.properties.hidden: "x-secret" is only allowed on top-level string properties',
    ]);
  });
});
