import { randomUUID } from 'node:crypto';
import { DataverseError, payloadError, unknownPayloadProperty, validationFailed } from '../errors';
import type { MetadataRegistry } from '../metadata/metadata-registry';
import { isLookupKind, type TableDef } from '../metadata/metadata-types';
import { normalizeGuid, truncateToSecond, type StoredRow } from './row-types';
import { readValue, reconcileStateAndStatus } from './value-reader';

/** Resolves an `@odata.bind` reference (`/accounts(<id>)`, `accounts(code='x')`, an absolute URL or `$1`). */
export type ReferenceResolver = (reference: string) => { table: TableDef; id: string };

export interface ReadPayloadOptions {
  mode: 'create' | 'update';
  resolve: ReferenceResolver;
  current?: StoredRow;
  /** The control interface may also set `_x_value` lookups by id and `createdon`/`modifiedon`. */
  admin?: boolean;
}

export interface Payload {
  values: StoredRow;
  id?: string;
  createdOn?: number;
  modifiedOn?: number;
}

const BIND = '@odata.bind';

/**
 * Reads a create/update body (create-entity-web-api.md, update-delete-entities-using-web-api.md):
 * columns by logical name, lookups through single-valued navigation properties with `@odata.bind`,
 * annotations ignored, read-only columns ignored as the platform ignores them, everything else
 * validated against the column definitions.
 */
export function readPayload(registry: MetadataRegistry, table: TableDef, body: unknown, options: ReadPayloadOptions): Payload {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw payloadError(table.entitySetName, 'A JSON object was expected in the request body.');
  }
  const payload: Payload = { values: {} };
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (key === '@odata.type') {
      if (String(value).replace(/^#/, '') !== `Microsoft.Dynamics.CRM.${table.logicalName}`) {
        throw payloadError(table.entitySetName, `A type named '${String(value)}' could not be resolved by the model.`);
      }
      continue;
    }
    if (key.endsWith(BIND)) {
      readBinding(registry, table, key.slice(0, -BIND.length), value, options, payload);
      continue;
    }
    if (key.includes('@')) continue;
    if (key === table.primaryIdAttribute) {
      const id = typeof value === 'string' ? normalizeGuid(value) : undefined;
      if (!id) throw payloadError(table.entitySetName, `Cannot convert the literal '${String(value)}' to the expected type 'Edm.Guid'.`);
      if (options.mode === 'create') payload.id = id;
      continue;
    }
    const attribute = registry.byProperty(table, key);
    if (!attribute) throw unknownPayloadProperty(table.entitySetName, key, table.logicalName);
    if (isLookupKind(attribute.kind)) {
      readLookupById(table, attribute.logicalName, attribute.navigation ?? {}, value, options, payload);
      continue;
    }
    if (options.admin && (key === 'createdon' || key === 'modifiedon') && typeof value === 'string') {
      const ms = truncateToSecond(Date.parse(value));
      if (Number.isNaN(ms)) throw new Error(`${key} must be an ISO date, got ${value}`);
      if (key === 'createdon') payload.createdOn = ms;
      else payload.modifiedOn = ms;
      continue;
    }
    if (attribute.kind === 'File' && options.admin && typeof value === 'string') {
      // The control interface stands for an upload (file-column-data.md): the row keeps the file's id and name.
      payload.values[attribute.logicalName] = randomUUID();
      payload.values[`${attribute.logicalName}_name`] = value;
      continue;
    }
    const writable = options.mode === 'create' ? attribute.validForCreate : attribute.validForUpdate;
    if (!writable) continue;
    payload.values[attribute.logicalName] = readValue(registry, table, attribute, value);
  }
  reconcileStateAndStatus(registry, table, payload.values, options.current);
  return payload;
}

function readBinding(
  registry: MetadataRegistry,
  table: TableDef,
  navigationProperty: string,
  value: unknown,
  options: ReadPayloadOptions,
  payload: Payload,
): void {
  const navigation = registry.navigation(table, navigationProperty);
  if (!navigation) {
    throw payloadError(
      table.entitySetName,
      `An undeclared property '${navigationProperty}' which only has property annotations in the payload but no property value was found in the payload. In OData, only declared navigation properties and declared named streams can be represented as properties without values.`,
    );
  }
  const { attribute } = navigation;
  const name = attribute.logicalName;
  if (value === null) {
    if (attribute.requiredLevel === 'SystemRequired') {
      throw validationFailed(`The '${name}' attribute of the '${table.logicalName}' entity is required and cannot be set to null.`);
    }
    payload.values[name] = null;
    return;
  }
  if (typeof value !== 'string') throw payloadError(table.entitySetName, `The value of '${navigationProperty}${BIND}' must be a URL string.`);
  const target = options.resolve(value);
  // `ownerid` navigates to the abstract owner: a user or a team binds to it (/systemusers(…), /teams(…)).
  const allowed = attribute.kind === 'Owner' ? (attribute.targets ?? []) : [navigation.target.logicalName];
  if (!allowed.includes(target.table.logicalName)) {
    throw payloadError(
      table.entitySetName,
      `The entity type 'Microsoft.Dynamics.CRM.${target.table.logicalName}' of the bound entity does not match the type 'Microsoft.Dynamics.CRM.${navigation.target.logicalName}' of the navigation property '${navigationProperty}'.`,
    );
  }
  payload.values[name] = { id: target.id, table: target.table.logicalName };
}

function readLookupById(
  table: TableDef,
  name: string,
  navigation: Record<string, string>,
  value: unknown,
  options: ReadPayloadOptions,
  payload: Payload,
): void {
  const targets = Object.keys(navigation);
  if (!options.admin) {
    throw new DataverseError(400, '0x80048d19', 'CRM do not support direct update of Entity Reference properties, Use Navigation properties instead.');
  }
  if (value === null) {
    payload.values[name] = null;
    return;
  }
  const id = typeof value === 'string' ? normalizeGuid(value) : undefined;
  if (!id || targets.length !== 1) throw new Error(`_${name}_value needs a GUID and a single-target lookup; use ${Object.values(navigation)[0] ?? name}${BIND}`);
  payload.values[name] = { id, table: targets[0] as string };
}
