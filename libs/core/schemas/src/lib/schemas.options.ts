/** Settings of the schemas feature. */
export interface SchemasOptions {
  /** How long a CRM describe is reused before asking the CRM again (`?refresh=true` forces it). */
  describeTtlMs: number;
}

export const SCHEMAS_OPTIONS = Symbol('SCHEMAS_OPTIONS');
