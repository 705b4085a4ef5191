import { CheckpointExpiredError, type Checkpoint } from '@crm-hub/plugin-sdk';
import { contactDescribe, stamplessDescribe, subscriptionDescribe } from '../__fixtures__/describe-samples';
import { ObjectModel } from '../describe/object-model';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint';
import { readSoql } from './read-context';
import { planRead } from './read-plan';

const subscription = planRead(new ObjectModel(subscriptionDescribe), { object: 'Subscription__c', fields: ['Name'] }, ['eq']);
const t = '2026-03-01T10:00:00.000Z';

describe(readSoql.name, () => {
  it('renders the SDK watermark as strict (cursor, Id) conditions, with bare datetimes and a quoted id', () => {
    expect(readSoql(subscription, { modifiedAt: t, id: "a0X'1" }, Date.UTC(2026, 2, 1, 10, 5), true)).toBe(
      'SELECT Id, SystemModstamp, IsDeleted, Name FROM Subscription__c WHERE ' +
        "(SystemModstamp > 2026-03-01T10:00:00Z OR (SystemModstamp = 2026-03-01T10:00:00Z AND Id > 'a0X\\'1')) " +
        'AND SystemModstamp <= 2026-03-01T10:05:00Z ORDER BY SystemModstamp, Id',
    );
  });

  it("starts a whole stamp with >= when no id was read at it yet (Salesforce refuses Id > '')", () => {
    const soql = readSoql(subscription, { modifiedAt: t, id: '' }, undefined, false);
    expect(soql).toBe('SELECT Id, SystemModstamp, IsDeleted, Name FROM Subscription__c WHERE SystemModstamp >= 2026-03-01T10:00:00Z');
    expect(soql).not.toContain("Id > ''");
  });

  it('keeps milliseconds in datetime literals only when there are some, and bounds other cursor fields too', () => {
    const contact = planRead(new ObjectModel(contactDescribe), { object: 'Contact', fields: [] }, []);
    expect(readSoql(contact, { modifiedAt: '2026-03-01T10:00:00.250Z', id: '003A' }, undefined, true)).toContain(
      "(LastModifiedDate > 2026-03-01T10:00:00.250Z OR (LastModifiedDate = 2026-03-01T10:00:00.250Z AND Id > '003A'))",
    );
  });

  it('reads an object without a cursor in full, by Id', () => {
    const stampless = planRead(new ObjectModel(stamplessDescribe), { object: 'Stampless__c', fields: ['Name'] }, []);
    expect(readSoql(stampless, undefined, undefined, true)).toBe('SELECT Id, Name FROM Stampless__c ORDER BY Id');
  });
});

describe(encodeCheckpoint.name, () => {
  const bulk = { jobId: '750000000000001AAA', locator: 'NDAwMA', upper: Date.parse(t), seen: { modifiedAt: t, id: 'a0X2' }, query: 'f00d' };

  it('writes version 2 with the SDK watermark keys, and the Bulk position between Bulk pages', () => {
    expect(encodeCheckpoint({ cursorField: 'SystemModstamp', watermark: { modifiedAt: t, id: 'a0X1' } })).toEqual({
      v: 2,
      cursorField: 'SystemModstamp',
      modifiedAt: t,
      lastId: 'a0X1',
    });
    const between = encodeCheckpoint({ cursorField: 'SystemModstamp', watermark: { modifiedAt: t, id: 'a0X1' }, bulk });
    expect(between).toEqual({
      v: 2,
      cursorField: 'SystemModstamp',
      modifiedAt: t,
      lastId: 'a0X1',
      bulkJob: '750000000000001AAA',
      bulkLocator: 'NDAwMA',
      bulkUpper: t,
      bulkSeenAt: t,
      bulkSeenId: 'a0X2',
      bulkQuery: 'f00d',
    });
    expect(decodeCheckpoint(between, 'SystemModstamp')).toEqual({ cursorField: 'SystemModstamp', watermark: { modifiedAt: t, id: 'a0X1' }, bulk });
    expect(decodeCheckpoint(encodeCheckpoint({ cursorField: undefined }), undefined)).toEqual({ cursorField: undefined });
  });

  it.each<[string, Checkpoint]>([
    ['version 1', { v: 1, cursorField: 'SystemModstamp', modstamp: t, lastId: 'a0X1' }],
    ['another cursor field', { v: 2, cursorField: 'LastModifiedDate', modifiedAt: t, lastId: 'a0X1' }],
    ['a stamp that is not a datetime', { v: 2, cursorField: 'SystemModstamp', modifiedAt: 'yesterday', lastId: 'a0X1' }],
    ['a Bulk job without a locator', { v: 2, cursorField: 'SystemModstamp', modifiedAt: t, lastId: 'a0X1', bulkJob: '750', bulkQuery: 'f00d' }],
  ])('refuses a checkpoint with %s as expired (the host then reads in full)', (_why, checkpoint) => {
    expect(() => decodeCheckpoint(checkpoint, 'SystemModstamp')).toThrow(CheckpointExpiredError);
  });
});
