import type { components } from '../generated/hub-api';

type Operator = components['schemas']['PluginCapabilitiesDto']['filterOperators'][number];

/** One condition as the filter builder edits it (the value as typed). */
export interface Condition {
  field: string;
  op: Operator;
  value: string;
}

/** The canonical filter of conditions joined by AND (`{"and":[{field, op, value}]}`), or null without conditions. */
export function toFilter(conditions: Condition[], types: Map<string, string>): Record<string, unknown> | null {
  const parts = conditions
    .filter((c) => c.field)
    .map((c) => ({ field: c.field, op: c.op, value: valueOf(c, types.get(c.field)) }));
  if (parts.length === 0) return null;
  return parts.length === 1 ? (parts[0] as Record<string, unknown>) : { and: parts };
}

function valueOf(c: Condition, type: string | undefined): unknown {
  if (c.op === 'isNull') return c.value !== 'false';
  if (c.op === 'in') return c.value.split(',').map((v) => v.trim()).filter(Boolean);
  if (type === 'boolean') return c.value === 'true';
  if (type === 'integer' && c.value.trim() !== '' && Number.isFinite(Number(c.value))) return Number(c.value);
  return c.value;
}
