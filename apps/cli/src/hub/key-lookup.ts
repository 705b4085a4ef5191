import { UsageError } from '../usage-error';
import type { Schema } from './hub-client';

type KeyView = Schema<'KeyView'>;

/** How lists show a key's prefix: the first characters and an ellipsis (the rest is never shown). */
export function shownPrefix(key: Pick<KeyView, 'prefix'>): string {
  return `${key.prefix}…`;
}

/** One key in a message that lists several: enough to tell them apart and pick one by id. */
function candidate(key: KeyView): string {
  return `  ${key.id}  ${shownPrefix(key)}  '${key.name}'  ${key.scope}, ${key.status}`;
}

/**
 * The keys a reference names: its id; else its prefix (`chub_Ab3xY7q…` as lists print it, with or
 * without the ellipsis, or the whole key, which starts with it); else its name, exactly or in any
 * case. A shorter piece of a prefix is not enough: it could also be the start of a name.
 */
function matching(keys: KeyView[], reference: string): KeyView[] {
  const byId = keys.filter((key) => key.id === reference);
  if (byId.length > 0) return byId;
  const typed = reference.replace(/(…|\.\.\.)$/, '');
  const byPrefix = keys.filter((key) => typed.startsWith(key.prefix));
  if (byPrefix.length > 0) return byPrefix;
  const exact = keys.filter((key) => key.name === reference);
  return exact.length > 0 ? exact : keys.filter((key) => key.name.toLowerCase() === reference.toLowerCase());
}

/**
 * The one key of `keys` (as `GET /api/keys` lists them) that a reference names: by id, prefix or
 * name. A revoked key stays listed, so when several match and only one is still in use, that one
 * is meant; otherwise the user picks by id from the candidates listed.
 */
export function pickKey(keys: KeyView[], reference: string): KeyView {
  const matches = matching(keys, reference);
  const inUse = matches.filter((key) => key.status !== 'revoked');
  const narrowed = matches.length > 1 && inUse.length === 1 ? inUse : matches;
  if (narrowed.length === 1) return narrowed[0] as KeyView;
  if (narrowed.length === 0) throw new UsageError(`There is no API key with the id, prefix or name '${reference}': \`crm-hub keys list\` shows them`);
  throw new UsageError(`'${reference}' names ${narrowed.length} API keys: pass the id of one of them\n${narrowed.map(candidate).join('\n')}`);
}
