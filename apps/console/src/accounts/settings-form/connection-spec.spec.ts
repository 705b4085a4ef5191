import { alternatives, checkSetting, configToSend, isAdvanced, labelOf, requiredSettings, settingFields, valuesOf, type ConnectionSpec } from './connection-spec';

/** A connectionSpec shaped like the Salesforce plugin's: a flow decides which secrets are required. */
const salesforceLike: ConnectionSpec = {
  required: ['authFlow', 'clientId'],
  properties: {
    loginUrl: { type: 'string', format: 'uri', default: 'https://login.salesforce.com' },
    authFlow: { type: 'string', enum: ['client-credentials', 'jwt-bearer'] },
    clientId: { type: 'string', minLength: 1 },
    clientSecret: { type: 'string', 'x-secret': true },
    username: { type: 'string' },
    privateKey: { type: 'string', 'x-secret': true },
    sandbox: { type: 'boolean', default: false },
    pollIntervalMs: { type: 'integer', minimum: 1000, default: 60000 },
    apiVersion: { type: 'string', pattern: '^[1-9][0-9]\\.0$', default: '62.0' },
  },
  allOf: [
    { if: { properties: { authFlow: { const: 'client-credentials' } } }, then: { required: ['clientSecret'] } },
    { if: { properties: { authFlow: { const: 'jwt-bearer' } } }, then: { required: ['username', 'privateKey'] } },
  ],
};

/** Shaped like the Dynamics plugin's: a secret or a certificate and its key. */
const dynamicsLike: ConnectionSpec = {
  required: ['instanceUrl'],
  properties: {
    instanceUrl: { type: 'string', pattern: '^https://', title: 'Environment URL' },
    clientSecret: { type: 'string', 'x-secret': true, title: 'Client secret' },
    certificatePem: { type: 'string', title: 'Certificate (PEM)' },
    privateKeyPem: { type: 'string', 'x-secret': true, title: 'Certificate private key (PEM)' },
    pageSize: { type: 'integer', minimum: 1, maximum: 5000, default: 5000 },
  },
  oneOf: [{ required: ['clientSecret'] }, { required: ['certificatePem', 'privateKeyPem'] }],
};

const field = (spec: ConnectionSpec, name: string) => settingFields(spec).find((f) => f.name === name) as ReturnType<typeof settingFields>[number];

describe('settings form from a connectionSpec', () => {
  it('makes a field of each setting: secrets, URLs, choices, booleans, numbers, text', () => {
    expect(settingFields(salesforceLike).map((f) => [f.name, f.kind, f.label])).toEqual([
      ['loginUrl', 'url', 'Login URL'],
      ['authFlow', 'choice', 'Auth flow'],
      ['clientId', 'text', 'Client ID'],
      ['clientSecret', 'secret', 'Client secret'],
      ['username', 'text', 'Username'],
      ['privateKey', 'secret', 'Private key'],
      ['sandbox', 'boolean', 'Sandbox'],
      ['pollIntervalMs', 'integer', 'Poll interval (ms)'],
      ['apiVersion', 'text', 'API version'],
    ]);
    expect(field(dynamicsLike, 'instanceUrl')).toMatchObject({ kind: 'url', label: 'Environment URL' });
    expect(labelOf('jwtAudience')).toBe('JWT audience');
  });

  it('requires what the chosen flow requires, and names the alternatives of a oneOf', () => {
    expect([...requiredSettings(salesforceLike, {})]).toEqual(['authFlow', 'clientId']);
    expect([...requiredSettings(salesforceLike, { authFlow: 'client-credentials' })]).toEqual(['authFlow', 'clientId', 'clientSecret']);
    expect([...requiredSettings(salesforceLike, { authFlow: 'jwt-bearer' })]).toEqual(['authFlow', 'clientId', 'username', 'privateKey']);
    expect(alternatives(dynamicsLike)).toEqual([['clientSecret'], ['certificatePem', 'privateKeyPem']]);
  });

  it('puts settings with defaults that no rule names under "Advanced", but never where to connect', () => {
    const advanced = (spec: ConnectionSpec) => settingFields(spec).filter((f) => isAdvanced(f, spec)).map((f) => f.name);
    expect(advanced(salesforceLike)).toEqual(['sandbox', 'pollIntervalMs', 'apiVersion']);
    expect(advanced(dynamicsLike)).toEqual(['pageSize']);
  });

  it('checks values as they are typed: https:// only, numbers in range, patterns', () => {
    expect(checkSetting(field(salesforceLike, 'loginUrl'), 'http://login.salesforce.com')).toMatch(/must be an https:\/\/ URL/);
    expect(checkSetting(field(salesforceLike, 'loginUrl'), 'HTTPS://example.my.salesforce.com')).toBeUndefined();
    expect(checkSetting(field(dynamicsLike, 'instanceUrl'), 'ftp://x')).toMatch(/https:\/\//);
    expect(checkSetting(field(salesforceLike, 'pollIntervalMs'), '500')).toBe('must be at least 1000');
    expect(checkSetting(field(salesforceLike, 'pollIntervalMs'), '1500.5')).toBe('must be a whole number');
    expect(checkSetting(field(dynamicsLike, 'pageSize'), '6000')).toBe('must be at most 5000');
    expect(checkSetting(field(salesforceLike, 'apiVersion'), '62')).toMatch(/expected form/);
    expect(checkSetting(field(salesforceLike, 'apiVersion'), '62.0')).toBeUndefined();
    expect(checkSetting(field(salesforceLike, 'clientId'), '')).toBeUndefined(); // empty: "required" says it
  });

  it('sends what was given when creating, numbers as numbers', () => {
    const fields = settingFields(salesforceLike);
    expect(configToSend(fields, { loginUrl: 'https://x.my.salesforce.com', authFlow: 'client-credentials', clientId: 'id', clientSecret: 's3cret', pollIntervalMs: '5000', username: '' })).toEqual({
      loginUrl: 'https://x.my.salesforce.com',
      authFlow: 'client-credentials',
      clientId: 'id',
      clientSecret: 's3cret',
      pollIntervalMs: 5000,
    });
  });

  it('sends only changes when editing: an emptied setting as null, a secret only when a new one is typed', () => {
    const fields = settingFields(salesforceLike);
    const stored = { loginUrl: 'https://x.my.salesforce.com', authFlow: 'client-credentials', clientId: 'id', pollIntervalMs: 5000, sandbox: false };
    const values = valuesOf(stored);
    expect(values).toEqual({ loginUrl: 'https://x.my.salesforce.com', authFlow: 'client-credentials', clientId: 'id', pollIntervalMs: '5000', sandbox: false });
    expect(configToSend(fields, values, stored)).toEqual({});
    expect(configToSend(fields, { ...values, pollIntervalMs: '', clientSecret: 'new', sandbox: true }, stored)).toEqual({ pollIntervalMs: null, clientSecret: 'new', sandbox: true });
  });
});
