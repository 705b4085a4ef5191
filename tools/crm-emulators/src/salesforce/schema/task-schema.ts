import { buildField, picklistEntries, systemFields } from './field-builder';
import { scopes, type ObjectDefinition } from './object-definition';

export const TASK_STATUSES = ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'];
export const TASK_PRIORITIES = ['High', 'Normal', 'Low'];
export const TASK_SUBJECTS = ['Call', 'Send Letter', 'Send Quote', 'Other'];

/**
 * Tasks (key prefix 00T), the object of Salesforce's polymorphic lookups: `WhoId` points at a
 * Contact or a Lead, `WhatId` at an Account, Opportunity or Subscription__c, `OwnerId` at a User
 * or a queue (Group); `polymorphicForeignKey` is set, and only the id's key prefix says which.
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_task.htm
 */
export function taskDefinition(): ObjectDefinition {
  const { head, tail } = systemFields('Task', ['Group', 'User']);
  const polymorphic = { polymorphicForeignKey: true, namePointing: true } as const;
  return {
    name: 'Task',
    label: 'Task',
    labelPlural: 'Tasks',
    keyPrefix: '00T',
    custom: false,
    supportedScopes: scopes('Tasks'),
    formulas: { IsClosed: (row) => row['Status'] === 'Completed' },
    createDefaults: (row) => {
      row['Status'] ??= 'Not Started';
      row['Priority'] ??= 'Normal';
    },
    fields: [
      ...head,
      buildField('reference', 'WhoId', 'Name ID', { ...polymorphic, referenceTo: ['Contact', 'Lead'], relationshipName: 'Who' }),
      buildField('reference', 'WhatId', 'Related To ID', { ...polymorphic, referenceTo: ['Account', 'Opportunity', 'Subscription__c'], relationshipName: 'What' }),
      buildField('combobox', 'Subject', 'Subject', { picklistValues: picklistEntries(TASK_SUBJECTS) }),
      buildField('date', 'ActivityDate', 'Due Date Only'),
      buildField('picklist', 'Status', 'Status', { length: 40, nillable: false, defaultedOnCreate: true, defaultValue: 'Not Started', picklistValues: picklistEntries(TASK_STATUSES, 'Not Started') }),
      buildField('picklist', 'Priority', 'Priority', { length: 40, nillable: false, defaultedOnCreate: true, defaultValue: 'Normal', picklistValues: picklistEntries(TASK_PRIORITIES, 'Normal') }),
      buildField('boolean', 'IsClosed', 'Closed', { createable: false, updateable: false }),
      buildField('textarea', 'Description', 'Comments', { length: 32000 }),
      ...tail.filter((f) => f.name !== 'LastActivityDate' && f.name !== 'LastViewedDate' && f.name !== 'LastReferencedDate'),
    ],
  };
}
