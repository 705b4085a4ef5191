import axe from 'axe-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { WORKSPACE_ROOT } from './workspace-paths';

/** The machine's Chromium (Debian package `chromium`: `.ci/run` installs it); Playwright's own download cannot be reached. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Where the console tests leave their screenshots (a CI artefact). */
export const SCREENS_DIR = join(WORKSPACE_ROOT, 'tmp/console-screens');

export interface ConsoleBrowser {
  readonly browser: Browser;
  readonly page: Page;
  /** Page errors and Content-Security-Policy violations seen so far: a test ends by asserting there were none. */
  readonly problems: string[];
  close(): Promise<void>;
}

/** A headless Chromium at laptop width, watching the page for script errors and CSP violations. */
export async function openConsoleBrowser(): Promise<ConsoleBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  // Waits sized for CI, where the suite shares two cores with lint, type checks and other tests.
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  return { browser, page, problems, close: () => browser.close() };
}

/** Saves a full-page screenshot as `tmp/console-screens/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), fullPage: true });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core on the page as it is and returns its serious and critical violations, each as
 * "rule: help (elements)". axe is evaluated through the DevTools protocol, which the console's
 * CSP (no inline script, no eval) does not apply to, so the page keeps its real policy.
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const violations = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)")) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}

/** Screenshot and accessibility check of one main screen, after it has rendered. */
export async function checkScreen(page: Page, name: string): Promise<string[]> {
  await screenshot(page, name);
  return (await seriousA11yViolations(page)).map((v) => `${name}: ${v}`);
}

/** Waits (20 s unless told) until the first element of `locator` shows text matching `pattern`, whitespace collapsed. */
export async function expectText(locator: Locator, pattern: RegExp, timeoutMs = 20_000): Promise<void> {
  await locator.first().waitFor({ timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = (await locator.first().innerText()).replace(/\s+/g, ' ').trim();
    if (pattern.test(text)) return;
    if (Date.now() > deadline) throw new Error(`Expected ${pattern} in "${text}"`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Opens the console and signs in with `apiKey`. */
export async function signIn(page: Page, consoleUrl: string, apiKey: string): Promise<void> {
  await page.goto(consoleUrl);
  await page.getByLabel('API key').fill(apiKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Accounts' }).waitFor();
}
