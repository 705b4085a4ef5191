import { buildField, picklistEntries, systemFields } from './field-builder';
import { scopes, validFor, type ObjectDefinition } from './object-definition';
import type { FieldValue } from '../store/row-types';
import { seqOfId } from '../util/record-ids';
import { roundHalfUp } from '../util/sf-numbers';

export const PLANS = ['Basic', 'Standard', 'Premium', 'Enterprise'];
export const FEATURES = ['Analytics', 'Api', 'Sso', 'Support', 'Storage'];
export const REGIONS = ['EMEA', 'AMER', 'APAC'];
/** Dependent picklist Country__c: each country with the index of its Region__c value. */
export const COUNTRIES: [string, number][] = [['Germany', 0], ['France', 0], ['United States', 1], ['Canada', 1], ['Japan', 2], ['Australia', 2]];

/**
 * The custom object of the issue: an external id, a multi-select, a dependent and a restricted
 * picklist, a lookup, currency/percent/date/datetime/time/boolean/long-text fields, a formula, an
 * auto number (numbered in creation order) and a rich text area.
 * Custom objects answer like https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_custom_objects.htm
 */
export function subscriptionDefinition(): ObjectDefinition {
  const { head, tail } = systemFields('Subscription', ['Group', 'User']);
  return {
    name: 'Subscription__c',
    label: 'Subscription',
    labelPlural: 'Subscriptions',
    keyPrefix: 'a0X',
    custom: true,
    supportedScopes: scopes('Subscriptions'),
    formulas: {
      Annual_Amount__c: (row): FieldValue => (typeof row['Amount__c'] === 'number' ? roundHalfUp(row['Amount__c'] * 12, 2) : null),
      // Ids are handed out in creation order, like auto numbers: one gives the other.
      Number__c: (row): FieldValue => `SN-${String(seqOfId(String(row['Id']), 'a0X') ?? 0).padStart(6, '0')}`,
    },
    fields: [
      ...head.map((f) => (f.name === 'Id' ? { ...f, label: 'Record ID' } : f)),
      buildField('string', 'Name', 'Subscription Name', { length: 80, nillable: false, defaultedOnCreate: true, nameField: true }),
      buildField('string', 'External_Id__c', 'External Id', { length: 64, externalId: true, unique: true, idLookup: true }),
      buildField('reference', 'Account__c', 'Account', { referenceTo: ['Account'], relationshipName: 'Account__r', relationshipOrder: null }),
      buildField('picklist', 'Plan__c', 'Plan', { restrictedPicklist: true, picklistValues: picklistEntries(PLANS) }),
      buildField('multipicklist', 'Features__c', 'Features', { picklistValues: picklistEntries(FEATURES) }),
      buildField('picklist', 'Region__c', 'Region', { picklistValues: picklistEntries(REGIONS) }),
      buildField('picklist', 'Country__c', 'Country', {
        dependentPicklist: true,
        controllerName: 'Region__c',
        picklistValues: COUNTRIES.map(([value, region]) => ({ active: true, defaultValue: false, label: value, validFor: validFor([region], REGIONS.length), value })),
      }),
      buildField('currency', 'Amount__c', 'Monthly Amount', { precision: 16, scale: 2 }),
      buildField('currency', 'Annual_Amount__c', 'Annual Amount', { precision: 18, scale: 2, calculated: true, calculatedFormula: 'Amount__c * 12', createable: false, updateable: false }),
      buildField('percent', 'Discount__c', 'Discount', { precision: 5, scale: 2 }),
      buildField('double', 'Seats__c', 'Seats', { precision: 18, scale: 0 }),
      buildField('date', 'Start_Date__c', 'Start Date', { nillable: false }),
      buildField('datetime', 'Renewal_At__c', 'Renewal At'),
      buildField('time', 'Billing_Time__c', 'Billing Time'),
      buildField('boolean', 'Active__c', 'Active', { defaultValue: false }),
      buildField('email', 'Contact_Email__c', 'Contact Email'),
      buildField('textarea', 'Notes__c', 'Notes', { length: 32768 }),
      buildField('string', 'Number__c', 'Subscription Number', { length: 30, autoNumber: true, createable: false, updateable: false, nillable: false, defaultedOnCreate: true }),
      buildField('textarea', 'Summary__c', 'Summary', { length: 32768, extraTypeInfo: 'richtextarea', htmlFormatted: true }),
      ...tail,
    ],
  };
}
