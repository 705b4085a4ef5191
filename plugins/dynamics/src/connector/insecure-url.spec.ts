import { InsecureUrlError } from '@crm-hub/plugin-sdk';
import { collect } from '@crm-hub/plugin-testing';
import { startHarness, type DataverseHarness } from '../test-support/dataverse-harness';
import { DynamicsConnector } from './dynamics-connector';

describe(`${DynamicsConnector.name} and http:// URLs`, () => {
  let h: DataverseHarness;
  beforeAll(async () => (h = await startHarness()));
  afterAll(() => h.close());

  it('refuses an http:// instance URL in check(), read() and write(), without sending anything', async () => {
    const before = h.emulator.counters.total();
    const { connector, test } = await h.open({ instanceUrl: h.emulator.url.replace('https:', 'http:') });
    const error = await connector.check().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsecureUrlError);
    expect(error).toMatchObject({ setting: 'instanceUrl' });
    await expect(collect(connector.read({ object: 'contact', fields: [] }), { timeoutMs: 5_000 })).rejects.toBeInstanceOf(InsecureUrlError);
    await expect(connector.write({ object: 'contact', operation: 'delete', records: [{ ref: 'x', id: '00000000-0000-0000-0000-000000000001' }] })).rejects.toBeInstanceOf(
      InsecureUrlError,
    );
    expect(h.emulator.counters.total()).toBe(before);
    expect(test.totalCalls()).toBe(0);
  });

  it('refuses an http:// authority URL too', async () => {
    const { connector } = await h.open({ authorityUrl: h.emulator.authorityUrl.replace('https:', 'http:') });
    await expect(connector.check()).rejects.toMatchObject({ name: 'InsecureUrlError', setting: 'authorityUrl' });
  });

  it('answers ok: false for a config without a credential', async () => {
    const { connector } = await h.open({ clientSecret: undefined });
    await expect(connector.check()).resolves.toEqual({
      ok: false,
      reason: "A credential is required: 'clientSecret', or 'certificatePem' + 'privateKeyPem'",
    });
  });
});
