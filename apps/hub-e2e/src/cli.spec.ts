import { startSalesforceEmulator, type SalesforceEmulator } from '@crm-hub/crm-emulators';
import { createTestDatabase } from '@crm-hub/persistence/testing';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parsedJson, runCli } from './support/cli-process';
import { freePort, startHub, type HubProcess } from './support/hub-process';
import { WORKSPACE_ROOT } from './support/workspace-paths';

interface RunJson {
  id: string;
  status: string;
  counters: { read: number; inserted: number; rejected: number };
}

/** The `crm-hub` CLI, run as a user runs it, against a real hub and the Salesforce emulator. */
describe('crm-hub CLI', () => {
  const root = mkdtempSync(join(tmpdir(), 'crm-hub-cli-'));
  const db = createTestDatabase();
  const apiKey = 'e2e-key-cli-0123456789abcdefghij';
  let sf: SalesforceEmulator;
  let hub: HubProcess;
  let env: Record<string, string>;
  const cli = (...args: string[]) => runCli(args, env);

  beforeAll(async () => {
    sf = await startSalesforceEmulator();
    sf.seed('Subscription__c', 3_000);
    sf.addField('Lead', { name: 'Score__c', type: 'double', label: 'Score', precision: 5, scale: 1 });
    sf.seed('Lead', 50);
    hub = await startHub({
      cwd: root,
      env: { PORT: String(await freePort()), HUB_API_KEYS: apiKey, NODE_EXTRA_CA_CERTS: resolve(process.env['NODE_EXTRA_CA_CERTS'] ?? ''), ...db.env },
    });
    env = { CRM_HUB_URL: hub.url, CRM_HUB_API_KEY: apiKey };
    const { clientId, clientSecret } = sf.credentials;
    writeFileSync(join(root, 'salesforce.json'), JSON.stringify({ loginUrl: sf.url, authFlow: 'client-credentials', clientId, clientSecret, safetyLagMs: 0 }));
  }, 180_000);

  afterAll(async () => {
    await hub?.stop();
    await sf?.close();
    await db.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it("is typed against the OpenAPI document the hub serves (the generated types are current)", () => {
    const check = spawnSync(process.execPath, ['tools/api-types/generate-api-types.mjs', '--client', 'cli', '--check', '--url', hub.url], {
      cwd: WORKSPACE_ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE_EXTRA_CA_CERTS: resolve(process.env['NODE_EXTRA_CA_CERTS'] ?? '') },
    });
    expect({ code: check.status, stderr: check.stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('creates and checks an account, discovers, makes schemas and syncs an enumeration', async () => {
    const created = await cli('accounts', 'create', '--name', 'Salesforce CLI', '--plugin', 'salesforce', '--config-file', join(root, 'salesforce.json'));
    expect(created).toMatchObject({ code: 0, stdout: expect.stringMatching(/Created account 'Salesforce CLI'/) });
    expect(created.stdout).not.toContain(sf.credentials.clientSecret);
    expect(await cli('accounts', 'check', 'Salesforce CLI')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^OK: connected/) });
    expect((await cli('objects', 'Salesforce CLI')).stdout).toMatch(/Subscription__c/);
    expect((await cli('describe', 'Salesforce CLI', 'Subscription__c')).stdout).toMatch(/Plan__c[\s\S]*Picklists:/);
    const schemas = parsedJson<{ schemas: { object: string; table: string }[] }>(await cli('--json', 'schemas', 'create', 'Salesforce CLI', 'Subscription__c'));
    expect(schemas.schemas[0]).toMatchObject({ object: 'Subscription__c', table: 'crm_salesforce_cli_subscription_c' });
    expect((await cli('schemas', 'create', 'Salesforce CLI', 'Lead', '--fields', 'LastName,Company,Score__c')).code).toBe(0);
    const synced = await cli('enums', 'sync', 'Salesforce CLI', 'Subscription__c.Plan__c=plan');
    expect(synced).toMatchObject({ code: 0, stdout: expect.stringMatching(/Subscription__c\.Plan__c.*plan.*add/) });
    expect((await cli('schemas', 'drift', 'Subscription__c', '--account', 'Salesforce CLI')).stdout).toMatch(/Up to date/);
  }, 120_000);

  it('runs a job with --watch: a progress line on stderr, the summary on stdout, exit 0', async () => {
    const job = await cli('jobs', 'create', '--name', 'Subscriptions in', '--account', 'Salesforce CLI', '--schema', 'Subscription__c', '--operation', 'import');
    expect(job).toMatchObject({ code: 0, stdout: expect.stringMatching(/Created job 'Subscriptions in'/) });
    const watched = await cli('jobs', 'run', 'Subscriptions in', '--watch', '--interval', '200');
    expect(watched.code).toBe(0);
    expect(watched.stderr).toMatch(/records \| \d[\d,]*\/s \| \d+ API calls/);
    expect(watched.stdout).toMatch(/succeeded .*read 3,000 · inserted 3,000 · \d+ API calls/);
    const [run] = parsedJson<{ runs: RunJson[] }>(await cli('runs', 'list', '--job', 'Subscriptions in', '--json')).runs;
    expect(run).toMatchObject({ status: 'succeeded', counters: { inserted: 3_000 } });
    expect((await cli('runs', 'show', run?.id as string)).stdout).toMatch(/succeeded/);
    expect(parsedJson(await cli('runs', 'rejects', run?.id as string, '--json'))).toEqual({ rejects: [], next: null });
    expect(parsedJson(await cli('runs', 'conflicts', run?.id as string, '--json'))).toEqual({ conflicts: [], next: null });
    const watchedJson = await cli('jobs', 'run', 'Subscriptions in', '--watch', '--json');
    expect(parsedJson<RunJson>(watchedJson)).toMatchObject({ status: 'succeeded', counters: { read: 0 } });
    expect(watchedJson.stderr).toBe('');
  }, 180_000);

  it('prints every list as JSON that parses', async () => {
    const lists: [string[], (parsed: unknown) => void][] = [
      [['plugins'], (p) => expect((p as { plugins: { id: string }[] }).plugins.map((x) => x.id)).toEqual(expect.arrayContaining(['salesforce', 'dynamics']))],
      [['accounts', 'list'], (p) => expect(p).toEqual([expect.objectContaining({ name: 'Salesforce CLI' })])],
      [['objects', 'Salesforce CLI'], (p) => expect((p as { objects: unknown[] }).objects.length).toBeGreaterThan(3)],
      [['schemas', 'list'], (p) => expect(p).toHaveLength(2)],
      [['jobs', 'list'], (p) => expect(p).toEqual([expect.objectContaining({ name: 'Subscriptions in' })])],
      [['runs', 'list'], (p) => expect((p as { runs: unknown[] }).runs.length).toBeGreaterThanOrEqual(2)],
    ];
    for (const [args, check] of lists) {
      const result = await cli(...args, '--json');
      expect({ args, code: result.code }).toEqual({ args, code: 0 });
      check(parsedJson(result));
    }
  }, 120_000);

  it('disables and enables a job, and cancels a run', async () => {
    expect((await cli('jobs', 'disable', 'Subscriptions in')).stdout).toMatch(/is disabled/);
    expect((await cli('jobs', 'enable', 'Subscriptions in')).stdout).toMatch(/is enabled/);
    sf.faults.configure({ rate: 1, kinds: ['slow'], slowMs: 1_000, endpoints: ['query', 'queryMore', 'bulk2.query'] });
    try {
      const started = parsedJson<RunJson>(await cli('--json', 'jobs', 'run', 'Subscriptions in', '--full'));
      expect((await cli('runs', 'cancel', started.id)).code).toBe(0);
      let shown = parsedJson<RunJson>(await cli('--json', 'runs', 'show', started.id));
      for (let i = 0; i < 100 && !['cancelled', 'succeeded', 'failed'].includes(shown.status); i++) {
        await new Promise((done) => setTimeout(done, 300));
        shown = parsedJson<RunJson>(await cli('--json', 'runs', 'show', started.id));
      }
      expect(shown.status).toBe('cancelled');
    } finally {
      sf.faults.clear();
    }
  }, 120_000);

  it('exits 1 when a watched run fails, with its reason', async () => {
    await cli('jobs', 'create', '--name', 'Leads in', '--account', 'Salesforce CLI', '--schema', 'Lead', '--operation', 'import');
    sf.removeField('Lead', 'Score__c'); // the job still maps it: Salesforce refuses the query
    const watched = await cli('jobs', 'run', 'Leads in', '--watch', '--interval', '200');
    expect(watched.code).toBe(1);
    expect(watched.stdout).toMatch(/failed[\s\S]*error /);
  }, 120_000);

  it('creates a read key limited to one account, lists it, uses it, revokes it by prefix, and shows both in the audit log', async () => {
    expect((await cli('accounts', 'create', '--name', 'Salesforce other', '--plugin', 'salesforce', '--config-file', join(root, 'salesforce.json'))).code).toBe(0);
    const created = await cli('--json', 'keys', 'create', '--name', 'CLI dashboard', '--scope', 'read', '--account', 'Salesforce CLI');
    const key = parsedJson<{ key: string; prefix: string; scope: string; accounts: string[] }>(created);
    expect(key).toMatchObject({ scope: 'read', accounts: [expect.any(String)], key: expect.stringMatching(/^chub_/) });
    const shown = await cli('keys', 'create', '--name', 'CLI shown once', '--scope', 'read');
    expect(shown.stdout).toMatch(/Created API key 'CLI shown once'[\s\S]*\n {2}chub_\S+\n[\s\S]*will not be shown again[\s\S]*CRM_HUB_API_KEY=<key>/);

    const listed = await cli('keys', 'list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`CLI dashboard.*${key.prefix}….*read.*Salesforce CLI.*active`));
    expect(listed.stdout).not.toContain(key.key);
    expect((await cli('--json', 'keys', 'list')).stdout).not.toContain(key.key);

    const asReader = (...args: string[]) => runCli(args, { ...env, CRM_HUB_API_KEY: key.key });
    expect(parsedJson<{ name: string }[]>(await asReader('--json', 'accounts', 'list')).map((a) => a.name)).toEqual(['Salesforce CLI']);
    const change = await asReader('jobs', 'create', '--name', 'Not allowed', '--account', 'Salesforce CLI', '--schema', 'Lead', '--operation', 'import');
    expect(change).toMatchObject({ code: 1, stderr: expect.stringMatching(/^Error 403 Forbidden: This needs an API key of scope 'admin'[\s\S]*What to do: Use a key with the scope/) });

    expect(await cli('keys', 'revoke', `${key.prefix}…`)).toMatchObject({ code: 0, stdout: expect.stringMatching(/Revoked API key 'CLI dashboard'/) });
    const revoked = await asReader('accounts', 'list');
    expect(revoked).toMatchObject({ code: 1, stderr: expect.stringMatching(/^Error 401 Unauthorized: The API key was revoked/) });

    const audit = await cli('audit', '--action', 'key.');
    expect(audit.code).toBe(0);
    expect(audit.stdout).toMatch(/key\.revoke[\s\S]*key\.create/);
    expect(audit.stdout).toMatch(new RegExp(`HUB_API_KEYS #1 \\(${apiKey.slice(0, 4)}…\\).*key\\.revoke.*succeeded 200.*revokedAt`));
    const entries = parsedJson<{ action: string }[]>(await cli('--json', 'audit', '--action', 'key.', '--limit', '1', '--all'));
    expect(entries.map((e) => e.action)).toEqual(['key.revoke', 'key.create', 'key.create']);
    expect(audit.stdout + JSON.stringify(entries)).not.toContain(key.key);
  }, 120_000);

  it('prints the problem and what to do, and exits 1', async () => {
    const wrongKey = await runCli(['accounts', 'list'], { ...env, CRM_HUB_API_KEY: 'not-the-key-0123456789abcdef' });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toMatch(/^Error 401 Unauthorized: The API key is not valid\nWhat to do: Check the API key/);
    const http = await cli('accounts', 'create', '--name', 'Plain http', '--plugin', 'salesforce', '--config', '{"loginUrl":"http://login.salesforce.com","authFlow":"client-credentials","clientId":"a","clientSecret":"b"}');
    expect(http.code).toBe(1);
    expect(http.stderr).toMatch(/Error 400[\s\S]*- config\.loginUrl: .*https[\s\S]*What to do: CRM URLs must start with https:\/\//);
    const unknown = await cli('objects', 'No such account');
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringMatching(/no account named 'No such account'.*crm-hub accounts list/) });
    const noKey = await runCli(['accounts', 'list'], { CRM_HUB_URL: hub.url });
    expect(noKey).toMatchObject({ code: 1, stderr: expect.stringMatching(/No API key: pass --api-key or set CRM_HUB_API_KEY/) });
    const down = await runCli(['accounts', 'list'], { CRM_HUB_URL: `http://127.0.0.1:${await freePort()}`, CRM_HUB_API_KEY: apiKey });
    expect(down).toMatchObject({ code: 1, stderr: expect.stringMatching(/connection refused[\s\S]*What to do: Start the hub/) });
    const json = await runCli(['--json', 'accounts', 'list'], { ...env, CRM_HUB_API_KEY: 'not-the-key-0123456789abcdef' });
    expect(JSON.parse(json.stderr.trim().split('\n').pop() as string)).toMatchObject({ status: 401, title: 'Unauthorized' });
  }, 60_000);
});
