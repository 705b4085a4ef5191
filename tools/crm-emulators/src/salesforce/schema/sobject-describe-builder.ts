import type { ChildRelationship, GlobalSObjectDescribe, SObjectDescribe } from './describe-types';
import type { ObjectDefinition } from './object-definition';

/** Child relationship names of the standard and custom lookups this org has. */
const CHILD_RELATIONSHIP_NAMES: Record<string, string> = {
  'Contact.AccountId': 'Contacts',
  'Opportunity.AccountId': 'Opportunities',
  'Account.ParentId': 'ChildAccounts',
  'Subscription__c.Account__c': 'Subscriptions__r',
};

/** The describeGlobal entry of an object. https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_describeGlobal.htm */
export function globalDescribe(def: ObjectDefinition, version: string): GlobalSObjectDescribe {
  const base = `/services/data/${version}/sobjects/${def.name}`;
  return {
    activateable: false,
    associateEntityType: null,
    associateParentEntity: null,
    createable: true,
    custom: def.custom,
    customSetting: false,
    deepCloneable: false,
    deletable: true,
    deprecatedAndHidden: false,
    feedEnabled: !def.custom,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix: def.keyPrefix,
    label: def.label,
    labelPlural: def.labelPlural,
    layoutable: true,
    mergeable: ['Account', 'Contact', 'Lead'].includes(def.name),
    mruEnabled: true,
    name: def.name,
    queryable: true,
    replicateable: true,
    retrieveable: true,
    searchable: true,
    triggerable: true,
    undeletable: true,
    updateable: true,
    urls: { rowTemplate: `${base}/{ID}`, defaultValues: `${base}/defaultValues?recordTypeId&fields`, describe: `${base}/describe`, sobject: base },
  };
}

/** The full describe of an object. https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_sobject_describe.htm */
export function sobjectDescribe(def: ObjectDefinition, all: ObjectDefinition[], version: string, instanceUrl: string): SObjectDescribe {
  const global = globalDescribe(def, version);
  const base = global.urls['sobject'] as string;
  return {
    ...global,
    actionOverrides: [],
    childRelationships: childRelationships(def, all),
    compactLayoutable: true,
    defaultImplementation: null,
    extendedBy: null,
    extendsInterfaces: null,
    fields: def.fields.map((f) => ({ ...f, picklistValues: f.picklistValues.map((p) => ({ ...p })), referenceTo: [...f.referenceTo] })),
    implementedBy: null,
    implementsInterfaces: null,
    listviewable: null,
    lookupLayoutable: null,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    recordTypeInfos: [
      {
        active: true,
        available: true,
        defaultRecordTypeMapping: true,
        developerName: 'Master',
        master: true,
        name: 'Master',
        recordTypeId: '012000000000000AAA',
        urls: { layout: `${base}/describe/layouts/012000000000000AAA` },
      },
    ],
    searchLayoutable: true,
    sobjectDescribeOption: 'FULL',
    supportedScopes: def.supportedScopes.map((s) => ({ ...s })),
    urls: {
      compactLayouts: `${base}/describe/compactLayouts`,
      rowTemplate: `${base}/{ID}`,
      approvalLayouts: `${base}/describe/approvalLayouts`,
      uiDetailTemplate: `${instanceUrl}/{ID}`,
      uiEditTemplate: `${instanceUrl}/{ID}/e`,
      defaultValues: `${base}/defaultValues?recordTypeId&fields`,
      listviews: `${base}/listviews`,
      describe: `${base}/describe`,
      uiNewRecord: `${instanceUrl}/${def.keyPrefix}/e`,
      quickActions: `${base}/quickActions`,
      layouts: `${base}/describe/layouts`,
      sobject: base,
    },
  };
}

function childRelationships(parent: ObjectDefinition, all: ObjectDefinition[]): ChildRelationship[] {
  const children: ChildRelationship[] = [];
  for (const child of all) {
    for (const field of child.fields) {
      if (field.type !== 'reference' || !field.referenceTo.includes(parent.name)) continue;
      children.push({
        cascadeDelete: field.cascadeDelete,
        childSObject: child.name,
        deprecatedAndHidden: false,
        field: field.name,
        junctionIdListNames: [],
        junctionReferenceTo: [],
        relationshipName: CHILD_RELATIONSHIP_NAMES[`${child.name}.${field.name}`] ?? null,
        restrictedDelete: field.restrictedDelete,
      });
    }
  }
  return children;
}
