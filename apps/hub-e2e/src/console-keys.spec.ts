import type { Page } from 'playwright-core';
import { checkScreen, expectText, openConsoleBrowser, signIn, type ConsoleBrowser } from './support/console-browser';
import { hubApi } from './support/hub-api';
import { useSyncWorld } from './support/sync-world';

/** More refused changes than the audit page shows at once (50), so that "Older entries" has work. */
const REFUSED_CHANGES = 51;

/**
 * API keys and the audit log in the console, in the machine's Chromium against the built hub: a
 * read key limited to one account created through the form and shown once, refused by the hub once
 * revoked, and both changes found in the audit log. Screens are screenshotted and checked with axe-core.
 */
describe('console: API keys and audit log', () => {
  const world = useSyncWorld('console-keys', { salesforce: {} });
  let browser: ConsoleBrowser;
  let page: Page;
  const a11y: string[] = [];
  const consoleUrl = (path = '') => `${world.hub.url}/console${path}`;
  let account: { id: string; name: string };
  let key = '';
  const keyRow = () => page.getByRole('row', { name: /Reporting dashboard/ });

  beforeAll(async () => {
    browser = await openConsoleBrowser();
    page = browser.page;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: world.hub.url });
    // Two accounts, so that "limited to one" is visible in what the new key can read.
    const [limitedId] = [await world.salesforceAccount(), await world.salesforceAccount()];
    const accounts = (await world.raw().call<{ id: string; name: string }[]>('GET', '/api/accounts')).body;
    account = accounts.find((a) => a.id === limitedId) as { id: string; name: string };
    await signIn(page, consoleUrl('/'), world.apiKey);
  }, 60_000);
  afterAll(async () => browser?.close());

  it('creates a read key limited to one account and shows it once, with Copy', async () => {
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('link', { name: 'New key' }).click();
    await page.getByRole('heading', { name: 'New API key' }).waitFor();
    await expectText(page.locator('#key-scope-help'), /read: .*secret.* operate: .*jobs.* admin: .*API keys/);
    await page.getByLabel('Name', { exact: true }).fill('Reporting dashboard');
    await page.getByLabel('Scope').selectOption('read');
    await page.getByLabel(account.name, { exact: true }).check();
    // A year from now, as a date input takes it; the browser shares this process's time zone.
    const expiry = new Date(new Date().getFullYear() + 1, new Date().getMonth(), 15);
    await page.getByLabel('Expires on (optional)').fill(`${expiry.getFullYear()}-${String(expiry.getMonth() + 1).padStart(2, '0')}-15`);
    a11y.push(...(await checkScreen(page, 'key-new')));
    await page.getByRole('button', { name: 'Create key' }).click();

    await page.getByRole('heading', { name: 'Key "Reporting dashboard" created' }).waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe('created-key-title');
    await expectText(page.getByRole('note'), /it will not be shown again/);
    const field = page.getByLabel('The new API key');
    key = await field.inputValue();
    expect(key).toMatch(/^chub_[\w-]{40,}$/);
    expect(await field.getAttribute('readonly')).not.toBeNull();
    await page.getByRole('button', { name: 'Copy' }).click();
    await expectText(page.getByRole('status'), /Copied to the clipboard/);
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(key);
    a11y.push(...(await checkScreen(page, 'key-created')));

    const listed = (await world.raw().call<{ name: string; scope: string; accounts: string[] | null; expiresAt: string | null }[]>('GET', '/api/keys')).body;
    expect(listed.find((k) => k.name === 'Reporting dashboard')).toMatchObject({ scope: 'read', accounts: [account.id], expiresAt: expiry.toISOString() });

    // The key works, for its one account only; the console kept nothing of it.
    const seen = await hubApi(world.hub.url, key).call<{ id: string }[]>('GET', '/api/accounts');
    expect({ status: seen.status, ids: seen.body.map((a) => a.id) }).toEqual({ status: 200, ids: [account.id] });
    expect(await page.evaluate('({ session: Object.values(sessionStorage), local: Object.values(localStorage), cookie: document.cookie })')).toEqual({
      session: [world.apiKey],
      local: [],
      cookie: '',
    });

    await page.reload();
    await page.getByRole('heading', { name: 'New API key' }).waitFor();
    await page.getByLabel('Name', { exact: true }).waitFor();
    // Beyond its first 12 characters (the prefix lists show), the key must be nowhere on the page.
    expect(await page.content()).not.toContain(key.slice(12));
    expect(await page.locator('body').innerText()).not.toContain(key.slice(12));
  }, 60_000);

  it('lists the key with its scope, account and status; a key that is not admin sees the refusal instead', async () => {
    await page.getByRole('link', { name: 'API keys' }).click();
    await expectText(keyRow(), new RegExp(`^Reporting dashboard ${key.slice(0, 12)}… read ${account.name} active `));
    const environment = page.getByRole('row', { name: /HUB_API_KEYS #1/ });
    await expectText(environment, /admin all accounts active/);
    expect(await environment.getByRole('button').count()).toBe(0);
    a11y.push(...(await checkScreen(page, 'keys')));

    const other = await browser.browser.newContext({ viewport: { width: 1366, height: 768 } });
    try {
      const reader = await other.newPage();
      await signIn(reader, consoleUrl('/'), key);
      await reader.getByRole('link', { name: 'API keys' }).click();
      await expectText(reader.getByRole('alert'), /needs an API key of scope 'admin'.*has scope 'read'/);
      expect(await reader.locator('main table').count()).toBe(0);
      expect(await reader.getByRole('link', { name: 'New key' }).count()).toBe(0);
      a11y.push(...(await checkScreen(reader, 'keys-refused')));
    } finally {
      await other.close();
    }
  }, 60_000);

  it('revokes the key only once confirmed; the list shows it revoked and the hub refuses it', async () => {
    const dialogs: string[] = [];
    page.once('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await keyRow().getByRole('button', { name: /Revoke/ }).click();
    expect(dialogs).toEqual([expect.stringMatching(/^Revoke the key "Reporting dashboard"/)]);
    expect((await hubApi(world.hub.url, key).call('GET', '/api/accounts')).status).toBe(200);
    await expectText(keyRow(), / active /);

    page.once('dialog', (dialog) => void dialog.accept());
    await keyRow().getByRole('button', { name: /Revoke/ }).click();
    await expectText(page.getByRole('status'), /Key "Reporting dashboard" \(chub_.{7}…\) revoked/);
    await expectText(keyRow(), / revoked /);
    expect(await keyRow().getByRole('button').count()).toBe(0);
    expect((await hubApi(world.hub.url, key).call('GET', '/api/accounts')).status).toBe(401);
  }, 60_000);

  it('shows the changes in the audit log newest first, a page at a time, filtered through the URL', async () => {
    for (let i = 0; i < REFUSED_CHANGES; i++) {
      expect((await world.raw().call('POST', '/api/keys', { name: `refused ${i}`, scope: 'root' })).status).toBe(400);
    }
    const total = (await world.raw().call<{ entries: unknown[] }>('GET', '/api/audit?limit=200')).body.entries.length;
    expect(total).toBeGreaterThan(REFUSED_CHANGES + 3);
    const entryRows = page.locator('main table tbody > tr:not(.audit-details)');

    await page.getByRole('link', { name: 'Audit log' }).click();
    await expectText(entryRows.first(), /HUB_API_KEYS #1 .* key\.create key failed \(400\)/);
    await expectText(page.getByRole('status'), /^50 entries shown\.$/);
    await page.getByRole('button', { name: 'Older entries' }).click();
    await expectText(page.getByRole('status'), new RegExp(`^${total} entries shown, the oldest included\\.$`));
    expect(await entryRows.count()).toBe(total);
    expect(await page.getByRole('button', { name: 'Older entries' }).count()).toBe(0);
    // The button is gone: focus went to the first entry it loaded.
    expect(await page.evaluate('document.activeElement.id')).toMatch(/^audit-toggle-/);

    await page.getByLabel('Outcome').selectOption('succeeded');
    await page.getByLabel('Action', { exact: true }).fill('key.');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expectText(page.getByRole('status'), /^2 entries shown, the oldest included\.$/);
    expect(new URL(page.url()).search).toBe('?action=key.&outcome=succeeded');
    await expectText(entryRows.nth(0), /HUB_API_KEYS #1 .* key\.revoke key .* succeeded \(200\)/);
    await expectText(entryRows.nth(1), /HUB_API_KEYS #1 .* key\.create key .* succeeded \(201\)/);

    await entryRows.nth(1).getByRole('button', { name: /Details/ }).click();
    const created = page.locator('tr.audit-details');
    await expectText(created, /POST \/api\/keys/);
    await expectText(created, /name: — → "Reporting dashboard"/);
    await expectText(created, /scope: — → "read"/);
    await expectText(created, new RegExp(`accounts: — → \\["${account.id}"\\]`));
    expect(await entryRows.nth(1).getByRole('button', { name: /Hide/ }).getAttribute('aria-expanded')).toBe('true');
    await entryRows.nth(0).getByRole('button', { name: /Details/ }).click();
    await expectText(page.locator('tr.audit-details').first(), /status: "active" → "revoked"/);
    a11y.push(...(await checkScreen(page, 'audit')));

    // The filters live in the URL: a reload shows the same view, the form filled in.
    await page.reload();
    await expectText(page.getByRole('status'), /^2 entries shown/);
    expect(await page.getByLabel('Outcome').inputValue()).toBe('succeeded');
    expect(await page.getByLabel('Action', { exact: true }).inputValue()).toBe('key.');
    expect(await page.content()).not.toContain(key.slice(12));
  }, 60_000);

  it("shows the hub's refusal when the last admin key for every account would be revoked", async () => {
    // A hub on the same database without HUB_API_KEYS: it generates an admin key, then guards it.
    const bare = await world.start('without-env-keys', false, { HUB_API_KEYS: '' });
    const [, generated] = await bare.waitForOutput(/^\s+(chub_[A-Za-z0-9_-]{43})$/m);
    const other = await browser.browser.newContext({ viewport: { width: 1366, height: 768 } });
    try {
      const admin = await other.newPage();
      await signIn(admin, `${bare.url}/console/`, generated as string);
      await admin.getByRole('link', { name: 'API keys' }).click();
      const row = admin.getByRole('row', { name: /generated on first start/ });
      admin.once('dialog', (dialog) => void dialog.accept());
      await row.getByRole('button', { name: /Revoke/ }).click();
      await expectText(admin.getByRole('alert'), /is the last admin key for every account: create another one first/);
      await expectText(row, / active /);
      a11y.push(...(await checkScreen(admin, 'keys-revoke-refused')));
    } finally {
      await other.close();
    }
    expect(browser.problems).toEqual([]);
    expect(a11y).toEqual([]);
  }, 60_000);
});
