import { fail } from '../conformance-error';
import { defineRule } from '../rule-session';

/**
 * Rule `metering` (contract rule 6): across each operation (check, discover, a full read, an
 * insert when declared), `ctx.meter.call()` counts at least as many calls as the CRM served
 * requests.
 *
 * @example
 * ```ts
 * await meteringRule.run(options);
 * ```
 */
export const meteringRule = defineRule('metering', 'counts every CRM request with ctx.meter.call()', async (session) => {
  const { crm, object, pageSize, plugin } = session.options;
  await crm.reset(object);
  await crm.createRecords(object, pageSize * 2);
  const { connector, test } = await session.open();
  const problems: string[] = [];
  const measure = async (what: string, operation: () => Promise<unknown>): Promise<void> => {
    const requests = await crm.requestCount();
    const calls = test.totalCalls();
    await operation();
    const served = (await crm.requestCount()) - requests;
    const counted = test.totalCalls() - calls;
    if (counted < served) problems.push(`${what}: the CRM served ${served} request(s), meter.call() counted ${counted}`);
  };

  await measure('check()', () => session.call('check()', () => connector.check()));
  await measure('discover()', () => session.describeObject(connector));
  await measure(`a full read with pageSize ${pageSize}`, () => session.read(connector, { object, fields: [], pageSize }));
  if (plugin.manifest.capabilities.write.insert) {
    const records = [{ ref: 'metered-1', data: crm.validRecord(object, 31) }];
    await measure('write({ operation: insert })', () =>
      session.call('write()', () => connector.write({ object, operation: 'insert', records })),
    );
  }
  if (problems.length) fail(`${problems.join('; ')}: count every request to the CRM with ctx.meter.call(kind)`);
});
