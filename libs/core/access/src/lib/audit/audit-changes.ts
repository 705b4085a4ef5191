import type { SecretSettings } from '../resource-registry';
import type { AuditChanges } from './audit-entry.entity';

/** Fields that change on every write and say nothing about what the change was. */
const VOLATILE = new Set(['updatedAt']);

/**
 * What a change changed, field by field, from the resource as the API showed it before and after
 * (nested settings one level down: `config.loginUrl`). A resource created has only `to`s, one
 * deleted only `from`s. Secrets never appear here: the views compared carry none.
 *
 * @example
 * ```ts
 * diffViews({ name: 'a', config: { x: 1 } }, { name: 'b', config: { x: 1 } }); // { name: { from: 'a', to: 'b' } }
 * ```
 */
export function diffViews(before: object | undefined, after: object | undefined): AuditChanges {
  const changes: AuditChanges = {};
  collect(changes, '', (before ?? {}) as Record<string, unknown>, (after ?? {}) as Record<string, unknown>, before !== undefined, after !== undefined, 1);
  return changes;
}

function collect(changes: AuditChanges, prefix: string, before: Record<string, unknown>, after: Record<string, unknown>, hadBefore: boolean, hasAfter: boolean, depth: number): void {
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (VOLATILE.has(field) || (depth > 0 && field === 'id')) continue; // the id is the entry's resourceId
    const from = before[field];
    const to = after[field];
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    if (depth > 0 && isPlainObject(from ?? {}) && isPlainObject(to ?? {}) && (isPlainObject(from) || isPlainObject(to))) {
      collect(changes, `${prefix}${field}.`, (from ?? {}) as Record<string, unknown>, (to ?? {}) as Record<string, unknown>, hadBefore, hasAfter, depth - 1);
      continue;
    }
    if (!hadBefore && (to === null || to === undefined)) continue; // a new resource's empty fields say nothing
    changes[`${prefix}${field}`] = { ...(hadBefore && from !== undefined ? { from } : {}), ...(hasAfter && to !== undefined ? { to } : {}) };
  }
}

/**
 * What a request asked for, for actions whose resource has no before/after to compare (a run, a
 * check, an enum sync) and for changes that failed: the body's fields as `to` values, nested one
 * level down. Secret settings (`config.<secret>`) are recorded only as `secrets.<name>: "changed"`
 * (or `"removed"`), never their values; when which settings are secret is unknown, no setting's
 * value is recorded.
 */
export function requestedChanges(body: unknown, secrets: SecretSettings): AuditChanges {
  if (!isPlainObject(body)) return {};
  const record = body as Record<string, unknown>;
  const config = record['config'];
  if (!isPlainObject(config)) return diffViews(undefined, record);
  const plain = Object.fromEntries(Object.entries(config as Record<string, unknown>).filter(([name]) => !isSecret(name, secrets)));
  return { ...diffViews(undefined, { ...record, config: plain }), ...secretChanges(body, secrets) };
}

/** `secrets.<name>: "changed"` (or `"removed"` for a null) for each secret setting a body sets. */
export function secretChanges(body: unknown, secrets: SecretSettings): AuditChanges {
  const config = isPlainObject(body) ? (body as Record<string, unknown>)['config'] : undefined;
  if (!isPlainObject(config)) return {};
  return Object.fromEntries(
    Object.entries(config as Record<string, unknown>)
      .filter(([name]) => isSecret(name, secrets))
      .map(([name, value]) => [secrets === 'all' ? `config.${name}` : `secrets.${name}`, value === null ? 'removed' : 'changed']),
  );
}

/** Drops the view's secret states from a diff: the request says which secrets changed. */
export function withoutSecretStates(changes: AuditChanges): AuditChanges {
  return Object.fromEntries(Object.entries(changes).filter(([field]) => !field.startsWith('secrets.') && field !== 'secrets'));
}

function isSecret(name: string, secrets: SecretSettings): boolean {
  return secrets === 'all' || secrets.has(name);
}

function isPlainObject(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
