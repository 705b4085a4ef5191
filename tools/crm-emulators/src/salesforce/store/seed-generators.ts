import { ACCOUNT_RECORD_TYPES, ACCOUNT_TYPES, INDUSTRIES, LEAD_SOURCES, RATINGS } from '../schema/account-schema';
import { HISTORY_FIELDS } from '../schema/history-schema';
import { SALUTATIONS } from '../schema/contact-schema';
import { LEAD_STATUSES } from '../schema/lead-schema';
import { STAGES } from '../schema/opportunity-schema';
import { COUNTRIES, FEATURES, PLANS, REGIONS } from '../schema/subscription-schema';
import { TASK_PRIORITIES, TASK_STATUSES, TASK_SUBJECTS } from '../schema/task-schema';
import { hash32, pick } from '../util/deterministic-hash';
import { makeId } from '../util/record-ids';
import { DAY_MS, isoDate } from '../util/sf-dates';
import type { FieldValue, Row } from './row-types';

/**
 * Deterministic seed data: every value is a function of the record's sequence number (and, for
 * lookups, of the parents seeded before), so the same seeding gives the same org on every run.
 */

export interface SeedContext {
  keyPrefix: string;
  userId: string;
  /** Id of a seeded parent Account for the n-th child, or null when no Account was seeded. */
  accountFor(n: number): string | null;
}

export interface SeedGenerator {
  row(seq: number, stampMs: number): Row;
  /** The sequence number whose row holds `value` in a unique / id-lookup field. */
  reverse(field: string, value: string): number | undefined;
}

const FIRST = ['Ada', 'Alan', 'Grace', 'Linus', 'Margaret', 'Dennis', 'Barbara', 'Ken', 'Frances', 'Edsger', 'Hedy', 'Tim', 'Radia', 'Donald', 'Katherine', 'John'];
const LAST = ['Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Hamilton', 'Ritchie', 'Liskov', 'Thompson', 'Allen', 'Dijkstra', 'Lamarr', 'Berners-Lee', 'Perlman', 'Knuth', 'Johnson', 'McCarthy'];
const COMPANY = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Wonka', 'Tyrell', 'Cyberdyne', 'Soylent', 'Hooli', 'Vandelay'];
const SUFFIX = ['Inc.', 'Corp.', 'GmbH', 'Ltd.', 'SA', 'Group'];
const CITIES: [string, string, string][] = [['Berlin', 'BE', 'Germany'], ['Paris', 'IDF', 'France'], ['Austin', 'TX', 'United States'], ['Toronto', 'ON', 'Canada'], ['Osaka', 'Osaka', 'Japan'], ['Sydney', 'NSW', 'Australia']];
const STREETS = ['Main St', 'Market St', 'High St', 'Station Rd', 'Park Ave', 'Church Ln'];
const TITLES = ['CEO', 'CTO', 'VP Sales', 'Engineer', 'Buyer', 'Analyst'];
const DEPARTMENTS = ['Sales', 'Engineering', 'Finance', 'Operations', 'Marketing'];

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const phone = (n: number) => `(555) ${pad(hash32(n, 21) % 1000, 3)}-${pad(hash32(n, 22) % 10000, 4)}`;
const dateOffset = (stampMs: number, n: number, salt: number, span: number) => isoDate(stampMs + ((hash32(n, salt) % span) - span / 2) * DAY_MS);
const numberAfter = (value: string, re: RegExp) => { const m = re.exec(value); return m ? Number(m[1]) : undefined; };

function audit(ctx: SeedContext, seq: number, stampMs: number): Record<string, FieldValue> {
  return {
    Id: makeId(ctx.keyPrefix, seq),
    OwnerId: ctx.userId,
    IsDeleted: false,
    CreatedDate: stampMs,
    CreatedById: ctx.userId,
    LastModifiedDate: stampMs,
    LastModifiedById: ctx.userId,
    SystemModstamp: stampMs,
    LastActivityDate: null,
    LastViewedDate: null,
    LastReferencedDate: null,
  };
}

function address(prefix: string, n: number, salt: number): Record<string, FieldValue> {
  const [city, state, country] = pick(CITIES, n, salt);
  return {
    [`${prefix}Street`]: `${100 + (hash32(n, salt + 1) % 9000)} ${pick(STREETS, n, salt + 2)}`,
    [`${prefix}City`]: city,
    [`${prefix}State`]: state,
    [`${prefix}PostalCode`]: pad(hash32(n, salt + 3) % 100000, 5),
    [`${prefix}Country`]: country,
  };
}

function person(n: number): { first: string; last: string } {
  return { first: pick(FIRST, n, 11), last: pick(LAST, n, 12) };
}

const GENERATORS: Record<string, (ctx: SeedContext) => SeedGenerator> = {
  Account: (ctx) => ({
    row: (n, ms) => ({
      ...audit(ctx, n, ms),
      Name: `${pick(COMPANY, n, 1)} ${pick(SUFFIX, n, 2)} ${n}`,
      Type: pick(ACCOUNT_TYPES, n, 3),
      RecordTypeId: pick(ACCOUNT_RECORD_TYPES, n, 46).id,
      ...address('Billing', n, 4),
      Phone: phone(n),
      AccountNumber: `ACC-${pad(n, 7)}`,
      Website: `https://www.${pick(COMPANY, n, 1).toLowerCase()}${n}.example.com`,
      Industry: pick(INDUSTRIES, n, 5),
      AnnualRevenue: (hash32(n, 6) % 1000) * 100000,
      NumberOfEmployees: hash32(n, 7) % 20000,
      Rating: pick(RATINGS, n, 8),
      AccountSource: pick(LEAD_SOURCES, n, 9),
      Description: hash32(n, 10) % 4 === 0 ? `Seeded account ${n}` : null,
    }),
    reverse: () => undefined,
  }),
  Contact: (ctx) => ({
    row: (n, ms) => {
      const { first, last } = person(n);
      return {
        ...audit(ctx, n, ms),
        AccountId: ctx.accountFor(n),
        FirstName: first,
        LastName: last,
        Salutation: pick(SALUTATIONS, n, 13),
        ...address('Mailing', n, 14),
        Phone: phone(n),
        Email: `${first}.${last}.${n}@example.com`.toLowerCase(),
        Title: pick(TITLES, n, 15),
        Department: pick(DEPARTMENTS, n, 16),
        LeadSource: pick(LEAD_SOURCES, n, 17),
        Birthdate: dateOffset(ms, n, 18, 20000),
        HasOptedOutOfEmail: hash32(n, 19) % 10 === 0,
        DoNotCall: false,
      };
    },
    reverse: (field, value) => (field === 'Email' ? numberAfter(value, /\.(\d+)@example\.com$/i) : undefined),
  }),
  Lead: (ctx) => ({
    row: (n, ms) => {
      const { first, last } = person(n);
      return {
        ...audit(ctx, n, ms),
        FirstName: first,
        LastName: last,
        Company: `${pick(COMPANY, n, 1)} ${pick(SUFFIX, n, 2)}`,
        ...address('', n, 14),
        Email: `lead.${first}.${n}@example.com`.toLowerCase(),
        Phone: phone(n),
        LeadSource: pick(LEAD_SOURCES, n, 17),
        Status: pick(LEAD_STATUSES.slice(0, 2), n, 20),
        Industry: pick(INDUSTRIES, n, 5),
        Rating: pick(RATINGS, n, 8),
        IsConverted: false,
      };
    },
    reverse: (field, value) => (field === 'Email' ? numberAfter(value, /\.(\d+)@example\.com$/i) : undefined),
  }),
  Opportunity: (ctx) => ({
    row: (n, ms) => {
      const [stage, probability] = pick(STAGES, n, 23);
      return {
        ...audit(ctx, n, ms),
        AccountId: ctx.accountFor(n),
        Name: `Opportunity ${n}`,
        StageName: stage,
        Amount: (hash32(n, 24) % 5000000) / 10,
        Probability: probability,
        CloseDate: dateOffset(ms, n, 25, 360),
        LeadSource: pick(LEAD_SOURCES, n, 17),
      };
    },
    reverse: () => undefined,
  }),
  Subscription__c: (ctx) => ({
    row: (n, ms) => {
      const [country, region] = pick(COUNTRIES, n, 30);
      const features = FEATURES.filter((_, i) => hash32(n, 31) & (1 << i));
      return {
        ...audit(ctx, n, ms),
        Name: `SUB-${pad(n, 7)}`,
        External_Id__c: `EXT-${pad(n, 9)}`,
        Account__c: ctx.accountFor(n),
        Plan__c: pick(PLANS, n, 32),
        Features__c: features.length ? features.join(';') : null,
        Region__c: REGIONS[region] as string,
        Country__c: country,
        Amount__c: (hash32(n, 33) % 100000) / 100,
        Discount__c: (hash32(n, 34) % 2000) / 100,
        Seats__c: 1 + (hash32(n, 35) % 500),
        Start_Date__c: dateOffset(ms, n, 36, 700),
        Renewal_At__c: Math.floor(ms / 1000) * 1000 + (hash32(n, 37) % 365) * DAY_MS,
        Billing_Time__c: `${pad(hash32(n, 38) % 24, 2)}:${pad((hash32(n, 39) % 4) * 15, 2)}:00.000Z`,
        Active__c: hash32(n, 40) % 5 !== 0,
        Contact_Email__c: `billing.${n}@example.com`,
        Notes__c: hash32(n, 41) % 3 === 0 ? `Seeded subscription ${n}\nRenews yearly.` : null,
      };
    },
    reverse: (field, value) => (field === 'External_Id__c' ? numberAfter(value, /^EXT-(\d+)$/i) : undefined),
  }),
  // Field history of the seeded Accounts: read-only rows whose only stamp is CreatedDate.
  AccountHistory: (ctx) => ({
    row: (n, ms) => {
      const field = pick(HISTORY_FIELDS.slice(1, 5), n, 47);
      return { Id: makeId(ctx.keyPrefix, n), IsDeleted: false, AccountId: ctx.accountFor(n), CreatedById: ctx.userId, CreatedDate: ms, Field: field, OldValue: `${field} ${n - 1}`, NewValue: `${field} ${n}` };
    },
    reverse: () => undefined,
  }),
  // Tasks about the seeded Accounts (WhatId), assigned to the API user.
  Task: (ctx) => ({
    row: (n, ms) => ({
      ...audit(ctx, n, ms),
      WhoId: null,
      WhatId: ctx.accountFor(n),
      Subject: pick(TASK_SUBJECTS, n, 42),
      ActivityDate: dateOffset(ms, n, 43, 60),
      Status: pick(TASK_STATUSES, n, 44),
      Priority: pick(TASK_PRIORITIES, n, 45),
      Description: null,
    }),
    reverse: () => undefined,
  }),
  // The first User seeded is the org's API user (its id is the store's userId).
  User: (ctx) => ({
    row: (n, ms) => {
      const { first, last } = n === 1 ? { first: 'Integration', last: 'User' } : person(n);
      return {
        ...audit(ctx, n, ms),
        Username: `user${n}@emulated-org.example.com`,
        FirstName: first,
        LastName: last,
        Alias: `u${n}`.slice(0, 8),
        Email: `user${n}@example.com`,
        IsActive: true,
      };
    },
    reverse: (field, value) => (field === 'Username' ? numberAfter(value, /^user(\d+)@/i) : undefined),
  }),
  Group: (ctx) => ({
    row: (n, ms) => ({ ...audit(ctx, n, ms), Name: `Queue ${n}`, DeveloperName: `Queue_${n}`, Type: 'Queue', Email: null }),
    reverse: () => undefined,
  }),
};

/** The generator of an object's seed data; objects added later get audit fields and a name only. */
export function seedGenerator(objectName: string, ctx: SeedContext): SeedGenerator {
  const make = GENERATORS[objectName];
  if (make) return make(ctx);
  return { row: (n, ms) => ({ ...audit(ctx, n, ms), Name: `${objectName} ${n}` }), reverse: () => undefined };
}
