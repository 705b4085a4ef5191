import type { Page } from 'playwright-core';
import { checkScreen, expectText, openConsoleBrowser, signIn, type ConsoleBrowser } from './support/console-browser';
import { useSyncWorld } from './support/sync-world';

/**
 * The console where Dynamics differs from Salesforce: its connectionSpec has no flow to choose but
 * alternative credentials (a client secret, or a certificate and its key), and its tables are
 * Dataverse entities with option sets.
 */
describe('console: Dynamics 365', () => {
  const world = useSyncWorld('console-dv', { dataverse: {} });
  let browser: ConsoleBrowser;
  let page: Page;
  const a11y: string[] = [];

  beforeAll(async () => {
    browser = await openConsoleBrowser();
    page = browser.page;
    await signIn(page, `${world.hub.url}/console/`, world.apiKey);
  }, 60_000);
  afterAll(async () => browser?.close());

  it('creates a Dynamics account through the generated form, naming the alternative credentials', async () => {
    await page.getByRole('link', { name: 'New account' }).click();
    await page.getByLabel('CRM plugin').selectOption('dynamics');
    await expectText(page.locator('#settings-alternatives'), /Give one of: Client secret · or Certificate \(PEM\) \+ Certificate private key \(PEM\)/);
    await page.getByLabel('Name', { exact: true }).fill('Dataverse from the console');
    const c = world.dv.credentials;
    await page.getByLabel(/^Environment URL/).fill(world.dv.url.replace('https://', 'http://'));
    await expectText(page.locator('#setting-instanceUrl-error'), /Environment URL must be an https:\/\/ URL/);
    await page.getByLabel(/^Environment URL/).fill(world.dv.url);
    await page.getByLabel(/^Authority URL/).fill(world.dv.authorityUrl);
    await page.getByLabel(/^Tenant ID/).fill(c.tenantId);
    await page.getByLabel(/^Client ID/).fill(c.clientId);
    await page.getByLabel(/^Client secret/).fill(c.clientSecret);
    a11y.push(...(await checkScreen(page, 'dynamics-account-new')));
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Dataverse from the console' }).waitFor();
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expectText(page.getByTestId('check-result'), /^Connected/);
  }, 60_000);

  it('discovers the contact table with its option sets and creates its schema', async () => {
    await page.getByRole('link', { name: 'Discover tables' }).click();
    await page.getByLabel('Search').fill('contact');
    await page.getByLabel(/^Contact contact$/).check();
    await expectText(page.getByRole('row', { name: /contactid/ }).first(), /uniqueidentifier|id/i);
    await expectText(page.locator('table.fields'), /values: /);
    a11y.push(...(await checkScreen(page, 'dynamics-discovery-wizard')));
    await page.getByRole('button', { name: 'Create schema' }).click();
    // the schema page's own heading: the wizard's "2. Fields contact" matches /contact/ before the schema exists
    await page.getByRole('heading', { level: 1, name: /contact/ }).waitFor();
    const schemas = (await world.raw().call<{ object: string; table: string; selection: string }[]>('GET', '/api/schemas')).body;
    expect(schemas).toEqual([expect.objectContaining({ object: 'contact', selection: 'all' })]);
    await expectText(page.locator('main'), new RegExp(`Table ${schemas[0]?.table}`));
  }, 60_000);

  it('syncs an option set into an enumeration (values are numbers, labels are text)', async () => {
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByRole('link', { name: 'Dataverse from the console' }).click();
    await page.getByRole('link', { name: 'Sync enumerations' }).click();
    const status = page.getByRole('row', { name: /contact\.statuscode/ });
    await status.getByRole('checkbox', { name: 'Sync contact.statuscode' }).check();
    await status.getByLabel('Hub enumeration for contact.statuscode').fill('contact_status');
    await page.getByRole('button', { name: 'Sync selected' }).click();
    await expectText(page.getByRole('row', { name: /contact_status \(created\)/ }), /contact_status \(created\) 1, 2/);
  }, 60_000);

  it('imports the contacts through a job and shows option-set labels next to their values', async () => {
    world.dv.seed('contact', 200);
    await page.getByRole('link', { name: 'Jobs' }).click();
    await page.getByRole('link', { name: 'New job' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Contacts in');
    await page.getByLabel('Account').selectOption({ label: 'Dataverse from the console' });
    await page.getByLabel('Schema').selectOption({ label: 'Contact (contact)' });
    await page.getByRole('button', { name: 'Create job' }).click();
    await page.getByRole('button', { name: 'Run now' }).click();
    await expectText(page.getByRole('heading', { level: 1 }), /Run succeeded/, 60_000);
    await expectText(page.getByRole('table', { name: 'Counters' }).getByRole('row').nth(1), /^200 200 0 0 0 0$/);
    await page.getByRole('link', { name: 'Back to the job' }).click();
    await page.getByRole('link', { name: 'records' }).click();
    await expectText(page.locator('table.records tbody tr').first(), /Active \(1\)/);
    a11y.push(...(await checkScreen(page, 'dynamics-records')));
    expect(browser.problems).toEqual([]);
    expect(a11y).toEqual([]);
  }, 120_000);
});
