/**
 * Answers of routes that the hub's OpenAPI document lists without a response schema (their
 * controllers return plain objects). Typed here from the hub's README until the document says more;
 * the end-to-end tests run these commands against a real hub, so a change of shape shows there.
 */

/** `GET /api/accounts/:id/objects`. */
export interface ObjectsAnswer {
  objects: { name: string; label: string; custom: boolean; incremental: string; schemaId: string | null }[];
}

/** One field of `GET /api/accounts/:id/objects/:object` (the SDK's CrmField, the parts shown). */
export interface DescribedField {
  name: string;
  label: string;
  type: string;
  nativeType: string;
  nullable: boolean;
  required?: boolean;
  createable: boolean;
  updateable: boolean;
  externalId: boolean;
  computed?: boolean;
  referenceTo?: string[];
  enumId?: string;
}

/** `GET /api/accounts/:id/objects/:object`. */
export interface DescribeAnswer {
  object: { name: string; label?: string; fields: DescribedField[] };
  picklists: CrmPicklist[];
  schemaId: string | null;
}

/** A CRM picklist or option set (the SDK's CrmEnum). */
export interface CrmPicklist {
  id: string;
  label: string;
  global: boolean;
  multiSelect: boolean;
  restricted: boolean;
  values: { value: string; label: string; active?: boolean }[];
}

/** `GET /api/accounts/:id/picklists`. */
export interface PicklistsAnswer {
  picklists: (CrmPicklist & { usedBy: { object: string; field: string }[]; boundTo: string[] })[];
}

/** `GET /api/schemas/:id/drift`. */
export interface DriftAnswer {
  schemaId: string;
  checkedAt: string;
  upToDate: boolean;
  added: { field: string; type: string; columnType: string | null; returning: boolean }[];
  removed: { field: string; column: string | null }[];
  retyped: { field: string; from: string; to: string; safe: boolean; reason: string }[];
  picklists: { field: string; picklist: string; added: string[]; removed: string[]; relabeled: string[] }[];
}

/** `POST /api/schemas/:id/apply-drift`. */
export interface ApplyDriftAnswer {
  added: string[];
  widened: string[];
  deactivated: string[];
  picklistsUpdated: string[];
  skipped: { field: string; reason: string }[];
}
