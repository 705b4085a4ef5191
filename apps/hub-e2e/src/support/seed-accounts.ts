import type { DatabaseConfig } from '@crm-hub/persistence';
import { randomUUID } from 'node:crypto';
import { openHubDatabase } from './hub-database';
import { sealV1 } from './sealed-secrets';

/** An account of the fixture-crm plugin, as a hub stored it. */
export interface SeededAccount {
  id: string;
  name: string;
  token: string;
}

/**
 * Writes fixture-crm accounts straight into a hub's database (its tables must exist: start a hub on
 * it once), their token sealed with `key` in the first format — data as an older hub, or one that
 * accepted any size of secret, left it.
 */
export async function seedAccounts(database: DatabaseConfig, key: Buffer, accounts: { name: string; token: string }[]): Promise<SeededAccount[]> {
  const hub = await openHubDatabase(database);
  const now = new Date().toISOString();
  const seeded = accounts.map((a) => ({ ...a, id: randomUUID() }));
  try {
    await hub.dataSource.transaction(async (manager) => {
      for (let i = 0; i < seeded.length; i += 400) {
        const rows = seeded.slice(i, i + 400).map((a) => [
          a.id,
          a.name,
          'fixture-crm',
          JSON.stringify({ baseUrl: 'https://crm.example.com', apiVersion: 'v1', sandbox: false }),
          JSON.stringify({ token: sealV1(key, a.token, a.id, 'token') }),
          now,
          now,
        ]);
        let n = 0;
        const placeholder = () => (database.kind === 'postgres' ? `$${++n}` : '?');
        const values = rows.map((row) => `(${row.map(placeholder).join(', ')})`).join(', ');
        await manager.query(
          `INSERT INTO external_account (id, name, plugin_id, settings, sealed_secrets, created_at, updated_at) VALUES ${values}`,
          rows.flat(),
        );
      }
    });
  } finally {
    await hub.close();
  }
  return seeded;
}

/** The stored sealed token of every account. */
export async function sealedTokens(database: DatabaseConfig): Promise<Map<string, string>> {
  const hub = await openHubDatabase(database);
  try {
    const rows = (await hub.dataSource.query('SELECT id, sealed_secrets FROM external_account')) as { id: string; sealed_secrets: string }[];
    return new Map(rows.map((r) => [r.id, (JSON.parse(r.sealed_secrets) as { token: string }).token]));
  } finally {
    await hub.close();
  }
}
