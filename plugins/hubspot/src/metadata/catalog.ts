import type { CrmEnum, CrmField, CrmObject } from '@crm-hub/plugin-sdk';
import type { HubSpotApi } from '../http/hubspot-api';
import { ID_PROPERTY, mapProperty } from './field-mapping';
import type { HubSpotProperty } from './hubspot-types';
import type { ObjectDirectory, ObjectInfo } from './object-directory';

/** The modification stamps HubSpot objects have, in order of preference (contacts have the second). */
const CURSOR_CANDIDATES = ['hs_lastmodifieddate', 'lastmodifieddate'];
const CREATED_CANDIDATES = ['createdate', 'hs_createdate'];

/** An object described: the catalog entry, its enumerations, and its fields by name. */
export interface DescribedObject {
  info: ObjectInfo;
  object: CrmObject;
  enums: CrmEnum[];
  fields: ReadonlyMap<string, CrmField>;
  /** The modification stamp reads are ordered by. */
  cursorField: string;
}

/**
 * Describes one object from its properties (one call; never cached, so drift is seen at once):
 * `idField` `hs_object_id`, `cursorField` the object's modification stamp (`hs_lastmodifieddate`,
 * or `lastmodifieddate` on contacts), reads resume on it (`incremental: 'cursor'`).
 * https://developers.hubspot.com/docs/api/crm/properties#retrieve-properties
 *
 * @example
 * ```ts
 * const { object, enums } = await describeObject(api, directory, 'contacts', signal);
 * ```
 */
export async function describeObject(api: HubSpotApi, directory: ObjectDirectory, name: string, signal?: AbortSignal): Promise<DescribedObject> {
  const info = await directory.resolve(name, signal);
  const { body } = await api.send<{ results: HubSpotProperty[] }>({
    kind: 'properties',
    method: 'GET',
    path: `/crm/v3/properties/${encodeURIComponent(info.typeId)}`,
    ...(signal ? { signal } : {}),
  });
  const names = new Set(body.results.map((p) => p.name));
  const cursorField = CURSOR_CANDIDATES.find((c) => names.has(c));
  if (!cursorField) throw new Error(`HubSpot object '${info.name}' has no modification stamp property`);
  const stamps = [cursorField, ...CREATED_CANDIDATES.filter((c) => names.has(c))];
  const mapped = body.results.map((p) => mapProperty(info, p, stamps));
  const fields = mapped.map((m) => m.field);
  const object: CrmObject = {
    name: info.name,
    label: info.label,
    custom: info.custom,
    idField: ID_PROPERTY,
    cursorField,
    incremental: 'cursor',
    fields,
  };
  return {
    info,
    object,
    enums: mapped.flatMap((m) => (m.enumeration ? [m.enumeration] : [])),
    fields: new Map(fields.map((f) => [f.name, f])),
    cursorField,
  };
}

/**
 * A listing entry (no fields, as `discover()` without objects returns them).
 *
 * @example
 * ```ts
 * (await directory.list()).map(summaryObject);
 * ```
 */
export function summaryObject(info: ObjectInfo): CrmObject {
  return { name: info.name, label: info.label, custom: info.custom, idField: ID_PROPERTY, incremental: 'cursor', fields: [] };
}
