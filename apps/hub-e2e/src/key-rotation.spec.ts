import { FIXTURE_TOKENS, installFixturePlugins } from '@crm-hub/fixture-plugins';
import { createTestDatabase } from '@crm-hub/persistence/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hubApi } from './support/hub-api';
import { runHubToExit } from './support/hub-command';
import { freePort, startHub } from './support/hub-process';
import { logLines } from './support/log-lines';
import { keyFingerprint, keyIdOf } from './support/sealed-secrets';
import { seedAccounts, sealedTokens, type SeededAccount } from './support/seed-accounts';

/** Hubs start in a few seconds, but `npm test` runs beside builds and other suites on two cores. */
const SLOW_START_MS = 90_000;
jest.setTimeout(180_000);

/**
 * Rotating HUB_SECRET_KEY: both keys accepted meanwhile, then `main.js rotate-secret-key` re-seals
 * every stored secret in one transaction — so a kill -9 half-way leaves every secret readable.
 */
describe('rotating the key that encrypts account secrets', () => {
  const root = mkdtempSync(join(tmpdir(), 'crm-hub-rotation-'));
  const db = createTestDatabase();
  const apiKey = 'e2e-key-rotation-0123456789abcd';
  const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
  const pluginsDir = join(root, 'plugins.d');
  installFixturePlugins(pluginsDir, ['fixture-crm']);
  const outputs: string[] = [];
  let legacy: SeededAccount[] = [];
  let goodId = '';

  afterAll(async () => {
    await db.drop();
    rmSync(root, { recursive: true, force: true });
  });

  const env = (current: Buffer, previous?: Buffer) => ({
    PLUGINS_DIR: pluginsDir,
    HUB_API_KEYS: apiKey,
    ...db.env,
    HUB_SECRET_KEY: current.toString('base64'),
    ...(previous ? { HUB_SECRET_KEY_PREVIOUS: previous.toString('hex') } : {}),
  });

  /** Starts a hub, checks the account with the good token, and says whether every stored secret was readable. */
  async function serveWith(current: Buffer, previous?: Buffer): Promise<{ output: string }> {
    const hub = await startHub({ cwd: root, env: { ...env(current, previous), PORT: String(await freePort()) }, startTimeoutMs: SLOW_START_MS });
    try {
      expect((await hubApi(hub.url, apiKey).call('POST', `/api/accounts/${goodId}/check`)).body).toMatchObject({ ok: true });
    } finally {
      await hub.stop();
    }
    outputs.push(hub.output());
    expect(hub.output()).not.toMatch(/cannot be read/);
    return { output: hub.output() };
  }

  /** The key ids of every stored secret (undefined: the first format, which has none). */
  async function storedKeyIds(): Promise<Set<string | undefined>> {
    return new Set([...(await sealedTokens(db.config)).values()].map(keyIdOf));
  }

  it('reads secrets of the first format, and refuses a new key alone, naming the old key it lacks', async () => {
    const first = await startHub({ cwd: root, env: { ...env(oldKey), PORT: String(await freePort()) }, startTimeoutMs: SLOW_START_MS });
    const created = await hubApi(first.url, apiKey).call('POST', '/api/accounts', {
      name: 'good',
      pluginId: 'fixture-crm',
      config: { baseUrl: 'https://crm.example.com', token: FIXTURE_TOKENS.good },
    });
    goodId = (created.body as { id: string }).id;
    await first.stop();
    outputs.push(first.output());
    // Enough accounts that a rotation takes a while: 3,000, sealed as hubs before key ids did.
    legacy = await seedAccounts(
      db.config,
      oldKey,
      Array.from({ length: 3_000 }, (_, i) => ({ name: `legacy ${i}`, token: `legacy-${i}-${randomBytes(9).toString('base64url')}` })),
    );
    expect(await storedKeyIds()).toEqual(new Set([undefined, keyFingerprint(oldKey)]));

    const refused = await runHubToExit({ cwd: root, env: { ...env(newKey), PORT: String(await freePort()) } });
    outputs.push(refused.output);
    expect(refused.code).toBe(1);
    expect(logLines(refused.output).find((l) => l.level === 60)?.msg).toMatch(
      new RegExp(`is not the one that encrypted the 3001 stored account\\(s\\) \\(fingerprint ${keyFingerprint(oldKey)}\\).*HUB_SECRET_KEY_PREVIOUS`),
    );
  });

  it('serves with the new key and the old one as HUB_SECRET_KEY_PREVIOUS, asking for a rotation', async () => {
    const { output } = await serveWith(newKey, oldKey);
    expect(output).toMatch(/3001 account\(s\) have secrets sealed with a previous key: run rotate-secret-key/);
  });

  it('leaves every secret as it was when the rotation is killed (kill -9) half-way', async () => {
    const killed = await runHubToExit({ cwd: root, env: env(newKey, oldKey), args: ['rotate-secret-key'], killOn: /Re-sealed the secrets of 500\// });
    outputs.push(killed.output);
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.output).toMatch(/Re-sealed the secrets of 500\/3001 account\(s\)/);
    expect(killed.output).not.toMatch(/Key rotation done/);
    // One transaction: all of it or nothing — never some secrets under each key.
    const ids = await storedKeyIds();
    const untouched = [...ids].every((id) => id === undefined || id === keyFingerprint(oldKey));
    expect(untouched || (ids.size === 1 && ids.has(keyFingerprint(newKey)))).toBe(true);
    await serveWith(newKey, oldKey);
    if (untouched) await serveWith(oldKey);
  });

  it('re-seals every secret with the new key when run to the end; then the new key alone serves and the old one is refused', async () => {
    const done = await runHubToExit({ cwd: root, env: env(newKey, oldKey), args: ['rotate-secret-key'] });
    outputs.push(done.output);
    expect(done.code).toBe(0);
    expect(logLines(done.output).at(-1)?.msg).toMatch(new RegExp(`Key rotation done: \\d+ secret\\(s\\) re-sealed; every secret of the 3001 account\\(s\\) is now sealed with key ${keyFingerprint(newKey)}`));
    expect(await storedKeyIds()).toEqual(new Set([keyFingerprint(newKey)]));
    const { output } = await serveWith(newKey);
    expect(output).not.toMatch(/sealed with a previous key/);
    const refused = await runHubToExit({ cwd: root, env: { ...env(oldKey), PORT: String(await freePort()) } });
    outputs.push(refused.output);
    expect(refused.code).toBe(1);
  });

  it('refuses to rotate to a key when a secret cannot be read, changing nothing', async () => {
    const before = await sealedTokens(db.config);
    const failed = await runHubToExit({ cwd: root, env: env(randomBytes(32)), args: ['rotate-secret-key'] });
    outputs.push(failed.output);
    expect(failed.code).toBe(1);
    expect(logLines(failed.output).find((l) => l.level === 60)?.msg).toMatch(/Nothing was changed: 3001 secret\(s\) cannot be decrypted/);
    expect(await sealedTokens(db.config)).toEqual(before);
  });

  it('never printed a secret', () => {
    const everything = outputs.join('\n');
    for (const { token } of legacy) expect(everything).not.toContain(token);
    expect(everything).not.toContain(FIXTURE_TOKENS.good);
    expect(everything).not.toContain(newKey.toString('base64'));
    expect(everything).not.toContain(oldKey.toString('hex'));
  });
});
