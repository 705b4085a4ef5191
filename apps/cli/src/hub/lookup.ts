import { UsageError } from '../usage-error';
import { answer, type Hub } from './hub-client';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How to name what was looked for in a message. */
interface Lookup {
  /** e.g. "account named 'Salesforce demo'". */
  what: string;
  listCommand: string;
}

/** Finds one item by exact name, else by name in any case; several matches need the id. */
function pick<T extends { id: string; name: string }>(items: T[], reference: string, lookup: Lookup): string {
  const exact = items.filter((item) => item.name === reference);
  const matches = exact.length > 0 ? exact : items.filter((item) => item.name.toLowerCase() === reference.toLowerCase());
  if (matches.length === 1) return (matches[0] as T).id;
  if (matches.length > 1) throw new UsageError(`There are ${matches.length} of ${lookup.what}: use the id (\`${lookup.listCommand}\` shows them)`);
  throw new UsageError(`There is no ${lookup.what}: \`${lookup.listCommand}\` shows what there is`);
}

/** An account id, from its id or its name. */
export async function accountId(hub: Hub, reference: string): Promise<string> {
  if (UUID.test(reference)) return reference;
  const accounts = await answer(hub, hub.api.GET('/api/accounts'));
  return pick(accounts, reference, { what: `account named '${reference}'`, listCommand: 'crm-hub accounts list' });
}

/** A job id, from its id or its name. */
export async function jobId(hub: Hub, reference: string): Promise<string> {
  if (UUID.test(reference)) return reference;
  const jobs = await answer(hub, hub.api.GET('/api/sync/jobs'));
  return pick(jobs, reference, { what: `job named '${reference}'`, listCommand: 'crm-hub jobs list' });
}

/** A schema id, from its id or the CRM object it holds (within an account when one is given). */
export async function schemaId(hub: Hub, reference: string, account?: string): Promise<string> {
  if (UUID.test(reference)) return reference;
  const query = account ? { accountId: await accountId(hub, account) } : {};
  const schemas = await answer(hub, hub.api.GET('/api/schemas', { params: { query } }));
  const listCommand = `crm-hub schemas list${account ? ` --account "${account}"` : ''}`;
  return pick(
    schemas.map((schema) => ({ id: schema.id, name: schema.object })),
    reference,
    { what: `schema of the object '${reference}'${account ? ` in account '${account}'` : ''}`, listCommand },
  );
}
