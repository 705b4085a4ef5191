import { claimName, tableNameFor, toSnakeIdentifier } from './hub-names';

describe(toSnakeIdentifier.name, () => {
  it.each([
    ['LastName', 'last_name'],
    ['Subscription_Plan__c', 'subscription_plan_c'],
    ['new_subscriptionid', 'new_subscriptionid'],
    ['HTMLBody', 'html_body'],
    ['Prénom', 'prenom'],
    ['x"; DROP TABLE y; --', 'x_drop_table_y'],
    ['123abc', 'f_123abc'],
    ['"";', 'field'],
  ])('%p → %p', (name, expected) => {
    expect(toSnakeIdentifier(name)).toBe(expected);
  });
});

describe(claimName.name, () => {
  it('avoids reserved words, hub columns and names already taken', () => {
    const taken = new Set<string>();
    expect(claimName('order', taken)).toBe('order_');
    expect(claimName('crm_id', taken)).toBe('crm_id_2');
    expect(claimName('name', taken)).toBe('name');
    expect(claimName('email', taken)).toBe('email');
    expect(claimName('email', taken)).toBe('email_2');
    expect(claimName('email', taken)).toBe('email_3');
  });

  it('keeps long names within 63 bytes and distinct', () => {
    const taken = new Set<string>();
    const a = claimName('a'.repeat(80), taken);
    const b = claimName('a'.repeat(80), taken);
    expect(Buffer.byteLength(a)).toBeLessThanOrEqual(63);
    expect(Buffer.byteLength(b)).toBeLessThanOrEqual(63);
    expect(a).not.toBe(b);
  });
});

describe(tableNameFor.name, () => {
  it('names tables crm_<account>_<object>', () => {
    const taken = new Set<string>();
    expect(tableNameFor('Salesforce Prod', 'Subscription__c', taken)).toBe('crm_salesforce_prod_subscription_c');
    expect(tableNameFor('Salesforce Prod', 'Subscription__c', taken)).toBe('crm_salesforce_prod_subscription_c_2');
  });
});
