import { HubSpotError, propertyErrors } from '../errors';
import type { ObjectDefinition } from '../schema/object-definition';
import type { ObjectStore } from './object-store';
import { checkValues, type PropertyProblem } from './value-rules';

/** One record to write: its values (validated), and the record it changes (updates). */
export interface PlannedWrite {
  values: Record<string, string | null>;
  /** The id of the record an update changes. */
  id?: string;
}

/**
 * Validates a whole set of writes before any is applied, as HubSpot's batch endpoints do: one
 * invalid value anywhere fails the request with 400 VALIDATION_ERROR (nothing written), a
 * missing required property of a create (a custom object's `requiredProperties`) too, and a
 * value another record already holds in a unique-value property (or a contact's `email`) with
 * 409 CONFLICT. Duplicates inside the request count as conflicts as well.
 */
export function checkWrites(store: ObjectStore, def: ObjectDefinition, writes: { properties: unknown; id?: string; create: boolean }[]): PlannedWrite[] {
  const problems: PropertyProblem[] = [];
  const planned = writes.map((write) => {
    const input = typeof write.properties === 'object' && write.properties !== null ? (write.properties as Record<string, unknown>) : {};
    const checked = checkValues(def, input);
    problems.push(...checked.problems);
    if (write.create) {
      for (const name of def.requiredProperties) {
        if (checked.values[name] === undefined || checked.values[name] === null) {
          problems.push({ name, code: 'REQUIRED_PROPERTY', message: `The required property "${name}" of ${def.singular} is missing` });
        }
      }
    }
    return { values: checked.values, ...(write.id !== undefined ? { id: write.id } : {}) };
  });
  if (problems.length) throw propertyErrors(problems);
  checkUnique(store, def, planned);
  return planned;
}

/** The properties whose values must be unique: unique-value ones and the object's upsert keys (email). */
export function uniqueProperties(def: ObjectDefinition): string[] {
  return [...def.properties.filter((p) => p.hasUniqueValue).map((p) => p.name), ...def.upsertKeys];
}

function checkUnique(store: ObjectStore, def: ObjectDefinition, planned: PlannedWrite[]): void {
  for (const name of uniqueProperties(def)) {
    const seen = new Map<string, string | undefined>();
    for (const write of planned) {
      const value = write.values[name];
      if (value === undefined || value === null) continue;
      const key = name === 'email' ? value.toLowerCase() : value;
      const holder = store.findBy(def, name, value);
      if ((holder && holder.id !== write.id) || seen.has(key)) throw conflict(def, name, value, holder?.id ?? seen.get(key));
      seen.set(key, write.id);
    }
  }
}

function conflict(def: ObjectDefinition, name: string, value: string, existing: string | undefined): HubSpotError {
  const message =
    def.name === 'contacts'
      ? `Contact already exists. Existing ID: ${existing ?? 'in this request'}`
      : `A ${def.singular} with ${name} "${value}" already exists. Existing ID: ${existing ?? 'in this request'}`;
  return new HubSpotError(409, 'CONFLICT', message, { errors: [{ message, code: 'CONFLICT', context: { propertyName: [name] } }] });
}
