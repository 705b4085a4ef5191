import { unknownObjectType } from '../errors';
import { EMULATED_PORTAL_ID, type ObjectDefinition } from './object-definition';
import { publicProperty, type HubSpotOption, type PropertyDefinition } from './property-types';
import { companies, contacts, deals, subscriptions, tickets } from './standard-objects';

const SCHEMA_CREATED = '2024-03-12T09:30:00.000Z';

/**
 * The object types of the emulated portal and their properties, changeable as an admin would
 * (property drift, option changes). Paths may name an object by name (`contacts`), by
 * `objectTypeId` (`0-1`, `2-3508482`) or, for custom objects, by `fullyQualifiedName`.
 */
export class ObjectRegistry {
  private readonly objects: ObjectDefinition[] = [contacts, companies, deals, tickets, subscriptions(`p${EMULATED_PORTAL_ID}_subscriptions`)].map(
    (def) => ({ ...def, properties: def.properties.map((p) => ({ ...p, options: p.options.map((o) => ({ ...o })) })) }),
  );

  all(): readonly ObjectDefinition[] {
    return this.objects;
  }

  /** The object a path segment names, or the 400 HubSpot answers for an unknown type. */
  resolve(segment: string): ObjectDefinition {
    const key = segment.toLowerCase();
    const found = this.objects.find((o) => o.name === key || o.objectTypeId === key || o.fullyQualifiedName === key || `p_${o.name}` === key);
    if (!found) throw unknownObjectType(segment);
    return found;
  }

  property(def: ObjectDefinition, name: string): PropertyDefinition | undefined {
    return def.properties.find((p) => p.name === name);
  }

  /** `GET /crm/v3/schemas`: the custom objects, as `ObjectSchema`s. */
  customSchemas(): object[] {
    return this.objects.filter((o) => o.custom).map((o) => this.schemaJson(o));
  }

  schemaJson(def: ObjectDefinition): object {
    return {
      id: def.objectTypeId.split('-')[1],
      createdAt: SCHEMA_CREATED,
      updatedAt: SCHEMA_CREATED,
      archived: false,
      labels: { singular: def.singular, plural: def.plural },
      requiredProperties: def.requiredProperties,
      searchableProperties: def.searchableProperties,
      primaryDisplayProperty: def.primaryDisplayProperty,
      secondaryDisplayProperties: def.secondaryDisplayProperties,
      allowsSensitiveProperties: false,
      objectTypeId: def.objectTypeId,
      fullyQualifiedName: def.fullyQualifiedName ?? def.name,
      name: def.name,
      description: `${def.plural} of the emulated portal`,
      properties: def.properties.map(publicProperty),
      associations: [],
    };
  }

  /** Adds a property (`definition` as `POST /crm/v3/properties/{objectType}` takes it). */
  addProperty(object: string, definition: PropertyDefinition): void {
    const def = this.resolve(object);
    if (this.property(def, definition.name)) throw new Error(`${def.name} already has a property ${definition.name}`);
    def.properties.push(definition);
  }

  removeProperty(object: string, name: string): void {
    const def = this.resolve(object);
    const index = def.properties.findIndex((p) => p.name === name);
    if (index < 0) throw new Error(`${def.name} has no property ${name}`);
    def.properties.splice(index, 1);
  }

  /** Replaces the options of an enumeration property. */
  setOptions(object: string, name: string, options: { value: string; label?: string; hidden?: boolean }[]): void {
    const def = this.resolve(object);
    const property = this.property(def, name);
    if (!property || property.type !== 'enumeration') throw new Error(`${def.name}.${name} is not an enumeration property`);
    property.options = options.map<HubSpotOption>((o, i) => ({ label: o.label ?? o.value, value: o.value, displayOrder: i, hidden: o.hidden ?? false }));
    property.updatedAt = new Date().toISOString();
  }
}
