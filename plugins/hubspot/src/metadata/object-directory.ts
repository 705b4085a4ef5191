import { CrmNotFoundError } from '@crm-hub/plugin-sdk';
import type { HubSpotApi } from '../http/hubspot-api';
import type { HubSpotSchema } from './hubspot-types';

/** An object type as the plugin names it, and how to reach it. */
export interface ObjectInfo {
  /** The name the hub sees: `contacts`, or a custom object's `name`. */
  name: string;
  /** What paths take: `contacts`, or `2-3508482`. */
  typeId: string;
  label: string;
  custom: boolean;
  /** Custom objects: properties a create must give (`requiredProperties`). */
  requiredProperties: string[];
  primaryDisplayProperty?: string;
}

/**
 * The standard objects the plugin offers. HubSpot has no endpoint listing them (only custom
 * objects have schemas), so these are the CRM's core records; engagements and commerce objects
 * are left out.
 */
export const STANDARD_OBJECTS: readonly ObjectInfo[] = [
  { name: 'contacts', typeId: 'contacts', label: 'Contacts', custom: false, requiredProperties: [], primaryDisplayProperty: 'firstname' },
  { name: 'companies', typeId: 'companies', label: 'Companies', custom: false, requiredProperties: [], primaryDisplayProperty: 'name' },
  { name: 'deals', typeId: 'deals', label: 'Deals', custom: false, requiredProperties: [], primaryDisplayProperty: 'dealname' },
  { name: 'tickets', typeId: 'tickets', label: 'Tickets', custom: false, requiredProperties: [], primaryDisplayProperty: 'subject' },
];

/**
 * The objects of the portal: the standard ones and the custom objects of `/crm/v3/schemas`
 * (asked once per connector, and again when a name is not found, so a custom object created
 * meanwhile is seen). Custom objects are named by their `name`; their `objectTypeId` and
 * `fullyQualifiedName` are accepted too.
 *
 * @example
 * ```ts
 * const info = await directory.resolve('subscriptions', signal); // { typeId: '2-3508482', … }
 * ```
 */
export class ObjectDirectory {
  private custom: ObjectInfo[] | undefined;

  constructor(private readonly api: HubSpotApi) {}

  async list(signal?: AbortSignal): Promise<ObjectInfo[]> {
    return [...STANDARD_OBJECTS, ...(await this.customObjects(signal, true))];
  }

  async resolve(name: string, signal?: AbortSignal): Promise<ObjectInfo> {
    const key = name.toLowerCase();
    const match = (o: ObjectInfo) => o.name.toLowerCase() === key || o.typeId.toLowerCase() === key;
    const standard = STANDARD_OBJECTS.find(match);
    if (standard) return standard;
    const known = (await this.customObjects(signal, false)).find(match) ?? (await this.customObjects(signal, true)).find(match);
    if (!known) throw new CrmNotFoundError(`HubSpot has no object '${name}' (neither a standard object nor a custom object schema)`, { code: 'OBJECT_NOT_FOUND' });
    return known;
  }

  private async customObjects(signal: AbortSignal | undefined, fresh: boolean): Promise<ObjectInfo[]> {
    if (this.custom && !fresh) return this.custom;
    // https://developers.hubspot.com/docs/api/crm/crm-custom-objects#retrieve-existing-custom-objects
    const { body } = await this.api.send<{ results: HubSpotSchema[] }>({ kind: 'schemas', method: 'GET', path: '/crm/v3/schemas', ...(signal ? { signal } : {}) });
    this.custom = body.results.map((s) => ({
      name: s.name,
      typeId: s.objectTypeId,
      label: s.labels?.plural ?? s.name,
      custom: true,
      requiredProperties: s.requiredProperties ?? [],
      ...(s.primaryDisplayProperty ? { primaryDisplayProperty: s.primaryDisplayProperty } : {}),
    }));
    return this.custom;
  }
}
