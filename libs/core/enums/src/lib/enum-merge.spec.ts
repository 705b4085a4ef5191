import type { CrmEnumValue } from '@crm-hub/plugin-sdk';
import type { EnumerationValueEntity } from './enumeration-value.entity';
import { mergeValues } from './enum-merge';

const crm = (value: string, label = value, order = 0, active = true): CrmEnumValue => ({ value, label, active, isDefault: false, order });
const stored = (value: string, label: string, position: number, origin = 'hub') =>
  ({ id: value, enumerationId: 'e', value, label, position, active: true, origin }) as EnumerationValueEntity;

describe(mergeValues.name, () => {
  const current = [stored('A', 'A', 0), stored('B', 'B', 1), stored('Manual', 'Manual', 2)];

  it('adds new values and updates labels, keeping the others (replace: false)', () => {
    const out = mergeValues('e', current, [crm('B', 'Bee', 0), crm('C', 'C', 1, false)], false, 'crm:acc:X');
    expect(out.added).toEqual(['C']);
    expect(out.changed).toEqual([{ value: 'B', label: { from: 'B', to: 'Bee' } }]);
    expect(out.removedValues).toEqual([]);
    expect(out.values.map((v) => `${v.value}:${v.label}:${v.active}:${v.origin}`)).toEqual(['A:A:true:hub', 'B:Bee:true:hub', 'Manual:Manual:true:hub', 'C:C:false:crm:acc:X']);
  });

  it("makes the list exactly the CRM's, in its order (replace: true)", () => {
    const out = mergeValues('e', current, [crm('C', 'C', 0), crm('A', 'A', 1)], true, 'crm:acc:X');
    expect(out.removedValues).toEqual(['B', 'Manual']);
    expect(out.values.map((v) => v.value)).toEqual(['C', 'A']);
  });
});
