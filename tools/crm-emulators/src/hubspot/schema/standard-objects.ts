import type { ObjectDefinition } from './object-definition';
import { multiplyDecimal } from './object-definition';
import { prop, type PropertyDefinition } from './property-types';

/** `hs_object_id` and the creation/modification stamps of an object, read-only as in HubSpot. */
export function stampProperties(created: string, modified: string): PropertyDefinition[] {
  return [
    prop('hs_object_id', 'number', { label: 'Record ID', readOnly: true }),
    prop(created, 'datetime', { label: 'Create Date', readOnly: true }),
    prop(modified, 'datetime', { label: 'Last Modified Date', readOnly: true }),
  ];
}

const pick = <T>(list: readonly T[], seq: number): T => list[seq % list.length] as T;
const day = (seq: number): string => new Date(Date.UTC(2025, 0, 1) + (seq % 365) * 86_400_000).toISOString().slice(0, 10);

const LIFECYCLE = ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other'];
const LEAD_STATUS = ['NEW', 'OPEN', 'IN_PROGRESS', 'OPEN_DEAL', 'UNQUALIFIED', 'ATTEMPTED_TO_CONTACT', 'CONNECTED', 'BAD_TIMING'];
const BUYING_ROLE = ['BUDGET_HOLDER', 'CHAMPION', 'DECISION_MAKER', 'END_USER', 'EXECUTIVE_SPONSOR', 'INFLUENCER', 'LEGAL_AND_COMPLIANCE', 'OTHER'];
const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson'];

/** Contacts: `lastmodifieddate` is their modification stamp; `email` is unique and an upsert key. */
export const contacts: ObjectDefinition = {
  name: 'contacts',
  objectTypeId: '0-1',
  custom: false,
  singular: 'Contact',
  plural: 'Contacts',
  errorName: 'CONTACT',
  createdProperty: 'createdate',
  modifiedProperty: 'lastmodifieddate',
  primaryDisplayProperty: 'firstname',
  secondaryDisplayProperties: ['email'],
  requiredProperties: [],
  searchableProperties: ['email', 'firstname', 'lastname', 'phone'],
  upsertKeys: ['email'],
  defaultProperties: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  properties: [
    ...stampProperties('createdate', 'lastmodifieddate'),
    prop('email', 'string', { label: 'Email', email: true }),
    prop('firstname', 'string', { label: 'First Name' }),
    prop('lastname', 'string', { label: 'Last Name' }),
    prop('phone', 'string', { label: 'Phone Number', fieldType: 'phonenumber' }),
    prop('jobtitle', 'string', { label: 'Job Title' }),
    prop('lifecyclestage', 'enumeration', { label: 'Lifecycle Stage', fieldType: 'radio', options: LIFECYCLE }),
    prop('hs_lead_status', 'enumeration', { label: 'Lead Status', options: LEAD_STATUS }),
    prop('hs_buying_role', 'enumeration', { label: 'Buying Role', fieldType: 'checkbox', options: BUYING_ROLE }),
    prop('hubspot_owner_id', 'enumeration', { label: 'Contact owner', externalOptions: true, referencedObjectType: 'OWNER' }),
    prop('newsletter', 'bool', { label: 'Newsletter', hubspotDefined: false }),
    prop('hs_full_name_or_email', 'string', {
      label: 'Full name or email',
      compute: (v) => [v['firstname'], v['lastname']].filter(Boolean).join(' ') || v['email'] || null,
    }),
  ],
  seed: (seq) => ({
    email: `contact${seq}@example.com`,
    firstname: pick(FIRST, seq),
    lastname: `${pick(LAST, seq)} ${seq}`,
    phone: `+39 02 ${String(1_000_000 + seq).slice(-7)}`,
    lifecyclestage: pick(LIFECYCLE, seq),
    hs_buying_role: [pick(BUYING_ROLE, seq), pick(BUYING_ROLE, seq + 3)].join(';'),
    newsletter: String(seq % 2 === 0),
  }),
};

const INDUSTRY = ['ACCOUNTING', 'COMPUTER_SOFTWARE', 'FINANCIAL_SERVICES', 'HOSPITAL_HEALTH_CARE', 'RETAIL', 'TELECOMMUNICATIONS'];

/** Companies. */
export const companies: ObjectDefinition = {
  name: 'companies',
  objectTypeId: '0-2',
  custom: false,
  singular: 'Company',
  plural: 'Companies',
  errorName: 'COMPANY',
  createdProperty: 'createdate',
  modifiedProperty: 'hs_lastmodifieddate',
  primaryDisplayProperty: 'name',
  secondaryDisplayProperties: ['domain'],
  requiredProperties: [],
  searchableProperties: ['name', 'domain', 'website', 'phone'],
  upsertKeys: [],
  defaultProperties: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
  properties: [
    ...stampProperties('createdate', 'hs_lastmodifieddate'),
    prop('name', 'string', { label: 'Company name' }),
    prop('domain', 'string', { label: 'Company Domain Name' }),
    prop('industry', 'enumeration', { label: 'Industry', options: INDUSTRY }),
    prop('annualrevenue', 'number', { label: 'Annual Revenue', hint: 'currency' }),
    prop('numberofemployees', 'number', { label: 'Number of Employees' }),
    prop('city', 'string', { label: 'City' }),
    prop('description', 'string', { label: 'Description', fieldType: 'textarea' }),
    prop('is_public', 'bool', { label: 'Is Public' }),
  ],
  seed: (seq) => ({
    name: `Company ${seq}`,
    domain: `company${seq}.example.com`,
    industry: pick(INDUSTRY, seq),
    annualrevenue: String(100_000 + seq * 250),
    numberofemployees: String(10 + (seq % 500)),
    city: pick(['Milano', 'Torino', 'Roma', 'Napoli'], seq),
  }),
};

const STAGES = ['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin', 'contractsent', 'closedwon', 'closedlost'];

/** Deals: a currency amount, a datetime close date, stages, and a calculated amount. */
export const deals: ObjectDefinition = {
  name: 'deals',
  objectTypeId: '0-3',
  custom: false,
  singular: 'Deal',
  plural: 'Deals',
  errorName: 'DEAL',
  createdProperty: 'createdate',
  modifiedProperty: 'hs_lastmodifieddate',
  primaryDisplayProperty: 'dealname',
  secondaryDisplayProperties: ['dealstage'],
  requiredProperties: [],
  searchableProperties: ['dealname'],
  upsertKeys: [],
  defaultProperties: ['amount', 'closedate', 'createdate', 'dealname', 'dealstage', 'hs_lastmodifieddate', 'hs_object_id', 'pipeline'],
  properties: [
    ...stampProperties('createdate', 'hs_lastmodifieddate'),
    prop('dealname', 'string', { label: 'Deal Name' }),
    prop('amount', 'number', { label: 'Amount', hint: 'currency' }),
    prop('closedate', 'datetime', { label: 'Close Date' }),
    prop('dealstage', 'enumeration', { label: 'Deal Stage', fieldType: 'radio', options: STAGES }),
    prop('pipeline', 'enumeration', { label: 'Pipeline', options: ['default'] }),
    prop('hs_priority', 'enumeration', { label: 'Priority', options: ['low', 'medium', 'high'] }),
    prop('amount_in_home_currency', 'number', { label: 'Amount in company currency', hint: 'currency', compute: (v) => v['amount'] ?? null }),
  ],
  seed: (seq) => ({
    dealname: `Deal ${seq}`,
    amount: `${1000 + (seq % 90) * 10}.5`,
    closedate: `${day(seq)}T12:00:00.000Z`,
    dealstage: pick(STAGES, seq),
    pipeline: 'default',
  }),
};

/** Tickets. */
export const tickets: ObjectDefinition = {
  name: 'tickets',
  objectTypeId: '0-5',
  custom: false,
  singular: 'Ticket',
  plural: 'Tickets',
  errorName: 'TICKET',
  createdProperty: 'createdate',
  modifiedProperty: 'hs_lastmodifieddate',
  primaryDisplayProperty: 'subject',
  secondaryDisplayProperties: ['hs_pipeline_stage'],
  requiredProperties: [],
  searchableProperties: ['subject', 'content'],
  upsertKeys: [],
  defaultProperties: ['content', 'createdate', 'hs_lastmodifieddate', 'hs_object_id', 'hs_pipeline', 'hs_pipeline_stage', 'hs_ticket_category', 'hs_ticket_priority', 'subject'],
  properties: [
    ...stampProperties('createdate', 'hs_lastmodifieddate'),
    prop('subject', 'string', { label: 'Ticket name' }),
    prop('content', 'string', { label: 'Ticket description', fieldType: 'textarea' }),
    prop('hs_pipeline', 'enumeration', { label: 'Pipeline', options: ['0'] }),
    prop('hs_pipeline_stage', 'enumeration', { label: 'Ticket status', options: ['1', '2', '3', '4'] }),
    prop('hs_ticket_priority', 'enumeration', { label: 'Priority', options: ['LOW', 'MEDIUM', 'HIGH', 'URGENT'] }),
    prop('hs_ticket_category', 'enumeration', { label: 'Category', fieldType: 'checkbox', options: ['PRODUCT_ISSUE', 'BILLING_ISSUE', 'FEATURE_REQUEST', 'GENERAL_INQUIRY'] }),
  ],
  seed: (seq) => ({ subject: `Ticket ${seq}`, hs_pipeline: '0', hs_pipeline_stage: pick(['1', '2', '3', '4'], seq), hs_ticket_priority: pick(['LOW', 'MEDIUM', 'HIGH'], seq) }),
};

/** The custom object `subscriptions` (`2-3508482`): required name, unique code, multi-select, calculated value. */
export function subscriptions(fullyQualifiedName: string): ObjectDefinition {
  return {
    name: 'subscriptions',
    objectTypeId: '2-3508482',
    custom: true,
    fullyQualifiedName,
    singular: 'Subscription',
    plural: 'Subscriptions',
    errorName: 'SUBSCRIPTIONS',
    createdProperty: 'hs_createdate',
    modifiedProperty: 'hs_lastmodifieddate',
    primaryDisplayProperty: 'name',
    secondaryDisplayProperties: ['code'],
    requiredProperties: ['name'],
    searchableProperties: ['name', 'code'],
    upsertKeys: [],
    defaultProperties: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
    properties: [
      ...stampProperties('hs_createdate', 'hs_lastmodifieddate'),
      prop('name', 'string', { label: 'Name', hubspotDefined: false }),
      prop('code', 'string', { label: 'Code', unique: true, hubspotDefined: false }),
      prop('plan', 'enumeration', { label: 'Plan', options: ['basic', 'standard', 'premium', 'enterprise'], hubspotDefined: false }),
      prop('features', 'enumeration', { label: 'Features', fieldType: 'checkbox', options: ['api', 'sso', 'audit', 'sandbox'], hubspotDefined: false }),
      prop('amount', 'number', { label: 'Amount', hint: 'currency', hubspotDefined: false }),
      prop('seats', 'number', { label: 'Seats', hubspotDefined: false }),
      prop('start_date', 'date', { label: 'Start date', hubspotDefined: false }),
      prop('renewal_at', 'datetime', { label: 'Renewal at', hubspotDefined: false }),
      prop('active', 'bool', { label: 'Active', hubspotDefined: false }),
      prop('notes', 'string', { label: 'Notes', fieldType: 'textarea', hubspotDefined: false }),
      prop('annual_value', 'number', { label: 'Annual value', hint: 'currency', hubspotDefined: false, compute: (v) => (v['amount'] ? multiplyDecimal(v['amount'], 12) : null) }),
    ],
    seed: (seq) => ({
      name: `Subscription ${seq}`,
      code: `S-${String(seq).padStart(7, '0')}`,
      plan: pick(['basic', 'standard', 'premium', 'enterprise'], seq),
      features: seq % 3 === 0 ? 'api;sso' : 'api',
      amount: `${10 + (seq % 50)}.9`,
      seats: String(1 + (seq % 20)),
      start_date: day(seq),
      active: String(seq % 4 !== 0),
    }),
  };
}
