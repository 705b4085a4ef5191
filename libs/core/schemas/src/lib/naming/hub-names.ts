import { fitIdentifier, HUB_COLUMN_NAMES, toSnakeCase } from '@crm-hub/persistence';

/**
 * SQL words a column or table must not be named after, so that hand-written SQL against the
 * generated tables needs no quoting (the hub itself always quotes).
 */
const RESERVED = new Set(
  (
    'all analyse analyze and any array as asc asymmetric authorization between binary both case cast check collate column ' +
    'concurrently constraint create cross current_catalog current_date current_role current_schema current_time ' +
    'current_timestamp current_user default deferrable desc distinct do else end except false fetch for foreign freeze from ' +
    'full grant group having ilike in initially inner intersect into is isnull join lateral leading left like limit localtime ' +
    'localtimestamp natural not notnull null offset on only or order outer overlaps placing primary references returning ' +
    'right select session_user similar some symmetric table tablesample then to trailing true union unique user using variadic ' +
    'verbose when where window with abort action add after alter attach autoincrement before begin by cascade commit conflict ' +
    'database deferred delete detach drop each escape exclusive exists explain fail glob if ignore immediate index indexed ' +
    'insert instead key match no nothing of plan pragma query raise recursive regexp reindex release rename replace restrict ' +
    'rollback row rows savepoint set temp temporary transaction trigger update vacuum values view virtual'
  ).split(' '),
);

/** A CRM name as a snake_case SQL identifier: `LastName` → `last_name`, `Plan__c` → `plan_c`, `x"; DROP` → `x_drop`. */
export function toSnakeIdentifier(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const snake = toSnakeCase(ascii)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (snake === '') return 'field';
  return /^[0-9]/.test(snake) ? `f_${snake}` : snake;
}

/**
 * Picks a name not in `taken` (nor reserved): the base name, else `<base>_2`, `<base>_3`…, each
 * within PostgreSQL's 63-byte limit. Adds the chosen name to `taken`.
 */
export function claimName(base: string, taken: Set<string>): string {
  let candidate = fitIdentifier(RESERVED.has(base) ? `${base}_` : base);
  for (let n = 2; taken.has(candidate) || (HUB_COLUMN_NAMES as readonly string[]).includes(candidate); n++) {
    candidate = fitIdentifier(base, 63 - `_${n}`.length) + `_${n}`;
  }
  taken.add(candidate);
  return candidate;
}

/** The table of an account's object: `crm_<account>_<object>`, deterministic and collision-free. */
export function tableNameFor(accountName: string, objectName: string, taken: Set<string>): string {
  const account = toSnakeIdentifier(accountName).slice(0, 24).replace(/_+$/, '');
  return claimName(`crm_${account}_${toSnakeIdentifier(objectName)}`, taken);
}
