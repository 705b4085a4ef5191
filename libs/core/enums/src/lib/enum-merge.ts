import type { CrmEnumValue } from '@crm-hub/plugin-sdk';
import { randomUUID } from 'node:crypto';
import { EnumerationValueEntity } from './enumeration-value.entity';

/** The outcome of merging a picklist's values into an enumeration. */
export interface MergeOutcome {
  values: EnumerationValueEntity[];
  removed: EnumerationValueEntity[];
  added: string[];
  changed: { value: string; label?: { from: string; to: string }; active?: { from: boolean; to: boolean } }[];
  removedValues: string[];
}

/**
 * Merges CRM values into an enumeration's values. `replace: false` adds new values and updates
 * labels and active flags, keeping every other value; `replace: true` makes the list exactly the
 * CRM's, in the CRM's order.
 */
export function mergeValues(
  enumerationId: string,
  current: EnumerationValueEntity[],
  crmValues: CrmEnumValue[],
  replace: boolean,
  origin: string,
): MergeOutcome {
  const byValue = new Map([...current].sort((a, b) => a.position - b.position).map((v) => [v.value, v]));
  const outcome: MergeOutcome = { values: [], removed: [], added: [], changed: [], removedValues: [] };
  let next = Math.max(-1, ...current.map((v) => v.position)) + 1;
  const ordered = [...crmValues].sort((a, b) => a.order - b.order);
  for (const [i, crm] of ordered.entries()) {
    const existing = byValue.get(crm.value);
    if (existing) {
      const change: MergeOutcome['changed'][number] = { value: crm.value };
      if (existing.label !== crm.label) change.label = { from: existing.label, to: crm.label };
      if (existing.active !== crm.active) change.active = { from: existing.active, to: crm.active };
      if (change.label || change.active) outcome.changed.push(change);
      Object.assign(existing, { label: crm.label, active: crm.active, ...(replace ? { position: i } : {}) });
      continue;
    }
    const value = Object.assign(new EnumerationValueEntity(), {
      id: randomUUID(),
      enumerationId,
      value: crm.value,
      label: crm.label,
      position: replace ? i : next++,
      active: crm.active,
      origin,
    });
    byValue.set(crm.value, value);
    outcome.added.push(crm.value);
  }
  const crmSet = new Set(crmValues.map((v) => v.value));
  for (const value of byValue.values()) {
    if (replace && !crmSet.has(value.value)) {
      outcome.removed.push(value);
      outcome.removedValues.push(value.value);
    } else outcome.values.push(value);
  }
  outcome.values.sort((a, b) => a.position - b.position);
  return outcome;
}
