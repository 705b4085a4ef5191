import { buildField, picklistEntries } from './field-builder';
import type { ObjectDefinition } from './object-definition';

/** Field history values: what `Field` names (`created` for the creation itself). */
export const HISTORY_FIELDS = ['created', 'Name', 'Type', 'Industry', 'Rating', 'Owner', 'accountUpdatedByLead'];

/**
 * Account field history (key prefix 017): rows written by the platform when a tracked field
 * changes, read-only through the API (describeGlobal: not createable, updateable nor deletable).
 * It has no `SystemModstamp` and no `LastModifiedDate` — a history row never changes — so its
 * only stamp is `CreatedDate`; `OldValue` / `NewValue` are `anyType` (their type is the tracked
 * field's). The object for clients that must fall back from SystemModstamp.
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_accounthistory.htm
 */
export function accountHistoryDefinition(): ObjectDefinition {
  const readOnly = { createable: false, updateable: false } as const;
  const anyValue = { ...readOnly, length: 255, byteLength: 765, filterable: false, sortable: false, groupable: false, aggregatable: false } as const;
  return {
    name: 'AccountHistory',
    label: 'Account History',
    labelPlural: 'Account History',
    keyPrefix: '017',
    custom: false,
    supportedScopes: [{ label: 'All account history', name: 'everything' }],
    flags: {
      createable: false,
      updateable: false,
      deletable: false,
      undeletable: false,
      mergeable: false,
      layoutable: false,
      searchable: false,
      triggerable: false,
      feedEnabled: false,
      mruEnabled: false,
    },
    fields: [
      buildField('id', 'Id', 'History ID', { ...readOnly, nillable: false, defaultedOnCreate: true }),
      buildField('boolean', 'IsDeleted', 'Deleted', { ...readOnly }),
      buildField('reference', 'AccountId', 'Account ID', { ...readOnly, nillable: false, referenceTo: ['Account'], relationshipName: 'Account', cascadeDelete: true }),
      buildField('reference', 'CreatedById', 'Created By ID', { ...readOnly, nillable: false, defaultedOnCreate: true, referenceTo: ['User'], relationshipName: 'CreatedBy' }),
      buildField('datetime', 'CreatedDate', 'Created Date', { ...readOnly, nillable: false, defaultedOnCreate: true }),
      buildField('picklist', 'Field', 'Changed Field', { ...readOnly, nillable: false, restrictedPicklist: true, picklistValues: picklistEntries(HISTORY_FIELDS) }),
      buildField('anyType', 'OldValue', 'Old Value', anyValue),
      buildField('anyType', 'NewValue', 'New Value', anyValue),
    ],
  };
}
