/** A schema field as the API shows it (what the comparison needs). */
export interface ComparedField {
  name: string;
  column: string | null;
  type: string;
  scale?: number;
}

/**
 * A value in one comparable text form, whether it comes from a CRM emulator (API values: doubles,
 * `;`-joined multi-selects, `+0000` datetimes) or from the hub's table (PostgreSQL or SQLite
 * types). Decimals are printed at the field's scale: the hub must hold exactly those digits.
 */
export function comparable(field: ComparedField, value: unknown, multiSeparator = ';'): string | null {
  if (value === null || value === undefined || value === '') return null;
  switch (field.type) {
    case 'decimal':
    case 'currency':
    case 'percent':
      return typeof value === 'number' ? value.toFixed(field.scale ?? 0) : atScale(String(value), field.scale);
    case 'integer':
      return String(Number(value));
    case 'boolean':
      return String(value === true || value === 1 || value === '1' || value === 't' || value === 'true');
    case 'datetime':
      return new Date(value instanceof Date ? value : String(value).replace(/\+0000$/, 'Z')).toISOString();
    case 'date':
      return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
    case 'time':
      return String(value).replace(/Z$/, '').padEnd(12, '.000').slice(0, 12);
    case 'multi-enum': {
      const items = Array.isArray(value) ? value : typeof value === 'string' && value.startsWith('[') ? (JSON.parse(value) as unknown[]) : String(value).split(multiSeparator);
      return JSON.stringify(items.map(String).sort());
    }
    case 'reference':
      // A polymorphic reference reads as '<target>:<id>'; the CRM holds the id.
      return String(value).replace(/^[A-Za-z_][A-Za-z0-9_]*:/, '');
    default:
      return String(value);
  }
}

function atScale(text: string, scale: number | undefined): string {
  if (scale === undefined) return text;
  const [whole = '0', fraction = ''] = text.split('.');
  return scale === 0 ? whole : `${whole}.${fraction.padEnd(scale, '0').slice(0, scale)}`;
}

/** The differences between CRM records and hub rows (by CRM id), field by field; empty when equal. */
export function tableDifferences(
  fields: ComparedField[],
  crm: Map<string, Record<string, unknown>>,
  hub: Map<string, Record<string, unknown>>,
  multiSeparator = ';',
): string[] {
  const problems: string[] = [];
  for (const id of crm.keys()) if (!hub.has(id)) problems.push(`${id}: missing in the hub`);
  for (const id of hub.keys()) if (!crm.has(id)) problems.push(`${id}: in the hub, not in the CRM`);
  for (const [id, record] of crm) {
    const row = hub.get(id);
    if (!row) continue;
    for (const field of fields) {
      if (!field.column) continue;
      const expected = comparable(field, record[field.name], multiSeparator);
      const actual = comparable(field, row[field.column], multiSeparator);
      if (expected !== actual) problems.push(`${id}.${field.name}: CRM ${expected}, hub ${actual}`);
    }
    if (problems.length > 20) break;
  }
  return problems;
}
