import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestHub, type TestHub } from '../test-support/test-hub';

/** How the hub serves the web console's build at /console (a stand-in build: index.html and one asset). */
describe('the web console at /console', () => {
  const build = mkdtempSync(join(tmpdir(), 'crm-hub-console-build-'));
  let hub: TestHub;
  beforeAll(async () => {
    mkdirSync(join(build, 'assets'));
    writeFileSync(join(build, 'index.html'), '<!doctype html><title>console</title><script type="module" src="/console/assets/app-1a2b.js"></script>');
    writeFileSync(join(build, 'assets', 'app-1a2b.js'), 'console.log("app")');
    hub = await startTestHub({ consoleDir: build });
  });
  afterAll(async () => {
    await hub.close();
    rmSync(build, { recursive: true, force: true });
  });

  it('answers every page path with the app (deep links open), under a CSP that allows only the hub itself', async () => {
    for (const path of ['/console', '/console/', '/console/accounts/4f9c/discover']) {
      const page = await hub.anonymous().get(path).expect(200).expect('content-type', /text\/html/);
      expect(page.text).toContain('<title>console</title>');
      expect(page.headers['cache-control']).toBe('no-cache');
      const csp = page.headers['content-security-policy'] as string;
      expect(csp).toMatch(/default-src 'self'.*script-src 'self'.*style-src 'self'.*connect-src 'self'.*frame-ancestors 'none'/);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(page.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('serves hashed assets for a year, and a missing file or another method as a 404 problem, not the app', async () => {
    const asset = await hub.anonymous().get('/console/assets/app-1a2b.js').expect(200).expect('content-type', /javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await hub.anonymous().get('/console/assets/gone-0000.js').expect(404).expect('content-type', /application\/problem\+json/);
    expect(missing.body.detail).toMatch(/no console file/);
    await hub.anonymous().post('/console/accounts').send({}).expect(404).expect('content-type', /application\/problem\+json/);
    await hub.anonymous().get('/console/../data/secret.key').expect(404);
  });

  it('needs no API key for the app itself, while the API it calls still does', async () => {
    await hub.anonymous().get('/console/accounts').expect(200);
    await hub.anonymous().get('/api/accounts').expect(401);
  });
});

describe('the web console when it is not built', () => {
  let hub: TestHub;
  beforeAll(async () => (hub = await startTestHub({ consoleDir: join(tmpdir(), 'crm-hub-no-console-here') })));
  afterAll(() => hub.close());

  it('says how to build it', async () => {
    const res = await hub.anonymous().get('/console/').expect(404).expect('content-type', /application\/problem\+json/);
    expect(res.body.detail).toMatch(/npx nx run console:build/);
  });
});
