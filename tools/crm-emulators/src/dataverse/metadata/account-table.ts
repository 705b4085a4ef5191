import { ACCOUNT_CHOICES, ACCOUNT_STATES, ACCOUNT_STATUSES } from './account-choices';
import { ACCOUNT_READ_ONLY_COLUMNS } from './account-read-only-columns';
import { ACCOUNT_WRITABLE_COLUMNS } from './account-writable-columns';
import { stableGuid } from './metadata-types';
import type { ReferenceColumn } from './reference-columns';
import { referenceTable } from './reference-table';
import type { TableBundle } from './standard-tables';

/**
 * Columns this organization added to `account` (they are in no reference, and are marked custom):
 * a multi-select choice on the global option set `new_channel`, and a file column with the name
 * companion the platform adds to every file column (file-column-data.md).
 */
const ORGANIZATION_COLUMNS: readonly ReferenceColumn[] = [
  ['new_Channels', 'MultiSelectPicklist', 'Channels', { custom: true, optionSet: 'global:new_channel' }],
  ['new_Contract', 'File', 'Contract', { custom: true }],
];
const ORGANIZATION_READ_ONLY_COLUMNS: readonly ReferenceColumn[] = [['new_Contract_Name', 'String', 'Contract Name', { custom: true, max: 200, of: 'new_contract' }]];

/**
 * The `account` table as a Dataverse organization with Dynamics 365 Sales has it: every column of
 * Microsoft's table reference (writable and read-only, `account-*-columns.ts`), the `<choice>name`
 * virtual companions of its choice columns, and two columns the organization added. About 240
 * attributes, change-tracked.
 *
 * @example
 * ```ts
 * const { table, optionSets } = accountTable();
 * table.attributes.find((a) => a.logicalName === 'ownerid')?.kind; // 'Owner'
 * ```
 */
export function accountTable(): TableBundle {
  const t = 'account';
  const { attributes, optionSets } = referenceTable(
    t,
    [
      { columns: ACCOUNT_WRITABLE_COLUMNS, writable: true },
      { columns: ORGANIZATION_COLUMNS, writable: true },
      { columns: ACCOUNT_READ_ONLY_COLUMNS, writable: false },
      { columns: ORGANIZATION_READ_ONLY_COLUMNS, writable: false },
    ],
    ACCOUNT_CHOICES,
    { states: ACCOUNT_STATES, statuses: ACCOUNT_STATUSES },
  );
  return {
    table: {
      logicalName: t,
      schemaName: 'Account',
      entitySetName: 'accounts',
      displayName: 'Account',
      displayCollectionName: 'Accounts',
      primaryIdAttribute: 'accountid',
      primaryNameAttribute: 'name',
      changeTracking: true,
      isCustom: false,
      objectTypeCode: 1,
      ownershipType: 'UserOwned',
      metadataId: stableGuid(`entity:${t}`),
      attributes,
      keys: [],
    },
    optionSets,
  };
}
