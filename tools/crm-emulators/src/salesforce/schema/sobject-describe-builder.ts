import type { ChildRelationship, GlobalSObjectDescribe, RecordTypeInfo, SObjectDescribe } from './describe-types';
import { MASTER_RECORD_TYPE_ID, type ObjectDefinition } from './object-definition';

/** Child relationship names of the standard and custom lookups this org has. */
const CHILD_RELATIONSHIP_NAMES: Record<string, string> = {
  'Contact.AccountId': 'Contacts',
  'Opportunity.AccountId': 'Opportunities',
  'Account.ParentId': 'ChildAccounts',
  'Subscription__c.Account__c': 'Subscriptions__r',
  'Task.WhoId': 'Tasks',
  'Task.WhatId': 'Tasks',
  'AccountHistory.AccountId': 'Histories',
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
    ...def.flags,
  };
}

/**
 * `recordTypeInfos`: the object's record types, then Master (which every object has, the only
 * one — and the default — when the object has no other).
 */
function recordTypeInfos(def: ObjectDefinition, base: string): RecordTypeInfo[] {
  const others = def.recordTypes ?? [];
  const info = (id: string, developerName: string, name: string, master: boolean, isDefault: boolean): RecordTypeInfo => ({
    active: true,
    available: true,
    defaultRecordTypeMapping: isDefault,
    developerName,
    master,
    name,
    recordTypeId: id,
    urls: { layout: `${base}/describe/layouts/${id}` },
  });
  return [
    ...others.map((rt) => info(rt.id, rt.developerName, rt.name, false, rt.defaultMapping === true)),
    info(MASTER_RECORD_TYPE_ID, 'Master', 'Master', true, !others.some((rt) => rt.defaultMapping)),
  ];
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
    recordTypeInfos: recordTypeInfos(def, base),
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
