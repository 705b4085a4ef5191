import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './support/cli-process';
import { type DemoProcess, startDemoProcess } from './support/demo-process';
import { freePort } from './support/hub-process';
import { runnableReadmeBlocks } from './support/readme-blocks';
import { WORKSPACE_ROOT } from './support/workspace-paths';

interface DemoReport {
  totals: { crm: string; imported: number; exported: number; deleted: number; rejected: number }[];
}

/** Runs a README block with bash from the repository's root, as a reader pastes it. */
function runShell(script: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn('bash', ['-euo', 'pipefail', '-c', script], {
    cwd: WORKSPACE_ROOT,
    env: { PATH: `${join(WORKSPACE_ROOT, 'node_modules/.bin')}:${process.env['PATH'] ?? '/usr/bin:/bin'}`, HOME: process.env['HOME'] ?? tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, output })));
}

/** `npm run demo`, `npm run emulators` and the README's runnable blocks: what a newcomer runs first. */
describe('first run: the demo, the emulators and the README', () => {
  const root = mkdtempSync(join(tmpdir(), 'crm-hub-demo-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('npm run demo -- --exit walks the whole workflow on both CRMs and exits 0 with every kind of movement counted', async () => {
    const dataDir = join(root, 'exit');
    const demo = startDemoProcess('demo', ['--exit', '--port', String(await freePort()), '--data-dir', dataDir]);
    const code = await demo.exited;
    expect({ code, tail: demo.output().slice(-2_000) }).toMatchObject({ code: 0 });
    const report = JSON.parse(readFileSync(join(dataDir, 'report.json'), 'utf8')) as DemoReport;
    expect(report.totals.map((t) => t.crm).sort()).toEqual(['Dataverse', 'Salesforce']);
    for (const total of report.totals) {
      expect(total).toEqual(expect.objectContaining({ imported: expect.any(Number), exported: expect.any(Number), deleted: expect.any(Number), rejected: expect.any(Number) }));
      expect(Math.min(total.imported, total.exported, total.deleted, total.rejected)).toBeGreaterThan(0);
    }
    expect(demo.output()).toMatch(/A continuous job catches a CRM change[\s\S]*had it in the hub table \d+ ms later/);
  }, 300_000);

  describe('with the demo left running', () => {
    let demo: DemoProcess;
    let env: Record<string, string>;

    beforeAll(async () => {
      const dataDir = join(root, 'running');
      demo = startDemoProcess('demo', ['--port', String(await freePort()), '--data-dir', dataDir]);
      await demo.waitForOutput(/Ctrl-C stops them/, 240_000);
      const file = readFileSync(join(dataDir, 'demo.env'), 'utf8');
      env = Object.fromEntries([...file.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1] as string, m[2] as string]));
      expect(Object.keys(env).sort()).toEqual(['CRM_HUB_API_KEY', 'CRM_HUB_URL']);
    }, 300_000);
    afterAll(async () => {
      // Ctrl-C: the demo stops the hub and the emulators and exits 0
      expect(await demo?.stop('SIGINT')).toBe(0);
    });

    it('prints where the docs are, the API key and CLI commands to try', () => {
      expect(demo.output()).toMatch(/API docs \(OpenAPI\): +http:\/\/(localhost|127\.0\.0\.1):\d+\/docs/);
      expect(demo.output()).toContain(env['CRM_HUB_API_KEY']);
      expect(demo.output()).toMatch(/npx crm-hub jobs run "Dataverse contacts in" --watch/);
    });

    it('runs every runnable shell block of the README against it', async () => {
      const blocks = runnableReadmeBlocks();
      expect(blocks.length).toBeGreaterThanOrEqual(3);
      for (const block of blocks) {
        const { code, output } = await runShell(block.script, env);
        expect({ block: `README.md:${block.line} (${block.heading})`, code, output: code === 0 ? '' : output }).toEqual({
          block: `README.md:${block.line} (${block.heading})`,
          code: 0,
          output: '',
        });
      }
    }, 300_000);

    it('crm-hub jobs run --watch shows progress and exits 0; a wrong key prints the problem and exits 1', async () => {
      const watched = await runCli(['jobs', 'run', 'Dataverse contacts in', '--watch', '--full', '--interval', '200'], env);
      expect(watched.code).toBe(0);
      expect(watched.stderr).toMatch(/records/);
      expect(watched.stdout).toMatch(/succeeded/);
      const wrong = await runCli(['jobs', 'list'], { ...env, CRM_HUB_API_KEY: 'chub_not-the-demo-key-0123456789' });
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toMatch(/^Error 401 Unauthorized/);
    }, 120_000);
  });

  it('npm run emulators prints the account settings to paste and the CA to trust, and stops on Ctrl-C', async () => {
    const emulators = startDemoProcess('emulators', [
      '--salesforce-port', String(await freePort()),
      '--dataverse-port', String(await freePort()),
      '--data-dir', join(root, 'emulators'),
    ]);
    try {
      const printed = await emulators.waitForOutput(/CA file: (\S+)/, 120_000);
      expect(printed[1]).toBe(join(root, 'emulators', 'tls', 'ca.pem'));
      expect(emulators.output()).toMatch(/Salesforce +https:\/\/[^\s]+[\s\S]*POST \/api\/accounts[\s\S]*npx crm-hub accounts create --name "Salesforce emulator" --plugin salesforce/);
      expect(emulators.output()).toMatch(/Dataverse +https:\/\/[^\s]+[\s\S]*--plugin dynamics/);
    } finally {
      const code = await emulators.stop('SIGINT');
      // The output says why, when it did not stop cleanly.
      expect({ code, output: code === 0 ? '' : emulators.output() }).toEqual({ code: 0, output: '' });
    }
  }, 180_000);
});
