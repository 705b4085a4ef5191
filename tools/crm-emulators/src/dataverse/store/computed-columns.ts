import { createHash, randomBytes } from 'node:crypto';
import type { AttributeDef, TableDef } from '../metadata/metadata-types';
import type { StoredRow } from './row-types';

/**
 * Columns the platform computes: full names, the base-currency copy of money (exchange rate 1) and
 * the companions of image columns (`_url`, `_timestamp`, `<name>id`, image-column-data.md), which
 * change only when the image does. `previous` is the row before an update.
 */
export function applyComputedColumns(def: TableDef, row: StoredRow, previous?: StoredRow): void {
  for (const attribute of def.attributes) {
    if (attribute.attributeOf && attribute.kind === 'Money') row[attribute.logicalName] = row[attribute.attributeOf] ?? null;
    if (attribute.kind === 'Image') imageCompanions(def, attribute, row, previous);
  }
  if (def.primaryNameAttribute === 'fullname') {
    const name = [row['firstname'], row['lastname']].filter((p) => typeof p === 'string' && p).join(' ');
    row['fullname'] = name || null;
  }
}

function imageCompanions(def: TableDef, image: AttributeDef, row: StoredRow, previous: StoredRow | undefined): void {
  const name = image.logicalName;
  const value = row[name];
  if (previous && previous[name] === value) return;
  if (typeof value !== 'string' || value === '') {
    row[`${name}_url`] = null;
    row[`${name}_timestamp`] = null;
    row[`${name}id`] = null;
    return;
  }
  const id = String(row[def.primaryIdAttribute]);
  const timestamp = Number(row['versionnumber']);
  const h = createHash('sha256').update(`${id}:${name}:${timestamp}`).digest('hex');
  row[`${name}_url`] = `/Image/download.aspx?Entity=${def.logicalName}&Attribute=${name}&Id=${id}&Timestamp=${timestamp}`;
  row[`${name}_timestamp`] = timestamp;
  row[`${name}id`] = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Fills auto-number columns a create left empty, from their `AutoNumberFormat`
 * (autonumber-fields.md): `{SEQNUM:n}` a per-column sequence from 1000, zero-padded to n digits;
 * `{RANDSTRING:n}` n random letters and digits; `{DATETIMEUTC:fmt}` the UTC time (yyyy MM dd HH mm ss).
 */
export function fillAutoNumbers(def: TableDef, row: StoredRow, next: (key: string) => number, nowMs: number): void {
  for (const attribute of def.attributes) {
    if (!attribute.autoNumberFormat || (row[attribute.logicalName] !== undefined && row[attribute.logicalName] !== null)) continue;
    const key = `${def.logicalName}.${attribute.logicalName}`;
    row[attribute.logicalName] = attribute.autoNumberFormat.replace(/\{(SEQNUM|RANDSTRING|DATETIMEUTC):([^}]*)\}/g, (_m, kind: string, arg: string) => {
      if (kind === 'SEQNUM') return String(next(key)).padStart(Number(arg) || 1, '0');
      if (kind === 'RANDSTRING') return randomText(Math.min(6, Math.max(1, Number(arg) || 6)));
      return utcText(nowMs, arg);
    });
  }
}

const ALPHANUMERIC = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function randomText(length: number): string {
  return [...randomBytes(length)].map((b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('');
}

function utcText(ms: number, format: string): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  const parts: Record<string, string> = {
    yyyy: String(d.getUTCFullYear()),
    MM: two(d.getUTCMonth() + 1),
    dd: two(d.getUTCDate()),
    HH: two(d.getUTCHours()),
    mm: two(d.getUTCMinutes()),
    ss: two(d.getUTCSeconds()),
  };
  return format.replace(/yyyy|MM|dd|HH|mm|ss/g, (token) => parts[token] ?? token);
}

/** Whether two stored values are the same (lookups by target, multi-select by selection). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === undefined || a === null) && (b === undefined || b === null)) return true;
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) return JSON.stringify(a) === JSON.stringify(b);
  return false;
}
