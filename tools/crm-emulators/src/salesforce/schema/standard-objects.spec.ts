import type { Connection } from 'jsforce';
import { startSalesforceEmulator } from '../start-salesforce-emulator';
import type { SalesforceEmulator } from '../salesforce-emulator.types';
import { connect, failure } from '../test-support/salesforce-test-kit';
import type { FieldDescribe, SObjectDescribe } from './describe-types';
import { ACCOUNT_RECORD_TYPES } from './account-schema';

/**
 * The values real describes give (see the emulator README for the sources): picklist lengths,
 * compound names, `extraTypeInfo`, `permissionable`, record types, the standard fields of
 * Account / Contact / Lead, and an object without `SystemModstamp`.
 */
describe('standard objects as real orgs describe them', () => {
  let sf: SalesforceEmulator;
  let conn: Connection;
  const describes = new Map<string, SObjectDescribe>();
  beforeAll(async () => {
    sf = await startSalesforceEmulator();
    conn = await connect(sf);
    for (const name of ['Account', 'AccountHistory', 'Contact', 'Lead', 'Subscription__c', 'User']) {
      describes.set(name, (await conn.describe(name)) as unknown as SObjectDescribe);
    }
  });
  afterAll(() => sf.close());

  const field = (object: string, name: string): FieldDescribe => {
    const found = describes.get(object)?.fields.find((f) => f.name === name);
    if (!found) throw new Error(`${object}.${name} is not described`);
    return found;
  };
  const values = (object: string, names: string[], key: keyof FieldDescribe) => Object.fromEntries(names.map((n) => [n, field(object, n)[key]]));

  it('gives picklists their real lengths: 40 on Account, 255 on Lead and on LeadSource', () => {
    expect(values('Account', ['Type', 'Industry', 'Rating', 'Ownership', 'AccountSource', 'CleanStatus'], 'length')).toEqual({
      Type: 40, Industry: 40, Rating: 40, Ownership: 40, AccountSource: 40, CleanStatus: 40,
    });
    expect(values('Lead', ['Status', 'Industry', 'Rating', 'LeadSource', 'CleanStatus'], 'length')).toEqual({
      Status: 255, Industry: 255, Rating: 255, LeadSource: 255, CleanStatus: 40,
    });
    expect(field('Contact', 'LeadSource')).toMatchObject({ length: 255, byteLength: 765 });
  });

  it('names the compound of name and address components; compounds are filterable, not sortable', () => {
    for (const object of ['Contact', 'Lead']) {
      expect(values(object, ['FirstName', 'LastName', 'Salutation', 'Name'], 'compoundFieldName')).toEqual({ FirstName: 'Name', LastName: 'Name', Salutation: 'Name', Name: null });
    }
    expect(values('User', ['FirstName', 'LastName'], 'compoundFieldName')).toEqual({ FirstName: 'Name', LastName: 'Name' });
    const other = describes.get('Contact')?.fields.filter((f) => f.compoundFieldName === 'OtherAddress').map((f) => f.name);
    expect(other).toEqual(['OtherStreet', 'OtherCity', 'OtherState', 'OtherPostalCode', 'OtherCountry', 'OtherLatitude', 'OtherLongitude', 'OtherGeocodeAccuracy']);
    for (const [object, name] of [['Account', 'BillingAddress'], ['Contact', 'OtherAddress'], ['Lead', 'Address']] as const) {
      expect(field(object, name)).toMatchObject({ type: 'address', filterable: true, sortable: false, groupable: false, createable: false });
    }
  });

  it('marks text kinds in extraTypeInfo: plain and rich text areas, person names, image URLs', () => {
    expect(values('Contact', ['Description', 'MailingStreet', 'Name', 'PhotoUrl', 'Email'], 'extraTypeInfo')).toEqual({
      Description: 'plaintextarea', MailingStreet: 'plaintextarea', Name: 'personname', PhotoUrl: 'imageurl', Email: null,
    });
    expect(values('Lead', ['Name', 'PhotoUrl'], 'extraTypeInfo')).toEqual({ Name: 'personname', PhotoUrl: 'imageurl' });
    expect(field('Account', 'PhotoUrl')).toMatchObject({ type: 'url', extraTypeInfo: 'imageurl', createable: false, updateable: false });
    expect(field('Subscription__c', 'Summary__c')).toMatchObject({ extraTypeInfo: 'richtextarea', htmlFormatted: true });
  });

  it('is permissionable only where field-level security can be set', () => {
    expect(values('Account', ['Phone', 'Description', 'Industry', 'Name', 'Id', 'OwnerId', 'CreatedDate', 'SystemModstamp', 'JigsawCompanyId'], 'permissionable')).toEqual({
      Phone: true, Description: true, Industry: true, Name: false, Id: false, OwnerId: false, CreatedDate: false, SystemModstamp: false, JigsawCompanyId: false,
    });
    expect(values('Contact', ['LastName', 'FirstName', 'Name', 'DoNotCall', 'IsDeleted'], 'permissionable')).toEqual({
      LastName: false, FirstName: true, Name: false, DoNotCall: true, IsDeleted: false,
    });
    // Custom fields: formulas, auto numbers and checkboxes too; not a required one.
    expect(values('Subscription__c', ['Annual_Amount__c', 'Number__c', 'Active__c', 'Plan__c', 'Start_Date__c'], 'permissionable')).toEqual({
      Annual_Amount__c: true, Number__c: true, Active__c: true, Plan__c: true, Start_Date__c: false,
    });
  });

  it('describes record types, and RecordTypeId takes one of them (the default one when left out)', async () => {
    const infos = describes.get('Account')?.recordTypeInfos.map((r) => [r.developerName, r.master, r.defaultRecordTypeMapping, r.recordTypeId]);
    expect(infos).toEqual([
      ['Customer', false, true, ACCOUNT_RECORD_TYPES[0]?.id],
      ['Partner', false, false, ACCOUNT_RECORD_TYPES[1]?.id],
      ['Master', true, false, '012000000000000AAA'],
    ]);
    expect(field('Account', 'RecordTypeId')).toMatchObject({ type: 'reference', referenceTo: ['RecordType'], relationshipName: 'RecordType', nillable: true, createable: true });
    expect(describes.get('Contact')?.recordTypeInfos.map((r) => [r.developerName, r.defaultRecordTypeMapping])).toEqual([['Master', true]]);
    expect(describes.get('Contact')?.fields.some((f) => f.name === 'RecordTypeId')).toBe(false);

    const partner = ACCOUNT_RECORD_TYPES[1]?.id as string;
    const [plain, chosen] = sf.create('Account', [{ Name: 'Default type' }, { Name: 'Partner type', RecordTypeId: partner }]) as [string, string];
    expect([sf.record('Account', plain)?.['RecordTypeId'], sf.record('Account', chosen)?.['RecordTypeId']]).toEqual([ACCOUNT_RECORD_TYPES[0]?.id, partner]);
    const refused = await conn.sobject('Account').create([{ Name: 'Bad type', RecordTypeId: '012gK0000000099AAA' }], { allOrNone: false });
    expect(refused).toEqual([expect.objectContaining({ success: false, errors: [expect.objectContaining({ statusCode: 'INVALID_CROSS_REFERENCE_KEY', fields: ['RecordTypeId'] })] })]);
  });

  it('has the standard fields a real Contact and Lead have; Lead IsConverted is createable, not updateable', () => {
    const names = (object: string) => describes.get(object)?.fields.map((f) => f.name);
    expect(names('Contact')).toEqual(expect.arrayContaining(['OtherAddress', 'CleanStatus', 'IndividualId', 'ReportsToId', 'HomePhone', 'AssistantName', 'Jigsaw', 'EmailBouncedDate', 'PhotoUrl']));
    expect(names('Lead')).toEqual(expect.arrayContaining(['CleanStatus', 'IndividualId', 'PhotoUrl', 'MobilePhone', 'DoNotCall', 'IsUnreadByOwner', 'CompanyDunsNumber']));
    expect(names('Account')).toEqual(expect.arrayContaining(['Site', 'TickerSymbol', 'Sic', 'CleanStatus', 'DunsNumber', 'NaicsCode', 'YearStarted', 'DandbCompanyId']));
    expect(field('Lead', 'IsConverted')).toMatchObject({ type: 'boolean', createable: true, updateable: false, defaultedOnCreate: true, nillable: false });
    expect(field('Lead', 'Status')).toMatchObject({ createable: true, nillable: false, defaultedOnCreate: true });
    expect(field('Contact', 'IndividualId')).toMatchObject({ referenceTo: ['Individual'], relationshipName: 'Individual' });
  });

  it('has a history object without SystemModstamp: read-only, CreatedDate its only stamp, anyType values', async () => {
    const history = describes.get('AccountHistory') as SObjectDescribe;
    expect(history).toMatchObject({ createable: false, updateable: false, deletable: false, queryable: true, replicateable: true });
    expect(history.fields.map((f) => f.name)).not.toEqual(expect.arrayContaining(['SystemModstamp']));
    expect(history.fields.some((f) => f.name === 'LastModifiedDate')).toBe(false);
    expect(values('AccountHistory', ['OldValue', 'NewValue'], 'type')).toEqual({ OldValue: 'anyType', NewValue: 'anyType' });
    const accounts = sf.seed('Account', 3);
    const rows = sf.seed('AccountHistory', 5);
    const page = await conn.query<{ Id: string; AccountId: string }>('SELECT Id, AccountId, CreatedDate, Field, NewValue FROM AccountHistory ORDER BY CreatedDate, Id');
    expect(page.records.map((r) => r.Id)).toEqual(rows);
    expect(page.records.every((r) => accounts.includes(r.AccountId))).toBe(true);
    expect((await failure(conn.query('SELECT Id FROM AccountHistory WHERE SystemModstamp > 2020-01-01T00:00:00Z'))).errorCode).toBe('INVALID_FIELD');
  });
});
