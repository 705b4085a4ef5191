import { conformanceRules, ConformanceError, type ConformanceOptions, type ConformanceRule } from './index';
import { leakedTimers, type MemoryPluginFlaw } from './__fixtures__/memory-connector';
import { memoryOptions } from './__fixtures__/memory-plugin';

function rule(id: string): ConformanceRule {
  const found = conformanceRules.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

/** Runs a rule expecting it to fail, and returns its ConformanceError. */
async function failure(id: string, options: ConformanceOptions): Promise<ConformanceError> {
  const outcome: unknown = await rule(id)
    .run(options)
    .then(
      () => 'passed',
      (err: unknown) => err,
    );
  expect(outcome).toBeInstanceOf(ConformanceError);
  return outcome as ConformanceError;
}

afterAll(() => {
  leakedTimers.forEach((timer) => clearInterval(timer));
  leakedTimers.clear();
});

describe('conformanceRules', () => {
  it('has one rule per contract rule, with unique ids', () => {
    const ids = conformanceRules.map((r) => r.id);
    expect(ids).toEqual([
      'manifest',
      'check',
      'discover',
      'full-read',
      'resume',
      'absent-not-null',
      'paced-read',
      'cold-lazy',
      'writes',
      'metering',
    ]);
    expect(Object.isFrozen(conformanceRules)).toBe(true);
  });

  it.each<[MemoryPluginFlaw, string, RegExp]>([
    ['eager-read', 'cold-lazy', /read\(\) before anyone subscribed .* made 1 request/],
    ['endless-poll', 'cold-lazy', /after unsubscribing from changes\(\) after its first change, the CRM served \d+ more request/],
    ['leaky-interval', 'cold-lazy', /after dispose\(\), handles the connector opened still keep the process alive: Timeout, Timeout/],
    ['boundary-ge', 'resume', /with nothing changed in the CRM, emitted .* again/],
    ['boundary-gt', 'resume', /30 records share one modification time; .* missed 20 records/],
    ['shuffled-writes', 'writes', /result #1 has ref "insert-3", expected "insert-1"/],
    ['unmetered', 'metering', /check\(\): the CRM served 1 request\(s\), meter\.call\(\) counted 0/],
    ['accepts-http', 'check', /'baseUrl' set to an http:\/\/ URL answered \{"ok":true.*must reject with InsecureUrlError/],
    ['bad-catalog', 'discover', /field 'Level' has the non-canonical type "picklist"/],
    ['float-decimals', 'full-read', /field 'Amount' \(currency\): a number; currency values are exact decimal strings/],
    [
      'update-drops-fields',
      'writes',
      /after update-1 \(update\), which write\(\) reported ok, record \S+ does not hold the data written: LastName: wrote "Valid 11", the CRM holds "Valid 1"/,
    ],
    [
      'upsert-ignores-match',
      'writes',
      /a full read finds 2 records with ExternalId = "ext-21" .*: upsert must update the record whose 'ExternalId' \(the matchField\)/,
    ],
    [
      'nulls-for-absent',
      'absent-not-null',
      /says null where the CRM holds a value: record \S+, field 'LastName' \(the CRM holds "Seed 1"\).* turned an absent field into null \(absent is not null\)/,
    ],
    [
      'unpaced-read',
      'paced-read',
      /the plugin read ahead 5 pages while its consumer paused.*plain Observable.*build read\(\) with pacedStream/,
    ],
  ])('catches the %s variant with the %s rule', async (flaw, id, message) => {
    const err = await failure(id, memoryOptions(flaw));
    expect(err.rule).toBe(id);
    expect(err.message.startsWith(`[${id}] `)).toBe(true);
    expect(err.message).toMatch(message);
  });

  it.each(['writes', 'absent-not-null'])('%s fails without crm.readRecord, saying to provide it', async (id) => {
    const options = memoryOptions();
    const { readRecord: _omitted, ...crm } = options.crm;
    const err = await failure(id, { ...options, crm });
    expect(err.message).toMatch(/^\[[a-z-]+\] crm\.readRecord is not provided, and .*give your ConformanceCrm a readRecord\(object, id\)/);
  });

  it('fails a read whose iterator keeps requesting after return() (paced-read)', async () => {
    const err = await failure('paced-read', memoryOptions('ignores-return'));
    expect(err.message).toMatch(/broke out of its for-await loop \(iterator\.return\(\)\), the CRM served \d+ more request/);
  });

  it.each(conformanceRules.map((r) => [r.id]))('%s fails a plugin that logs its secret, without quoting the secret', async (id) => {
    const options = memoryOptions('logs-secret');
    const err = await failure(id, options);
    expect(err.message).toMatch(/the value of the secret setting 'apiToken' appears in log line #1 \(debug\) of connector #1/);
    expect(err.message).not.toContain(String(options.config['apiToken']));
  });

  it('refuses a plugin not made by defineCrmPlugin (manifest)', async () => {
    const options = memoryOptions();
    const { manifest, contract, sdkVersion, createConnector } = options.plugin;
    const err = await failure('manifest', { ...options, plugin: { manifest, contract, sdkVersion, createConnector } });
    expect(err.message).toMatch(/not branded/);
  });

  it('lets the good plugin pass each rule run directly', async () => {
    for (const r of conformanceRules) await expect(r.run(memoryOptions())).resolves.toBeUndefined();
  });

  it('refuses options that cannot work with a TypeError, not a verdict on the plugin', async () => {
    await expect(rule('check').run({ ...memoryOptions(), pageSize: 1, object: '' })).rejects.toThrow(
      new TypeError('Invalid conformance options: object must be a non-empty string; pageSize must be an integer ≥ 2'),
    );
  });
});
