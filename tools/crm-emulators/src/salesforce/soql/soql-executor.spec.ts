import { inProcessOrg } from '../test-support/in-process-org';
import { restQueryRecord, runSoql } from './soql-executor';

const ids = (rows: { [k: string]: unknown }[]) => rows.map((r) => r['Id'] as string);
const iso = (ms: number) => new Date(ms).toISOString();

describe(runSoql.name, () => {
  it('pages a (SystemModstamp, Id) watermark with a tie-breaker through many shared stamps, exactly once each', () => {
    const org = inProcessOrg();
    const all = org.store.seed(org.schema.get('Contact'), 500, { sameModstampEvery: 50 });
    const seen: string[] = [];
    let page = org.query('SELECT Id, SystemModstamp FROM Contact ORDER BY SystemModstamp, Id LIMIT 37');
    while (page.length) {
      seen.push(...ids(page));
      const last = page[page.length - 1] as { Id: string; SystemModstamp: number };
      const t = iso(last.SystemModstamp);
      const soql = `SELECT Id, SystemModstamp FROM Contact WHERE (SystemModstamp = ${t} AND Id > '${last.Id}') OR SystemModstamp > ${t} ORDER BY SystemModstamp, Id LIMIT 37`;
      page = org.query(soql);
      // The index walk must agree with a full scan and sort of the same query.
      expect(ids(page)).toEqual(ids(org.query(soql.replace('ORDER BY SystemModstamp, Id', 'ORDER BY SystemModstamp, Id, Name'))));
    }
    expect(seen).toHaveLength(500);
    expect(new Set(seen).size).toBe(500);
    expect(all.count).toBe(500);
  });

  it('moves updated records to their new stamp and keeps Id order for Id-chunked reads', () => {
    const org = inProcessOrg();
    org.store.seed(org.schema.get('Account'), 20, { modstamp: '2026-03-01T00:00:00Z' });
    const [first, second] = ids(org.query('SELECT Id FROM Account ORDER BY Id LIMIT 2'));
    org.clock.advance(60_000);
    const def = org.schema.get('Account');
    org.writer.update([{ ...org.writer.parseJson(def, { Name: 'Renamed' }), idText: first }], true);
    const newest = org.query('SELECT Id, Name FROM Account WHERE SystemModstamp > 2026-03-01T00:00:00Z');
    expect(newest.map((r) => [r['Id'], r['Name']])).toEqual([[first, 'Renamed']]);
    expect(ids(org.query(`SELECT Id FROM Account WHERE Id > '${first}' ORDER BY Id LIMIT 1`))).toEqual([second]);
    expect(org.query('SELECT Id FROM Account')).toHaveLength(20);
  });

  it('evaluates date literals against the clock, for date and datetime fields', () => {
    const org = inProcessOrg('2026-03-10T12:00:00.000Z');
    const sub = (name: string, start: string) => ({ Name: name, Start_Date__c: start });
    org.create('Subscription__c', [sub('today', '2026-03-10'), sub('yesterday', '2026-03-09'), sub('week', '2026-03-03'), sub('old', '2026-02-01')]);
    const names = (where: string) => org.query(`SELECT Name FROM Subscription__c WHERE ${where} ORDER BY Name`).map((r) => r['Name']);
    expect(names('Start_Date__c = TODAY')).toEqual(['today']);
    expect(names('Start_Date__c = YESTERDAY')).toEqual(['yesterday']);
    expect(names('Start_Date__c = LAST_N_DAYS:7')).toEqual(['today', 'week', 'yesterday']);
    expect(names('Start_Date__c < LAST_N_DAYS:7')).toEqual(['old']);
    expect(names('Start_Date__c >= 2026-03-09 AND Start_Date__c <= 2026-03-10')).toEqual(['today', 'yesterday']);
    expect(names('CreatedDate = TODAY')).toHaveLength(4);
    expect(names('CreatedDate > 2026-03-10T11:59:59Z AND CreatedDate < 2026-03-10T14:00:01+02:00')).toHaveLength(4);
    org.clock.advance(24 * 3600_000);
    expect(names('CreatedDate = TODAY')).toEqual([]);
    expect(names('CreatedDate = YESTERDAY')).toHaveLength(4);
  });

  it('evaluates LIKE, IN, NOT IN, NOT, null checks, booleans, escapes, INCLUDES and EXCLUDES', () => {
    const org = inProcessOrg();
    org.create('Subscription__c', [
      { Name: "O'Brien 50%", Start_Date__c: '2026-01-01', Features__c: 'Api;Sso', Plan__c: 'Basic', Active__c: true },
      { Name: 'Plain_Name', Start_Date__c: '2026-01-01', Features__c: 'Support', Plan__c: 'Premium' },
      { Name: 'PlainXName', Start_Date__c: '2026-01-01' },
    ]);
    const names = (where: string) => org.query(`SELECT Name FROM Subscription__c WHERE ${where} ORDER BY Name`).map((r) => r['Name']);
    expect(names("Name LIKE 'o\\'brien%'")).toEqual(["O'Brien 50%"]);
    expect(names("Name LIKE '%50\\%'")).toEqual(["O'Brien 50%"]);
    expect(names("Name LIKE 'Plain_Name'")).toEqual(['Plain_Name', 'PlainXName']);
    expect(names("Name LIKE 'Plain\\_Name'")).toEqual(['Plain_Name']);
    expect(names("Plan__c IN ('basic', 'Premium')")).toEqual(["O'Brien 50%", 'Plain_Name']);
    expect(names("Plan__c NOT IN ('Basic')")).toEqual(['Plain_Name', 'PlainXName']);
    expect(names("NOT Plan__c = 'Basic'")).toEqual(['Plain_Name', 'PlainXName']);
    expect(names('Plan__c = null')).toEqual(['PlainXName']);
    expect(names("Plan__c != null AND Active__c = false")).toEqual(['Plain_Name']);
    expect(names("Features__c INCLUDES ('Sso;Api', 'Storage')")).toEqual(["O'Brien 50%"]);
    expect(names("Features__c INCLUDES ('Api', 'Support')")).toEqual(["O'Brien 50%", 'Plain_Name']);
    expect(names("Features__c EXCLUDES ('Api')")).toEqual(['Plain_Name', 'PlainXName']);
    expect(names("Features__c = 'sso;api'")).toEqual(["O'Brien 50%"]);
    expect(names("(Plan__c = 'Basic' OR Plan__c = 'Premium') AND NOT (Name LIKE 'O%')")).toEqual(['Plain_Name']);
  });

  it('orders by several keys with ASC/DESC and NULLS FIRST/LAST, applies OFFSET and LIMIT, counts with COUNT()', () => {
    const org = inProcessOrg();
    org.create('Account', [
      { Name: 'b', AnnualRevenue: 10 }, { Name: 'a', AnnualRevenue: 10 }, { Name: 'c' }, { Name: 'D', AnnualRevenue: 5 },
    ]);
    const order = (clause: string) => org.query(`SELECT Name FROM Account ${clause}`).map((r) => r['Name']);
    expect(order('ORDER BY AnnualRevenue DESC, Name')).toEqual(['c', 'a', 'b', 'D']);
    expect(order('ORDER BY AnnualRevenue DESC NULLS LAST, Name DESC')).toEqual(['b', 'a', 'D', 'c']);
    expect(order('ORDER BY Name LIMIT 2 OFFSET 1')).toEqual(['b', 'c']);
    const count = runSoql('SELECT COUNT() FROM Account WHERE AnnualRevenue = 10', org.schema, org.store, org.clock.nowMs(), false);
    expect(count.count).toBe(2);
  });

  it('answers REST records with canonical names, compound addresses and parent relationships', () => {
    const org = inProcessOrg();
    const [accountId] = org.create('Account', [{ Name: 'Acme', BillingCity: 'Berlin' }]);
    org.create('Contact', [{ LastName: 'Lovelace', AccountId: accountId }, { LastName: 'Orphan' }]);
    const run = runSoql("select id, account.name, ACCOUNT.BillingAddress, lastname from contact where account.name = 'acme'", org.schema, org.store, org.clock.nowMs(), false);
    const [record] = run.refs.map((ref) => restQueryRecord(run.query, org.store.table(run.query.def).resolve(ref), 'v62.0'));
    expect(record).toEqual({
      attributes: { type: 'Contact', url: expect.stringMatching(/^\/services\/data\/v62\.0\/sobjects\/Contact\/003/) },
      Id: expect.any(String),
      Account: {
        attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${accountId}` },
        Name: 'Acme',
        BillingAddress: { city: 'Berlin', country: null, geocodeAccuracy: null, latitude: null, longitude: null, postalCode: null, state: null, street: null },
      },
      LastName: 'Lovelace',
    });
    const orphan = org.query("SELECT Id FROM Contact WHERE Account.Name = null");
    expect(orphan).toHaveLength(1);
  });

  it('shows soft-deleted rows to queryAll only, with IsDeleted = true', () => {
    const org = inProcessOrg();
    const [keep, gone] = org.create('Lead', [{ LastName: 'Keep', Company: 'A' }, { LastName: 'Gone', Company: 'B' }]);
    org.writer.delete([gone as string], true);
    expect(ids(org.query('SELECT Id FROM Lead'))).toEqual([keep]);
    expect(org.query('SELECT Id, IsDeleted FROM Lead WHERE IsDeleted = true', true).map((r) => r['Id'])).toEqual([gone]);
  });

  it.each([
    ['SELECT Id, Nmae FROM Account', 'INVALID_FIELD', "\nSELECT Id, Nmae FROM Account\n           ^\nERROR at Row:1:Column:12\nNo such column 'Nmae' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names."],
    ['SELECT Id FROM Acount', 'INVALID_TYPE', "\nSELECT Id FROM Acount\n               ^\nERROR at Row:1:Column:16\nsObject type 'Acount' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names."],
    ["SELECT Id FROM Account WHERE CreatedDate > '2026-01-01'", 'INVALID_QUERY_FILTER_OPERATOR', "value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes"],
    ['SELECT Id FROM Account WHERE CreatedDate > 2026-01-01', 'INVALID_QUERY_FILTER_OPERATOR', "must be of type dateTime"],
    ['SELECT Id FROM Account WHERE Name = 5', 'INVALID_QUERY_FILTER_OPERATOR', "must be of type string and should be enclosed in quotes"],
    ["SELECT Id FROM Account WHERE Id = 'nope'", 'INVALID_QUERY_FILTER_OPERATOR', 'invalid ID field: nope'],
    ['SELECT Id FROM Account OFFSET 2001', 'NUMBER_OUTSIDE_VALID_RANGE', 'Maximum SOQL offset allowed is 2000'],
    ["SELECT Id FROM Subscription__c WHERE Notes__c = 'x'", 'INVALID_FIELD', "field 'Notes__c' can not be filtered in a query call"],
    ['SELECT Id FROM Subscription__c ORDER BY Features__c', 'INVALID_FIELD', "field 'Features__c' can not be sorted in a query call"],
    ["SELECT Id FROM Subscription__c WHERE Plan__c INCLUDES ('Basic')", 'INVALID_QUERY_FILTER_OPERATOR', 'includes or excludes operator only valid on multipicklist field'],
    ['SELECT Id, Owner__r.Name FROM Subscription__c', 'INVALID_FIELD', "Didn't understand relationship 'Owner__r' in field path."],
  ])('refuses %s with %s and the real message', (soql, code, message) => {
    const error = inProcessOrg().queryError(soql);
    expect(error.errorCode).toBe(code);
    expect(error.message).toContain(message);
  });
});
