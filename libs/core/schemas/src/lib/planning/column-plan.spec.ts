import type { CrmField, CrmObject } from '@crm-hub/plugin-sdk';
import { columnTypeFor, expandSelection, planFields } from './column-plan';

const base = { label: 'x', nativeType: 'x', nullable: true, createable: true, updateable: true, externalId: false, unique: false };
const field = (name: string, type: CrmField['type'], extra: Partial<CrmField> = {}): CrmField => ({ ...base, name, type, ...extra });

const contact: CrmObject = {
  name: 'Contact',
  label: 'Contact',
  custom: false,
  idField: 'Id',
  incremental: 'cursor',
  fields: [
    field('Id', 'id', { length: 18 }),
    field('LastName', 'string', { length: 80 }),
    field('MailingAddress', 'address', { components: ['MailingStreet', 'MailingCity'] }),
    field('MailingStreet', 'text'),
    field('MailingCity', 'string', { length: 40 }),
    field('Order', 'string', { length: 10 }),
    field('x"; DROP TABLE y; --', 'string', { length: 10 }),
  ],
};

describe(columnTypeFor.name, () => {
  it.each<[CrmField, unknown]>([
    [field('A', 'currency', { precision: 18, scale: 2 }), { kind: 'decimal', precision: 18, scale: 2 }],
    [field('A', 'decimal'), { kind: 'decimal' }],
    [field('A', 'string', { length: 80 }), { kind: 'varchar', length: 80 }],
    [field('A', 'string', { length: 0 }), { kind: 'text' }],
    [field('A', 'reference', { length: 18 }), { kind: 'varchar', length: 255 }],
    [field('A', 'multi-enum'), { kind: 'json' }],
    [field('A', 'datetime'), { kind: 'timestamp' }],
    [field('A', 'boolean'), { kind: 'boolean' }],
  ])('%j → %j', (f, expected) => {
    expect(columnTypeFor(f)).toEqual(expected);
  });
});

describe(planFields.name, () => {
  it('stores an address as its component columns and names columns safely', () => {
    const selected = expandSelection(contact, ['LastName', 'MailingAddress', 'Order', 'x"; DROP TABLE y; --']);
    expect(selected).toEqual(['LastName', 'MailingAddress', 'MailingStreet', 'MailingCity', 'Order', 'x"; DROP TABLE y; --']);
    const planned = planFields(contact, selected, [], new Set());
    expect(planned.map((p) => [p.field.name, p.column, p.compoundOf])).toEqual([
      ['LastName', 'last_name', null],
      ['MailingAddress', null, null],
      ['MailingStreet', 'mailing_street', 'MailingAddress'],
      ['MailingCity', 'mailing_city', 'MailingAddress'],
      ['Order', 'order_', null],
      ['x"; DROP TABLE y; --', 'x_drop_table_y', null],
    ]);
  });
});
