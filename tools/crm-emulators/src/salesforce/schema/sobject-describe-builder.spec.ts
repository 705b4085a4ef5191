import type { Connection } from 'jsforce';
import { startSalesforceEmulator } from '../start-salesforce-emulator';
import type { SalesforceEmulator } from '../salesforce-emulator.types';
import { connect, failure, rest } from '../test-support/salesforce-test-kit';
import { sobjectDescribe } from './sobject-describe-builder';

/** Keys and JS types of a real describe (REST v61 responses; crm-protocols.md §4.2). */
const FIELD_KEYS: Record<string, string> = {
  aggregatable: 'boolean', aiPredictionField: 'boolean', autoNumber: 'boolean', byteLength: 'number', calculated: 'boolean',
  calculatedFormula: 'string|null', cascadeDelete: 'boolean', caseSensitive: 'boolean', compoundFieldName: 'string|null',
  controllerName: 'string|null', createable: 'boolean', custom: 'boolean', defaultValue: 'string|boolean|number|null',
  defaultValueFormula: 'string|null', defaultedOnCreate: 'boolean', dependentPicklist: 'boolean', deprecatedAndHidden: 'boolean',
  digits: 'number', displayLocationInDecimal: 'boolean', encrypted: 'boolean', externalId: 'boolean', extraTypeInfo: 'string|null',
  filterable: 'boolean', filteredLookupInfo: 'object|null', formulaTreatNullNumberAsZero: 'boolean', groupable: 'boolean',
  highScaleNumber: 'boolean', htmlFormatted: 'boolean', idLookup: 'boolean', inlineHelpText: 'string|null', label: 'string',
  length: 'number', mask: 'string|null', maskType: 'string|null', name: 'string', nameField: 'boolean', namePointing: 'boolean',
  nillable: 'boolean', permissionable: 'boolean', picklistValues: 'array', polymorphicForeignKey: 'boolean', precision: 'number',
  queryByDistance: 'boolean', referenceTargetField: 'string|null', referenceTo: 'array', relationshipName: 'string|null',
  relationshipOrder: 'number|null', restrictedDelete: 'boolean', restrictedPicklist: 'boolean', scale: 'number',
  searchPrefilterable: 'boolean', soapType: 'string', sortable: 'boolean', type: 'string', unique: 'boolean', updateable: 'boolean',
  writeRequiresMasterRead: 'boolean',
};
const GLOBAL_KEYS: Record<string, string> = {
  activateable: 'boolean', associateEntityType: 'string|null', associateParentEntity: 'string|null', createable: 'boolean', custom: 'boolean',
  customSetting: 'boolean', deepCloneable: 'boolean', deletable: 'boolean', deprecatedAndHidden: 'boolean', feedEnabled: 'boolean',
  hasSubtypes: 'boolean', isInterface: 'boolean', isSubtype: 'boolean', keyPrefix: 'string|null', label: 'string', labelPlural: 'string',
  layoutable: 'boolean', mergeable: 'boolean', mruEnabled: 'boolean', name: 'string', queryable: 'boolean', replicateable: 'boolean',
  retrieveable: 'boolean', searchable: 'boolean', triggerable: 'boolean', undeletable: 'boolean', updateable: 'boolean', urls: 'object',
};
const OBJECT_KEYS: Record<string, string> = {
  ...GLOBAL_KEYS, actionOverrides: 'array', childRelationships: 'array', compactLayoutable: 'boolean', defaultImplementation: 'string|null',
  extendedBy: 'string|null', extendsInterfaces: 'string|null', fields: 'array', implementedBy: 'string|null', implementsInterfaces: 'string|null',
  listviewable: 'boolean|null', lookupLayoutable: 'boolean|null', namedLayoutInfos: 'array', networkScopeFieldName: 'string|null',
  recordTypeInfos: 'array', searchLayoutable: 'boolean', sobjectDescribeOption: 'string', supportedScopes: 'array',
};
const PICKLIST_KEYS = { active: 'boolean', defaultValue: 'boolean', label: 'string', validFor: 'string|null', value: 'string' };
const CHILD_KEYS = { cascadeDelete: 'boolean', childSObject: 'string', deprecatedAndHidden: 'boolean', field: 'string', junctionIdListNames: 'array', junctionReferenceTo: 'array', relationshipName: 'string|null', restrictedDelete: 'boolean' };
const RECORD_TYPE_KEYS = { active: 'boolean', available: 'boolean', defaultRecordTypeMapping: 'boolean', developerName: 'string', master: 'boolean', name: 'string', recordTypeId: 'string', urls: 'object' };
const FIELD_TYPES = new Set(['id', 'string', 'textarea', 'picklist', 'multipicklist', 'combobox', 'reference', 'boolean', 'int', 'double', 'currency', 'percent', 'date', 'datetime', 'time', 'email', 'phone', 'url', 'encryptedstring', 'address', 'location', 'base64', 'anyType']);
const OBJECTS = ['Account', 'AccountHistory', 'Contact', 'Group', 'Lead', 'Opportunity', 'Subscription__c', 'Task', 'User'];
/** The stamps and system fields each object has: setup objects have no recycle bin nor owner, history rows never change. */
const SYSTEM_FIELDS: Record<string, string[]> = {
  AccountHistory: ['Id', 'IsDeleted', 'CreatedDate', 'CreatedById'],
  Group: ['Id', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp'],
  User: ['Id', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp'],
};
const DATA_OBJECT_FIELDS = ['Id', 'IsDeleted', 'OwnerId', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp'];

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/** Differences between an object's keys/types and the expected shape: [] when it matches exactly. */
function shapeErrors(where: string, value: Record<string, unknown>, shape: Record<string, string>): string[] {
  const errors = Object.entries(shape)
    .filter(([key, types]) => !(key in value) || !types.split('|').includes(typeOf(value[key])))
    .map(([key, types]) => `${where}.${key}: expected ${types}, got ${key in value ? typeOf(value[key]) : 'missing'}`);
  return [...errors, ...Object.keys(value).filter((k) => !(k in shape)).map((k) => `${where}.${k}: unexpected key`)];
}

describe(sobjectDescribe.name, () => {
  let sf: SalesforceEmulator;
  let conn: Connection;
  beforeAll(async () => {
    sf = await startSalesforceEmulator();
    conn = await connect(sf);
  });
  afterAll(() => sf.close());

  it('answers describeGlobal with every real key, correctly typed, for every object', async () => {
    const global = (await conn.describeGlobal()) as unknown as { encoding: string; maxBatchSize: number; sobjects: Record<string, unknown>[] };
    expect(global).toMatchObject({ encoding: 'UTF-8', maxBatchSize: 200 });
    expect(global.sobjects.map((s) => s['name'])).toEqual(OBJECTS);
    expect(global.sobjects.flatMap((s) => shapeErrors(String(s['name']), s, GLOBAL_KEYS))).toEqual([]);
    expect(global.sobjects.map((s) => s['keyPrefix'])).toEqual(['001', '017', '003', '00G', '00Q', '006', 'a0X', '00T', '005']);
  });

  it.each(OBJECTS)('describes %s field by field in the real describe shape', async (name) => {
    const describe = (await conn.describe(name)) as unknown as Record<string, unknown> & { fields: Record<string, unknown>[] };
    const errors = [
      ...shapeErrors(name, describe, OBJECT_KEYS),
      ...describe.fields.flatMap((f) => shapeErrors(`${name}.${String(f['name'])}`, f, FIELD_KEYS)),
      ...describe.fields.flatMap((f) => (f['picklistValues'] as Record<string, unknown>[]).flatMap((p) => shapeErrors(`${String(f['name'])}.picklist`, p, PICKLIST_KEYS))),
      ...(describe['childRelationships'] as Record<string, unknown>[]).flatMap((c) => shapeErrors(`${name}.child`, c, CHILD_KEYS)),
      ...(describe['recordTypeInfos'] as Record<string, unknown>[]).flatMap((r) => shapeErrors(`${name}.recordType`, r, RECORD_TYPE_KEYS)),
      ...describe.fields.filter((f) => !FIELD_TYPES.has(f['type'] as string)).map((f) => `${String(f['name'])}: type ${String(f['type'])}`),
      ...describe.fields.filter((f) => (f['referenceTo'] as unknown[]).some((r) => typeof r !== 'string')).map((f) => `${String(f['name'])}: referenceTo`),
    ];
    expect(errors).toEqual([]);
    const names = describe.fields.map((f) => f['name']);
    expect(names).toEqual(expect.arrayContaining(SYSTEM_FIELDS[name] ?? DATA_OBJECT_FIELDS));
    expect(new Set(names).size).toBe(names.length);
    // Record types: Master always, last; RecordTypeId exactly where there are others.
    const recordTypes = describe['recordTypeInfos'] as { master: boolean; defaultRecordTypeMapping: boolean }[];
    expect(recordTypes[recordTypes.length - 1]).toMatchObject({ master: true });
    expect(recordTypes.filter((r) => r.defaultRecordTypeMapping)).toHaveLength(1);
    expect(names.includes('RecordTypeId')).toBe(recordTypes.length > 1);
  });

  it('has the custom object the issue asks for: external id, multi-select, dependent and restricted picklists, lookup, typed fields', async () => {
    const { fields } = await conn.describe('Subscription__c');
    const field = (name: string) => fields.find((f) => f.name === name) as unknown as Record<string, unknown>;
    expect(field('External_Id__c')).toMatchObject({ type: 'string', externalId: true, unique: true, idLookup: true, caseSensitive: false });
    expect(field('Features__c')).toMatchObject({ type: 'multipicklist', restrictedPicklist: false });
    expect(field('Plan__c')).toMatchObject({ type: 'picklist', restrictedPicklist: true });
    expect(field('Account__c')).toMatchObject({ type: 'reference', referenceTo: ['Account'], relationshipName: 'Account__r' });
    expect(field('Annual_Amount__c')).toMatchObject({ type: 'currency', calculated: true, calculatedFormula: 'Amount__c * 12', createable: false });
    const types = new Set(fields.map((f) => f.type));
    for (const type of ['currency', 'percent', 'date', 'datetime', 'time', 'boolean', 'textarea', 'double', 'email']) expect(types).toContain(type);
    const country = field('Country__c');
    expect(country).toMatchObject({ dependentPicklist: true, controllerName: 'Region__c' });
    const regions = (field('Region__c')['picklistValues'] as { value: string }[]).map((p) => p.value);
    const japan = (country['picklistValues'] as { value: string; validFor: string }[]).find((p) => p.value === 'Japan');
    const bits = Buffer.from(japan?.validFor ?? '', 'base64');
    expect(regions.filter((_, i) => ((bits[i >> 3] ?? 0) & (0x80 >> (i & 7))) !== 0)).toEqual(['APAC']);
  });

  it('carries what catalogs need: defaults on create, auto numbers, rich text, image URLs, polymorphic lookups', async () => {
    const { fields } = await conn.describe('Subscription__c');
    const field = (name: string) => fields.find((f) => f.name === name) as unknown as Record<string, unknown>;
    expect(field('Number__c')).toMatchObject({ type: 'string', autoNumber: true, calculated: false, createable: false, defaultedOnCreate: true });
    expect(field('Summary__c')).toMatchObject({ type: 'textarea', extraTypeInfo: 'richtextarea', htmlFormatted: true });
    expect(field('Notes__c')).toMatchObject({ extraTypeInfo: 'plaintextarea' });
    expect(field('Name')).toMatchObject({ nameField: true, defaultedOnCreate: true });
    const lead = (await conn.describe('Lead')).fields.find((f) => f.name === 'Status');
    expect(lead).toMatchObject({ nillable: false, createable: true, defaultedOnCreate: true });
    const photo = (await conn.describe('User')).fields.find((f) => f.name === 'SmallPhotoUrl');
    expect(photo).toMatchObject({ type: 'url', extraTypeInfo: 'imageurl' });
    const task = await conn.describe('Task');
    const lookup = (name: string) => task.fields.find((f) => f.name === name) as unknown as Record<string, unknown>;
    expect(lookup('WhoId')).toMatchObject({ referenceTo: ['Contact', 'Lead'], relationshipName: 'Who', polymorphicForeignKey: true });
    expect(lookup('WhatId')).toMatchObject({ referenceTo: ['Account', 'Opportunity', 'Subscription__c'], relationshipName: 'What', polymorphicForeignKey: true });
    expect(lookup('OwnerId')).toMatchObject({ referenceTo: ['Group', 'User'], polymorphicForeignKey: true });
    const [a, b] = sf.seed('Subscription__c', 2) as [string, string];
    const numbers = [sf.record('Subscription__c', a)?.['Number__c'], sf.record('Subscription__c', b)?.['Number__c']] as string[];
    expect(numbers.every((n) => /^SN-\d{6}$/.test(n)) && numbers[0] < numbers[1]).toBe(true);
  });

  it('stores polymorphic lookups to any of their targets, and refuses other objects', async () => {
    const [lead] = sf.create('Lead', [{ LastName: 'Lead', Company: 'Acme' }]);
    const [contact] = sf.create('Contact', [{ LastName: 'Contact' }]);
    const [account] = sf.create('Account', [{ Name: 'Acme' }]);
    const [task] = sf.create('Task', [{ Subject: 'Call', WhoId: lead, WhatId: account }]) as [string];
    expect(sf.record('Task', task)).toMatchObject({ WhoId: lead, WhatId: account, Status: 'Not Started', Priority: 'Normal', OwnerId: sf.records('User')[0]?.['Id'] });
    sf.update('Task', [task], { WhoId: contact });
    expect(sf.record('Task', task)?.['WhoId']).toBe(contact);
    expect(() => sf.update('Task', [task], { WhoId: account })).toThrow(/FIELD_INTEGRITY_EXCEPTION/);
    const rows = await conn.query<{ Id: string; WhoId: string }>(`SELECT Id, WhoId FROM Task WHERE Id = '${task}'`);
    expect(rows.records.map((r) => r.WhoId)).toEqual([contact]);
  });

  it('describes compound addresses and their components', async () => {
    const { fields } = await conn.describe('Account');
    expect(fields.find((f) => f.name === 'BillingAddress')).toMatchObject({ type: 'address', createable: false, updateable: false, compoundFieldName: null });
    const parts = fields.filter((f) => f.compoundFieldName === 'BillingAddress').map((f) => f.name);
    expect(parts).toEqual(['BillingStreet', 'BillingCity', 'BillingState', 'BillingPostalCode', 'BillingCountry', 'BillingLatitude', 'BillingLongitude', 'BillingGeocodeAccuracy']);
    const contact = await conn.describe('Account');
    expect(contact.childRelationships.map((c) => `${c.childSObject}.${c.field}:${c.relationshipName}`)).toEqual(
      expect.arrayContaining(['Contact.AccountId:Contacts', 'Opportunity.AccountId:Opportunities', 'Subscription__c.Account__c:Subscriptions__r']),
    );
  });

  it('answers 304 to If-Modified-Since until an admin changes the object, then shows the change', async () => {
    const since = new Date(sf.clock.nowMs() + 1000).toUTCString();
    expect((await rest(conn, '/sobjects/Lead/describe', { headers: { 'If-Modified-Since': since } })).status).toBe(304);
    expect((await rest(conn, '/sobjects', { headers: { 'If-Modified-Since': since } })).status).toBe(304);
    sf.clock.advance(5000);
    sf.addField('Lead', { name: 'Score__c', type: 'double', label: 'Score', precision: 5, scale: 1 });
    const changed = await rest(conn, '/sobjects/Lead/describe', { headers: { 'If-Modified-Since': since } });
    expect(changed.status).toBe(200);
    const score = ((await changed.json()) as { fields: Record<string, unknown>[] }).fields.find((f) => f['name'] === 'Score__c');
    expect(score && shapeErrors('Score__c', score, FIELD_KEYS)).toEqual([]);
    expect(score).toMatchObject({ custom: true, precision: 5, scale: 1, soapType: 'xsd:double' });
    sf.removeField('Lead', 'Score__c');
    expect((await conn.describe('Lead')).fields.some((f) => f.name === 'Score__c')).toBe(false);
  });

  it('answers 404 NOT_FOUND for an unknown object', async () => {
    expect((await failure(conn.describe('Nope__c'))).errorCode).toBe('NOT_FOUND');
  });
});
