/** A property as `GET /crm/v3/properties/{objectType}` returns it (the keys the plugin reads). */
export interface HubSpotProperty {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  options?: { label: string; value: string; displayOrder?: number; hidden?: boolean }[];
  calculated?: boolean;
  externalOptions?: boolean;
  hasUniqueValue?: boolean;
  hidden?: boolean;
  modificationMetadata?: { readOnlyValue?: boolean };
  numberDisplayHint?: string;
  referencedObjectType?: string;
}

/** A custom object as `GET /crm/v3/schemas` returns it (the keys the plugin reads). */
export interface HubSpotSchema {
  name: string;
  objectTypeId: string;
  fullyQualifiedName?: string;
  labels?: { singular?: string; plural?: string };
  requiredProperties?: string[];
  primaryDisplayProperty?: string;
}

/** A record as list, search and batch answers show it (`SimplePublicObject`). */
export interface HubSpotRecord {
  id: string;
  properties: Record<string, string | null>;
  createdAt?: string;
  updatedAt?: string;
  archived?: boolean;
  archivedAt?: string;
  objectWriteTraceId?: string;
  new?: boolean;
}
