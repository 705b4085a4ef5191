import { RestError } from '../errors';
import { accountDefinition } from './account-schema';
import { contactDefinition } from './contact-schema';
import type { FieldDescribe, FieldType } from './describe-types';
import { buildField } from './field-builder';
import { accountHistoryDefinition } from './history-schema';
import { leadDefinition } from './lead-schema';
import { MASTER_RECORD_TYPE_ID, type ObjectDefinition } from './object-definition';
import { opportunityDefinition } from './opportunity-schema';
import { subscriptionDefinition } from './subscription-schema';
import { taskDefinition } from './task-schema';
import { groupDefinition, userDefinition } from './user-group-schema';

/** The org's metadata: objects, fields, and when each object's describe last changed (If-Modified-Since). */
export class OrgSchema {
  private readonly defs = new Map<string, ObjectDefinition>();
  private readonly fieldMaps = new Map<string, Map<string, FieldDescribe>>();
  private readonly modified = new Map<string, number>();

  constructor(private readonly now: () => number) {
    // In name order, as describeGlobal lists them.
    const defs = [accountDefinition(), accountHistoryDefinition(), contactDefinition(), groupDefinition(), leadDefinition(), opportunityDefinition(), subscriptionDefinition(), taskDefinition(), userDefinition()];
    for (const def of defs) {
      this.defs.set(def.name.toLowerCase(), def);
      this.reindex(def);
    }
  }

  objects(): ObjectDefinition[] {
    return [...this.defs.values()];
  }

  find(name: string): ObjectDefinition | undefined {
    return this.defs.get(name.toLowerCase());
  }

  /** The object, or the REST 404 Salesforce answers for an unknown sObject in a URL. */
  get(name: string): ObjectDefinition {
    const def = this.find(name);
    if (!def) throw new RestError(404, 'NOT_FOUND', `The requested resource does not exist`);
    return def;
  }

  /** Whether `id` is a record type of `def` (Master included), as `RecordTypeId` values must be. */
  isRecordTypeOf(def: ObjectDefinition, id: string): boolean {
    return id === MASTER_RECORD_TYPE_ID || (def.recordTypes ?? []).some((rt) => rt.id === id);
  }

  byKeyPrefix(prefix: string): ObjectDefinition | undefined {
    return this.objects().find((d) => d.keyPrefix === prefix);
  }

  field(def: ObjectDefinition, name: string): FieldDescribe | undefined {
    return this.fieldMaps.get(def.name)?.get(name.toLowerCase());
  }

  /** When the object's describe last changed (epoch ms), or the latest change of any object. */
  lastModified(def?: ObjectDefinition): number {
    if (def) return this.modified.get(def.name) ?? 0;
    return Math.max(...this.modified.values());
  }

  /** An admin adds a field (schema drift). `partial` is a describe field; missing keys get the type's defaults. */
  addField(objectName: string, partial: Record<string, unknown>): FieldDescribe {
    const def = this.mustFind(objectName);
    const { name, type, label } = partial;
    if (typeof name !== 'string' || typeof type !== 'string') throw new Error('addField needs a name and a type');
    if (this.field(def, name)) throw new Error(`${def.name}.${name} already exists`);
    const defaults = buildField(type as FieldType, name, typeof label === 'string' ? label : name);
    // Only describe keys are kept: the answer must stay in the real describe shape.
    const known = Object.fromEntries(Object.entries(partial).filter(([key]) => key in defaults)) as Partial<FieldDescribe>;
    const field = buildField(type as FieldType, name, defaults.label, known);
    def.fields.push(field);
    this.reindex(def);
    // A new lookup adds a child relationship to the describe of each parent.
    for (const parent of field.referenceTo) {
      const target = this.find(parent);
      if (target) this.modified.set(target.name, this.now());
    }
    return field;
  }

  removeField(objectName: string, fieldName: string): void {
    const def = this.mustFind(objectName);
    const field = this.field(def, fieldName);
    if (!field) throw new Error(`${def.name}.${fieldName} does not exist`);
    if (!field.custom) throw new Error(`Standard field ${def.name}.${field.name} cannot be removed`);
    def.fields = def.fields.filter((f) => f !== field);
    this.reindex(def);
  }

  setPicklistValues(objectName: string, fieldName: string, values: { value: string; label?: string; active?: boolean; defaultValue?: boolean }[]): void {
    const def = this.mustFind(objectName);
    const field = this.field(def, fieldName);
    if (!field || (field.type !== 'picklist' && field.type !== 'multipicklist')) throw new Error(`${def.name}.${fieldName} is not a picklist`);
    const previous = new Map(field.picklistValues.map((p) => [p.value, p]));
    field.picklistValues = values.map((v) => ({
      active: v.active ?? true,
      defaultValue: v.defaultValue ?? false,
      label: v.label ?? v.value,
      validFor: previous.get(v.value)?.validFor ?? null,
      value: v.value,
    }));
    this.reindex(def);
  }

  private mustFind(name: string): ObjectDefinition {
    const def = this.find(name);
    if (!def) throw new Error(`Unknown object ${name}`);
    return def;
  }

  private reindex(def: ObjectDefinition): void {
    this.fieldMaps.set(def.name, new Map(def.fields.map((f) => [f.name.toLowerCase(), f])));
    this.modified.set(def.name, this.now());
  }
}
