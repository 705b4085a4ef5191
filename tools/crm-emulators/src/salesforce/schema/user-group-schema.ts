import { buildField, personNameFields, picklistEntries, systemFields } from './field-builder';
import { personName, scopes, type ObjectDefinition } from './object-definition';

/** Audit fields of setup objects: no owner, no recycle bin, no activities. */
function setupAudit(label: string) {
  const { head, tail } = systemFields(label, ['User']);
  return { id: head.filter((f) => f.name === 'Id'), tail: tail.filter((f) => f.name !== 'LastActivityDate') };
}

/**
 * Users (key prefix 005), so describeGlobal names the target of `OwnerId` values and the API user
 * is a record. https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_user.htm
 */
export function userDefinition(): ObjectDefinition {
  const { id, tail } = setupAudit('User');
  return {
    name: 'User',
    label: 'User',
    labelPlural: 'Users',
    keyPrefix: '005',
    custom: false,
    supportedScopes: scopes('Users'),
    formulas: { Name: personName, SmallPhotoUrl: () => '/profilephoto/005/T' },
    fields: [
      ...id,
      buildField('string', 'Username', 'Username', { length: 80, nillable: false, unique: true, idLookup: true }),
      ...personNameFields(undefined),
      buildField('string', 'Alias', 'Alias', { length: 8, nillable: false }),
      buildField('email', 'Email', 'Email', { nillable: false }),
      buildField('boolean', 'IsActive', 'Active'),
      // Real orgs mark photo links so: a URL of an image, not a page.
      buildField('url', 'SmallPhotoUrl', 'Photo', { length: 1024, createable: false, updateable: false, extraTypeInfo: 'imageurl' }),
      ...tail,
    ],
  };
}

export const GROUP_TYPES = ['Regular', 'Queue', 'Role', 'Organization'];

/**
 * Public groups and queues (key prefix 00G): records owned by a queue have an `OwnerId` of this
 * object. https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_group.htm
 */
export function groupDefinition(): ObjectDefinition {
  const { id, tail } = setupAudit('Group');
  return {
    name: 'Group',
    label: 'Group',
    labelPlural: 'Groups',
    keyPrefix: '00G',
    custom: false,
    supportedScopes: scopes('Groups'),
    createDefaults: (row) => {
      row['Type'] ??= 'Regular';
    },
    fields: [
      ...id,
      buildField('string', 'Name', 'Name', { length: 40, nillable: false, nameField: true }),
      buildField('string', 'DeveloperName', 'Developer Name', { length: 80, nillable: false }),
      buildField('picklist', 'Type', 'Type', { length: 40, nillable: false, defaultedOnCreate: true, restrictedPicklist: true, picklistValues: picklistEntries(GROUP_TYPES, 'Regular') }),
      buildField('email', 'Email', 'Email'),
      buildField('reference', 'OwnerId', 'Owner ID', { nillable: false, defaultedOnCreate: true, referenceTo: ['User'], relationshipName: 'Owner' }),
      ...tail,
    ],
  };
}
