import { installFixturePlugins } from '@crm-hub/fixture-plugins';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { checkScreen, expectText, openConsoleBrowser, type ConsoleBrowser } from './support/console-browser';
import { useSyncWorld } from './support/sync-world';
import { WORKSPACE_ROOT } from './support/workspace-paths';

/**
 * The web console in a real browser (the machine's Chromium) against the built hub and the
 * Salesforce emulator: sign in, an account through the form generated from the plugin's
 * connectionSpec, the discovery wizard, a schema and its drift, sign out. Every main screen is
 * screenshotted (tmp/console-screens) and checked with axe-core.
 */
/** Subscriptions the import reads (small: the run view is what is under test, not throughput). */
const RECORDS = 3_000;

describe('console: Salesforce', () => {
  // A drop-in package built for a later contract: the plugins screen must show it refused, with why.
  const pluginsDir = mkdtempSync(join(tmpdir(), 'crm-hub-console-plugins-'));
  installFixturePlugins(pluginsDir, ['future-contract']);
  const world = useSyncWorld('console-sf', { salesforce: {}, env: { PLUGINS_DIR: pluginsDir } });
  let browser: ConsoleBrowser;
  let page: Page;
  const a11y: string[] = [];
  const consoleUrl = (path = '') => `${world.hub.url}/console${path}`;

  beforeAll(async () => {
    browser = await openConsoleBrowser();
    page = browser.page;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(pluginsDir, { recursive: true, force: true });
  });

  it('is typed against the OpenAPI document the hub serves (the generated types are current)', () => {
    const check = spawnSync(process.execPath, ['tools/api-types/generate-api-types.mjs', '--client', 'console', '--check', '--url', world.hub.url], {
      cwd: WORKSPACE_ROOT,
      encoding: 'utf8',
      // The suite's CA path is relative to this project; the script runs from the workspace root.
      env: { ...process.env, NODE_EXTRA_CA_CERTS: resolve(process.env['NODE_EXTRA_CA_CERTS'] ?? '') },
    });
    expect({ code: check.status, stderr: check.stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('refuses a wrong API key, then signs in with a good one (kept in session storage only)', async () => {
    await page.goto(consoleUrl('/accounts'));
    await page.getByLabel('API key').fill('not-a-key-of-this-hub-000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectText(page.getByRole('alert'), /API key is not valid/);
    a11y.push(...(await checkScreen(page, 'sign-in')));

    // By keyboard alone: type the key, Enter; then Tab reaches the skip link first.
    await page.getByLabel('API key').fill('');
    await page.getByLabel('API key').pressSequentially(world.apiKey);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Accounts' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('content');
    a11y.push(...(await checkScreen(page, 'accounts-empty')));
    expect(await page.evaluate('({ session: Object.values(sessionStorage), local: Object.values(localStorage), cookie: document.cookie })')).toEqual({
      session: [world.apiKey],
      local: [],
      cookie: '',
    });
  }, 60_000);

  it('lists the loaded plugins with their capabilities, and the refused ones with the reason', async () => {
    await page.getByRole('link', { name: 'Plugins' }).click();
    const row = page.getByRole('row', { name: /Salesforce salesforce/ });
    await expectText(row, /@crm-hub\/plugin-salesforce@/);
    await expectText(page.getByRole('row', { name: /@acme\/crm-hub-plugin-future@3\.0\.0/ }), /future-contract .*contract 2/);
    a11y.push(...(await checkScreen(page, 'plugins')));
  }, 60_000);

  it('creates a Salesforce account through the generated form: http:// is refused on the field as it is typed', async () => {
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByRole('link', { name: 'New account' }).click();
    await page.getByLabel('CRM plugin').selectOption('salesforce');
    await page.getByLabel('Name', { exact: true }).fill('Salesforce from the console');
    const loginUrl = page.getByLabel('Login URL');
    await loginUrl.fill(world.sf.url.replace('https://', 'http://'));
    await expectText(page.locator('#setting-loginUrl-error'), /Login URL must be an https:\/\/ URL/);
    expect(await loginUrl.getAttribute('aria-invalid')).toBe('true');

    // The flow decides what is required: client credentials need the secret.
    await page.getByLabel('Auth flow').selectOption('client-credentials');
    await expectText(page.locator('label[for="setting-clientSecret"]'), /\(required\)/);
    await page.getByLabel(/^Client ID/).fill(world.sf.credentials.clientId);
    await page.getByLabel(/^Client secret/).fill(world.sf.credentials.clientSecret);
    expect(await page.getByLabel(/^Client secret/).getAttribute('type')).toBe('password');

    // Sent as it is, the hub refuses it too, and its message lands next to the field.
    await page.getByRole('button', { name: 'Create account' }).click();
    await expectText(page.getByRole('alert'), /do not match what plugin 'salesforce' needs/);
    await expectText(page.locator('#setting-loginUrl-error'), /https:\/\//);
    a11y.push(...(await checkScreen(page, 'account-new-error')));
    expect((await world.raw().call('GET', '/api/accounts')).body).toEqual([]);

    await loginUrl.fill(world.sf.url);
    await page.locator('#setting-loginUrl-error').waitFor({ state: 'detached' });
    await page.getByText('Advanced settings').click();
    await page.getByLabel('Safety lag (ms)').fill('0');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Salesforce from the console' }).waitFor();
  }, 60_000);

  it('tests the connection and shows a stored secret as "set", never its value', async () => {
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expectText(page.getByTestId('check-result'), /^Connected \(\d+ ms, \d+ API calls?\)/);
    await expectText(page.locator('label[for="setting-clientSecret"]'), /set/);
    expect(await page.getByLabel(/^Client secret/).inputValue()).toBe('');
    expect(await page.content()).not.toContain(world.sf.credentials.clientSecret);
    a11y.push(...(await checkScreen(page, 'account')));
  }, 60_000);

  it('runs the discovery wizard: searches the objects, shows the fields and their picklists, creates the schema', async () => {
    await page.getByRole('link', { name: 'Discover tables' }).click();
    await page.getByLabel('Search').fill('subscr');
    await expectText(page.locator('.object-list'), /Subscription/);
    expect(await page.locator('.object-list li').count()).toBe(1);
    await page.getByLabel(/Subscription Subscription__c/).check();
    const plan = page.getByRole('row', { name: /Plan__c/ });
    await expectText(plan, /enum.*picklist/);
    await expectText(plan, /\d+ values: /);
    await expectText(page.getByRole('row', { name: /Record ID Id/ }), /read-only/);
    await page.getByRole('checkbox', { name: 'Sync Notes__c' }).uncheck();
    a11y.push(...(await checkScreen(page, 'discovery-wizard')));

    await page.getByRole('button', { name: 'Create schema' }).click();
    // the schema page's own heading: the wizard's "2. Fields Subscription__c" matches /Subscription/ before the schema exists
    await page.getByRole('heading', { level: 1, name: /Subscription/ }).waitFor();
    const schemas = (await world.raw().call<{ object: string; table: string; fields: { name: string }[] }[]>('GET', '/api/schemas')).body;
    expect(schemas.map((s) => s.object)).toEqual(['Subscription__c']);
    const schema = schemas[0] as (typeof schemas)[number];
    expect(schema.fields.map((f) => f.name)).not.toContain('Notes__c');
    await expectText(page.locator('main'), new RegExp(`Table ${schema.table}`));
  }, 60_000);

  it('compares the schema with the CRM and adds only the new fields picked', async () => {
    await page.getByRole('button', { name: 'Compare with the CRM' }).click();
    // The field left out in the wizard is offered; nothing else differs.
    await expectText(page.locator('.diff'), /^\+ Notes__c text/);
    world.sf.addField('Subscription__c', { name: 'Tier__c', label: 'Tier', type: 'string', length: 40 });
    await page.getByRole('button', { name: 'Compare with the CRM' }).click();
    await expectText(page.locator('.diff'), /\+ Tier__c string/);
    await page.getByLabel(/\+ Notes__c/).uncheck();
    a11y.push(...(await checkScreen(page, 'schema-drift')));
    await page.getByRole('button', { name: 'Apply' }).click();
    await expectText(page.getByRole('status'), /Applied: 1 added/);
    await expectText(page.getByRole('row', { name: /Tier__c/ }), /tier_c/);
    const fields = (await world.raw().call<{ fields: { name: string }[] }[]>('GET', '/api/schemas')).body[0]?.fields.map((f) => f.name);
    expect(fields).toContain('Tier__c');
    expect(fields).not.toContain('Notes__c');
  }, 60_000);

  it('syncs a picklist into a hub enumeration with Replace, in the enumeration grid', async () => {
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByRole('link', { name: 'Salesforce from the console' }).click();
    await page.getByRole('link', { name: 'Sync enumerations' }).click();
    const plan = page.getByRole('row', { name: /Subscription__c\.Plan__c/ });
    await plan.getByRole('checkbox', { name: 'Sync Subscription__c.Plan__c' }).check();
    await plan.getByLabel('Hub enumeration for Subscription__c.Plan__c').fill('plan');
    await plan.getByRole('checkbox', { name: /Replace the values of plan/ }).check();
    a11y.push(...(await checkScreen(page, 'enum-sync')));
    await page.getByRole('button', { name: 'Sync selected' }).click();
    await expectText(page.getByRole('row', { name: /plan \(created\)/ }), /replaced.*Basic, Standard, Premium, Enterprise/);
    const enumeration = (await world.raw().call<{ values: { value: string }[]; sources: { replace: boolean }[] }>('GET', '/api/enumerations/plan')).body;
    expect(enumeration.values.map((v) => v.value)).toEqual(['Basic', 'Standard', 'Premium', 'Enterprise']);
    expect(enumeration.sources).toEqual([expect.objectContaining({ picklist: 'Subscription__c.Plan__c', replace: true })]);
    await page.getByRole('link', { name: 'Enumerations' }).click();
    await expectText(page.getByRole('row', { name: /plan/ }), /Basic, Standard, Premium, Enterprise/);
    a11y.push(...(await checkScreen(page, 'enumerations')));
    await page.getByRole('link', { name: 'Schemas' }).click();
    await expectText(page.getByRole('row', { name: /Subscription__c/ }), /Salesforce from the console/);
    a11y.push(...(await checkScreen(page, 'schemas')));
  }, 60_000);

  it('creates an import job, runs it and follows the run live to the end', async () => {
    world.sf.seed('Subscription__c', RECORDS);
    await page.getByRole('link', { name: 'Jobs' }).click();
    await page.getByRole('link', { name: 'New job' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Subscriptions in');
    await page.getByLabel('Account').selectOption({ label: 'Salesforce from the console' });
    await page.getByLabel('Schema').selectOption({ label: 'Subscription (Subscription__c)' });
    await page.getByLabel('Operation').selectOption('import');
    // The filter builder offers only what the plugin pushes down to the CRM.
    await page.getByRole('button', { name: 'Add a condition' }).click();
    const offered = await page.getByLabel('Operator of condition 1').locator('option').allTextContents();
    const plugin = (await world.raw().call<{ capabilities: { filterOperators: string[] } }>('GET', '/api/plugins/salesforce')).body;
    expect(offered).toEqual(plugin.capabilities.filterOperators);
    a11y.push(...(await checkScreen(page, 'job-new')));
    await page.getByRole('button', { name: 'remove' }).click();
    await page.getByRole('button', { name: 'Create job' }).click();
    await page.getByRole('heading', { name: /Subscriptions in/ }).waitFor();
    await page.getByRole('button', { name: 'Run now' }).click();
    await page.locator('#run-progress').waitFor();
    await expectText(page.getByRole('heading', { level: 1 }), /Run succeeded/, 60_000);
    await expectText(page.locator('#progress-text'), new RegExp(`^${RECORDS.toLocaleString('en-US')} .*records.* API calls`));
    await expectText(page.getByRole('table', { name: 'Counters' }).getByRole('row').nth(1), new RegExp(`^${RECORDS} ${RECORDS} 0 0 0 0$`));
    a11y.push(...(await checkScreen(page, 'run')));
  }, 120_000);

  it('edits the job: a schedule with its next run times shown as it is typed, and a narrower mapping', async () => {
    await page.getByRole('link', { name: 'Back to the job' }).click();
    await page.getByLabel('On a schedule').check();
    await page.getByLabel('Cron expression').fill('61 * * * *');
    await expectText(page.locator('#job-next-runs'), /The schedule cannot be read/);
    await page.getByLabel('Cron expression').fill('0 3 * * *');
    await page.getByLabel('Time zone').fill('Europe/Rome');
    await expectText(page.locator('#job-next-runs'), /Next runs:/);
    const times = await page.locator('ol.next-runs li').allTextContents();
    expect(times).toHaveLength(5);
    for (const time of times) expect(time).toMatch(/, 03:00:00 \((GMT\+1|CET)\)$/);
    await page.getByText(/^Field mapping: every field/).click();
    await page.getByRole('checkbox', { name: 'Map Summary__c' }).uncheck();
    a11y.push(...(await checkScreen(page, 'job-edit')));
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expectText(page.getByRole('status'), /Saved/);
    const jobs = (await world.raw().call<{ name: string; schedule?: { cron: string; timeZone: string }; nextRunAt?: string; mapping: { field: string }[] }[]>('GET', '/api/sync/jobs')).body;
    const job = jobs.find((j) => j.name === 'Subscriptions in');
    expect(job?.schedule).toEqual({ cron: '0 3 * * *', timeZone: 'Europe/Rome' });
    expect(new Date(job?.nextRunAt ?? 0).toISOString()).toMatch(/T02:00:00\.000Z$/);
    expect(job?.mapping.map((m) => m.field)).not.toContain('Summary__c');
    expect(job?.mapping.map((m) => m.field)).toContain('Plan__c');
    await expectText(page.locator('dl.facts'), /scheduled — 0 3 \* \* \* \(Europe\/Rome\); next: /);
  }, 60_000);

  it('browses the table with enumeration labels, filtered', async () => {
    await page.getByRole('link', { name: 'records' }).click();
    await page.getByRole('button', { name: 'Add a condition' }).click();
    await page.getByLabel('Field of condition 1').selectOption('Plan__c');
    await page.getByLabel('Operator of condition 1').selectOption('eq');
    await page.getByLabel('Value of condition 1').fill('Premium');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await expectText(page.locator('table.records tbody tr').first(), /Premium/);
    const plans = await page.locator('table.records tbody tr').evaluateAll((rows) => rows.map((r) => r.textContent ?? ''));
    expect(plans.length).toBeGreaterThan(0);
    expect(plans.every((text) => text.includes('Premium') && !/Basic|Standard|Enterprise/.test(text))).toBe(true);
    a11y.push(...(await checkScreen(page, 'records')));
  }, 60_000);

  it('exports a row with a value outside the restricted picklist and shows the reject with the CRM code', async () => {
    const schema = (await world.raw().call<{ id: string }[]>('GET', '/api/schemas')).body[0] as { id: string };
    for (const [external, plan] of [['CONSOLE-OK', 'Basic'], ['CONSOLE-BAD', 'Platinum']]) {
      const res = await world.raw().call('POST', `/api/schemas/${schema.id}/records`, { values: { External_Id__c: external, Plan__c: plan, Start_Date__c: '2026-02-01', Name: external } });
      expect(res.status).toBe(201);
    }
    await page.getByRole('link', { name: 'Jobs' }).click();
    await page.getByRole('link', { name: 'New job' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Subscriptions out');
    await page.getByLabel('Account').selectOption({ label: 'Salesforce from the console' });
    await page.getByLabel('Schema').selectOption({ label: 'Subscription (Subscription__c)' });
    await page.getByLabel('Operation').selectOption('export');
    await page.getByLabel('Match CRM records by').selectOption('External_Id__c');
    await page.getByRole('button', { name: 'Create job' }).click();
    await page.getByRole('button', { name: 'Run now' }).click();
    await expectText(page.getByRole('heading', { level: 1 }), /Run succeeded/, 60_000);
    const reject = page.locator('table.rejects tbody tr');
    await expectText(reject, /Plan__c Platinum INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST .*Platinum/);
    expect(await reject.count()).toBe(1);
    expect(world.sf.records('Subscription__c').some((r) => r['External_Id__c'] === 'CONSOLE-OK')).toBe(true);
    a11y.push(...(await checkScreen(page, 'run-rejects')));
    await page.getByRole('link', { name: 'Jobs' }).click();
    await expectText(page.getByRole('row', { name: /Subscriptions out/ }), /export/);
    a11y.push(...(await checkScreen(page, 'jobs')));
  }, 120_000);

  it('signs out: the key is forgotten and the next visit asks for it again', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    await page.goto(consoleUrl('/schemas'));
    await page.getByLabel('API key').waitFor();
    expect(browser.problems).toEqual([]);
    expect(a11y).toEqual([]);
  }, 60_000);
});
