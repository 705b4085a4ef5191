import { LEAD_SOURCES } from './account-schema';
import { buildField, picklistEntries, systemFields } from './field-builder';
import { scopes, type ObjectDefinition } from './object-definition';
import type { FieldValue, Row } from '../store/row-types';
import { roundHalfUp } from '../util/sf-numbers';

/** Stage → default probability and forecast category, as a new org ships them. */
export const STAGES: [string, number, string][] = [
  ['Prospecting', 10, 'Pipeline'],
  ['Qualification', 10, 'Pipeline'],
  ['Needs Analysis', 20, 'Pipeline'],
  ['Value Proposition', 50, 'Pipeline'],
  ['Id. Decision Makers', 60, 'Pipeline'],
  ['Perception Analysis', 70, 'Pipeline'],
  ['Proposal/Price Quote', 75, 'Pipeline'],
  ['Negotiation/Review', 90, 'Pipeline'],
  ['Closed Won', 100, 'Closed'],
  ['Closed Lost', 0, 'Omitted'],
];
const stage = (row: Row) => STAGES.find(([name]) => name === row['StageName']);
const closeMonth = (row: Row) => (typeof row['CloseDate'] === 'string' ? Number(row['CloseDate'].slice(5, 7)) : undefined);

/** https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_opportunity.htm */
export function opportunityDefinition(): ObjectDefinition {
  const { head, tail } = systemFields('Opportunity', ['User']);
  const derived = { createable: false, updateable: false } as const;
  return {
    name: 'Opportunity',
    label: 'Opportunity',
    labelPlural: 'Opportunities',
    keyPrefix: '006',
    custom: false,
    supportedScopes: scopes('Opportunities'),
    createDefaults: (row) => {
      row['Probability'] ??= stage(row)?.[1] ?? null;
    },
    formulas: {
      ExpectedRevenue: (row): FieldValue =>
        typeof row['Amount'] === 'number' && typeof row['Probability'] === 'number' ? roundHalfUp((row['Amount'] * row['Probability']) / 100, 2) : null,
      IsClosed: (row) => stage(row)?.[2] !== 'Pipeline' && stage(row) !== undefined,
      IsWon: (row) => row['StageName'] === 'Closed Won',
      ForecastCategory: (row) => stage(row)?.[2] ?? null,
      FiscalYear: (row) => (typeof row['CloseDate'] === 'string' ? Number(row['CloseDate'].slice(0, 4)) : null),
      FiscalQuarter: (row) => { const m = closeMonth(row); return m === undefined ? null : Math.ceil(m / 3); },
    },
    fields: [
      ...head,
      buildField('reference', 'AccountId', 'Account ID', { referenceTo: ['Account'], relationshipName: 'Account' }),
      buildField('string', 'Name', 'Name', { length: 120, nillable: false, nameField: true }),
      buildField('textarea', 'Description', 'Description', { length: 32000 }),
      buildField('picklist', 'StageName', 'Stage', { length: 255, nillable: false, picklistValues: picklistEntries(STAGES.map(([n]) => n)) }),
      buildField('currency', 'Amount', 'Amount', { precision: 18, scale: 2 }),
      buildField('percent', 'Probability', 'Probability (%)', { precision: 3, scale: 0, defaultedOnCreate: true }),
      buildField('currency', 'ExpectedRevenue', 'Expected Amount', { ...derived, precision: 18, scale: 2, calculated: true, calculatedFormula: 'Amount * Probability / 100' }),
      buildField('date', 'CloseDate', 'Close Date', { nillable: false }),
      buildField('picklist', 'Type', 'Opportunity Type', { length: 255, picklistValues: picklistEntries(['Existing Customer - Upgrade', 'Existing Customer - Replacement', 'Existing Customer - Downgrade', 'New Customer']) }),
      buildField('string', 'NextStep', 'Next Step', { length: 255 }),
      buildField('picklist', 'LeadSource', 'Lead Source', { length: 255, picklistValues: picklistEntries(LEAD_SOURCES) }),
      buildField('boolean', 'IsClosed', 'Closed', { ...derived }),
      buildField('boolean', 'IsWon', 'Won', { ...derived }),
      buildField('picklist', 'ForecastCategory', 'Forecast Category', { ...derived, length: 40, nillable: false, picklistValues: picklistEntries(['Omitted', 'Pipeline', 'BestCase', 'Forecast', 'Closed']) }),
      buildField('int', 'FiscalQuarter', 'Fiscal Quarter', { ...derived, digits: 1 }),
      buildField('int', 'FiscalYear', 'Fiscal Year', { ...derived, digits: 4 }),
      ...tail,
    ],
  };
}
