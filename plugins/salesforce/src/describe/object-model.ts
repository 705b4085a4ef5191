import { CrmNotFoundError, type CanonicalType, type CrmEnum, type CrmObject } from '@crm-hub/plugin-sdk';
import type { SfDescribe, SfField } from './describe-types';
import { canonicalTypeOf, hasPicklist, isPolymorphic, toCrmField, toUnsupportedField } from './field-mapping';
import { toCrmEnum } from './picklist-mapping';

/** Cursor candidates, best first: SystemModstamp moves on every change, user or system. */
const CURSOR_FIELDS = ['SystemModstamp', 'LastModifiedDate', 'CreatedDate'];

/**
 * One described object, ready for reads and writes: its fields by name, their canonical types,
 * the components of compound fields, the cursor used for incremental reads, and its catalog form.
 *
 * @example
 * ```ts
 * const model = new ObjectModel(describe);
 * model.cursorField; // 'SystemModstamp'
 * model.typeOf('Amount__c'); // 'currency'
 * ```
 */
export class ObjectModel {
  readonly name: string;
  /** Exposed fields (base64 and unknown types left out), by name. */
  readonly fields = new Map<string, SfField>();
  readonly cursorField: string | undefined;
  readonly hasIsDeleted: boolean;
  private readonly componentsOf = new Map<string, string[]>();

  constructor(readonly describe: SfDescribe) {
    this.name = describe.name;
    for (const field of describe.fields) {
      if (canonicalTypeOf(field) !== undefined) this.fields.set(field.name, field);
    }
    for (const field of this.fields.values()) {
      const parent = field.compoundFieldName;
      const parentType = parent ? this.fields.get(parent)?.type : undefined;
      if (parent && (parentType === 'address' || parentType === 'location')) {
        this.componentsOf.set(parent, [...(this.componentsOf.get(parent) ?? []), field.name]);
      }
    }
    this.cursorField = CURSOR_FIELDS.find((name) => {
      const f = this.fields.get(name);
      return f?.type === 'datetime' && f.filterable !== false && f.sortable !== false;
    });
    this.hasIsDeleted = this.fields.get('IsDeleted')?.type === 'boolean';
  }

  /** The describe field, or `CrmNotFoundError` naming it. */
  field(name: string): SfField {
    const field = this.fields.get(name);
    if (!field) {
      throw new CrmNotFoundError(`Field '${name}' does not exist on ${this.name} (or is not readable by this user)`, {
        code: 'INVALID_FIELD',
      });
    }
    return field;
  }

  /** The canonical type of an exposed field. */
  typeOf(name: string): CanonicalType {
    return canonicalTypeOf(this.field(name)) as CanonicalType;
  }

  /** The component fields of a compound (address, geolocation) field; empty for others. */
  components(name: string): string[] {
    return this.componentsOf.get(name) ?? [];
  }

  /** Whether the field is a reference with several targets (values cross the contract as `"<Target>:<id>"`). */
  isPolymorphic(name: string): boolean {
    const field = this.fields.get(name);
    return field !== undefined && isPolymorphic(field);
  }

  /** Whether the field is a compound one (selected through its components). */
  isCompound(name: string): boolean {
    return this.componentsOf.has(name) || ['address', 'location'].includes(this.fields.get(name)?.type ?? '');
  }

  /**
   * How this object's deletes can be reported, when it differs from the manifest's `stream`:
   * deletes are streamed through `queryAll` (`IsDeleted = true`), which needs the `IsDeleted`
   * field (objects without a recycle bin lack it). Without it, getDeleted can still list deletes
   * by date window if the object is `replicateable`; otherwise they cannot be read at all.
   * `undefined` when the object streams its deletes (the manifest's mode).
   * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_getdeleted.htm
   */
  get deletesMode(): CrmObject['deletes'] {
    if (this.hasIsDeleted) return undefined;
    return this.describe.replicateable === true ? 'window' : 'none';
  }

  /**
   * The object as a catalog entry (`deletes` set only where it differs from the manifest's
   * `stream`), with the fields the plugin cannot read listed in `unsupportedFields` with why.
   */
  toCrmObject(): CrmObject {
    const fields = [...this.fields.values()].flatMap((f) => toCrmField(this.name, f, this.components(f.name)) ?? []);
    const unsupported = this.describe.fields.flatMap((f) => toUnsupportedField(f) ?? []);
    const deletes = this.deletesMode;
    return {
      name: this.name,
      label: this.describe.label,
      custom: this.describe.custom,
      idField: 'Id',
      ...(this.cursorField ? { cursorField: this.cursorField } : {}),
      incremental: this.cursorField ? 'cursor' : 'none',
      ...(deletes ? { deletes } : {}),
      fields,
      ...(unsupported.length ? { unsupportedFields: unsupported } : {}),
    };
  }

  /** The enums of its picklist fields (dependent ones with their controlling values). */
  enums(): CrmEnum[] {
    return [...this.fields.values()]
      .filter(hasPicklist)
      .map((f) => toCrmEnum(this.name, f, f.controllerName ? this.describe.fields.find((c) => c.name === f.controllerName) : undefined));
  }
}
