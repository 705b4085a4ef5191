import { attribute } from './attribute-builders';
import { stableGuid, type TableDef } from './metadata-types';
import type { TableBundle } from './standard-tables';

/**
 * The intersect table of the custom many-to-many relationship between new_subscription and contact
 * (create-update-entity-relationships-using-web-api.md): its own id, the two related ids and the
 * row version — no `createdon`/`modifiedon`, no state, no change tracking, no primary name. It is
 * readable as an entity set (`new_subscription_contactset`); rows come from associations, which
 * the emulator's control interface seeds. Reads of such a table can only be full reads.
 */
export function subscriptionContactTable(): TableBundle {
  const t = 'new_subscription_contact';
  const readOnly = { validForCreate: false, validForUpdate: false };
  const table: TableDef = {
    logicalName: t,
    schemaName: 'new_subscription_contact',
    entitySetName: 'new_subscription_contactset',
    displayName: 'Subscription contact',
    displayCollectionName: 'Subscription contacts',
    primaryIdAttribute: 'new_subscription_contactid',
    primaryNameAttribute: '',
    isIntersect: true,
    changeTracking: false,
    isCustom: true,
    objectTypeCode: 10011,
    metadataId: stableGuid(`entity:${t}`),
    attributes: [
      attribute(t, 'new_subscription_contactid', 'Uniqueidentifier', 'Subscription contact', { ...readOnly, isPrimaryId: true, requiredLevel: 'SystemRequired' }),
      attribute(t, 'new_subscriptionid', 'Uniqueidentifier', 'Subscription', { ...readOnly, requiredLevel: 'SystemRequired' }),
      attribute(t, 'contactid', 'Uniqueidentifier', 'Contact', { ...readOnly, requiredLevel: 'SystemRequired', isCustom: false }),
      attribute(t, 'versionnumber', 'BigInt', 'Version Number', { ...readOnly, isCustom: false, schemaName: 'VersionNumber' }),
    ],
    keys: [],
  };
  return { table, optionSets: {} };
}
