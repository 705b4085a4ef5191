import { createTestDatabase } from '@crm-hub/persistence/testing';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runHubToExit, type HubExit } from './support/hub-command';
import { freePort, startHub } from './support/hub-process';
import { logLines } from './support/log-lines';

/** Hubs start in a few seconds, but `npm test` runs beside builds and other suites on two cores. */
const SLOW_START_MS = 90_000;
jest.setTimeout(180_000);

/** What the hub does with damaged or unreachable storage: refuse at once, in one clear JSON line. */
describe('storage at start-up', () => {
  const root = mkdtempSync(join(tmpdir(), 'crm-hub-storage-'));
  const apiKey = 'e2e-key-storage-0123456789abcdef';
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** A fresh SQLite data folder (the default layout), whatever database the run uses. */
  function dataFolder(name: string): { cwd: string; env: Record<string, string>; file: string } {
    const cwd = join(root, name);
    mkdirSync(cwd, { recursive: true });
    return { cwd, env: { HUB_API_KEYS: apiKey, PLUGINS_DIR: join(cwd, 'plugins.d') }, file: join(cwd, 'data', 'hub.sqlite') };
  }

  /** The fatal line of a start that failed: exit 1, every line JSON. */
  function fatalLine(run: HubExit): string {
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    const fatal = logLines(run.output).filter((l) => l.level === 60);
    expect(fatal).toHaveLength(1);
    return String(fatal[0]?.msg);
  }

  it('keeps the SQLite file, its WAL files and the key private (0600)', async () => {
    const { cwd, env, file } = dataFolder('modes');
    const hub = await startHub({ cwd, env: { ...env, PORT: String(await freePort()) }, startTimeoutMs: SLOW_START_MS });
    try {
      for (const path of [file, `${file}-wal`, `${file}-shm`, join(cwd, 'data', 'secret.key')]) {
        expect([path, (statSync(path).mode & 0o777).toString(8)]).toEqual([path, '600']);
      }
    } finally {
      await hub.stop();
    }
  });

  it('refuses a SQLite file truncated to 0 bytes instead of starting an empty hub', async () => {
    const { cwd, env, file } = dataFolder('truncated');
    const hub = await startHub({ cwd, env: { ...env, PORT: String(await freePort()) }, startTimeoutMs: SLOW_START_MS });
    await hub.stop();
    truncateSync(file, 0);
    const run = await runHubToExit({ cwd, env: { ...env, PORT: String(await freePort()) } });
    expect(fatalLine(run)).toMatch(/hub\.sqlite is empty \(0 bytes\).*truncated or replaced: restore it from a backup/);
    expect(statSync(file).size).toBe(0);
  });

  it('reports a malformed SQLite file at once, not after a retry loop', async () => {
    const { cwd, env, file } = dataFolder('malformed');
    const hub = await startHub({ cwd, env: { ...env, PORT: String(await freePort()) }, startTimeoutMs: SLOW_START_MS });
    await hub.stop();
    writeFileSync(file, 'this is not an SQLite database; '.repeat(256));
    const run = await runHubToExit({ cwd, env: { ...env, PORT: String(await freePort()) } });
    expect(fatalLine(run)).toMatch(/hub\.sqlite is damaged \(file is not a database\): restore it from a backup/);
    expect(run.durationMs).toBeLessThan(15_000);
  });

  it('answers a port where no PostgreSQL listens with a connect timeout and a message, not a silent hang', async () => {
    const silent = createServer((socket: Socket) => socket.on('error', () => undefined));
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    try {
      const { cwd, env } = dataFolder('silent-port');
      const url = `postgres://hub:s3cret-password@127.0.0.1:${(silent.address() as { port: number }).port}/hub`;
      const run = await runHubToExit({ cwd, env: { ...env, PORT: String(await freePort()), DATABASE_URL: url }, timeoutMs: 45_000 });
      expect(fatalLine(run)).toMatch(/No PostgreSQL server answered at PostgreSQL postgres:\/\/hub:\*\*\*@127\.0\.0\.1:\d+\/hub within the connect timeout/);
      expect(run.output).not.toContain('s3cret-password');
      expect(run.durationMs).toBeLessThan(30_000);
    } finally {
      silent.close();
    }
  });

  it('reports a bad HUB_SECRET_KEY with the other configuration problems, all at once, without quoting it', async () => {
    const { cwd, env } = dataFolder('bad-key');
    const run = await runHubToExit({ cwd, env: { ...env, PORT: 'http', HUB_SECRET_KEY: 'my-secret-passphrase', LOG_LEVEL: 'chatty' } });
    expect(fatalLine(run)).toMatch(/^Invalid configuration:/);
    const [fatal] = logLines(run.output).filter((l) => l.level === 60);
    expect(fatal?.['problems']).toEqual([
      "PORT must be a whole number from 1 to 65535 (got 'http')",
      expect.stringMatching(/^HUB_SECRET_KEY must be a 32-byte key/),
      expect.stringMatching(/^LOG_LEVEL must be one of/),
    ]);
    expect(run.output).not.toContain('my-secret-passphrase');
    expect(existsSync(join(cwd, 'data'))).toBe(false);
  });

  it('retries a database that is not reachable yet, saying so each time', async () => {
    const { cwd, env } = dataFolder('unreachable');
    const closed = await freePort();
    const run = await runHubToExit({
      cwd,
      env: { ...env, PORT: String(await freePort()), DATABASE_URL: `postgres://hub@127.0.0.1:${closed}/hub` },
      killOn: /attempt 2 of \d+/,
    });
    const retries = logLines(run.output).filter((l) => l.level === 40 && l.context === 'Database');
    expect(retries[0]?.msg).toMatch(/is not reachable: .*ECONNREFUSED.*; retrying in 2 s \(attempt 1 of 15\)/);
  });

  describe('permanent refusals', () => {
    const db = createTestDatabase();
    afterAll(() => db.drop());
    // A real server's refusals where the run has one (the CI's PostgreSQL pass); else SQLite's.
    const url = db.config.kind === 'postgres' ? new URL(db.config.url) : undefined;
    const cases: [string, (cwd: string) => string, RegExp][] = url
      ? [
          ['an unknown role', () => Object.assign(new URL(url), { username: 'no_such_role_crm_hub' }).toString(), /the role is unknown/],
          ['a missing database', () => Object.assign(new URL(url), { pathname: '/no_such_database_crm_hub' }).toString(), /the database does not exist/],
        ]
      : [['an SQLite path that is a folder', (cwd) => `sqlite:${join(cwd, 'plugins.d')}`, /plugins\.d is not a file: check DATABASE_URL/]];

    it.each(cases)('fail at once: %s', async (_case, databaseUrl, message) => {
      const { cwd, env } = dataFolder(`refusal-${Math.random().toString(36).slice(2)}`);
      mkdirSync(join(cwd, 'plugins.d'));
      const run = await runHubToExit({ cwd, env: { ...env, PORT: String(await freePort()), DATABASE_URL: databaseUrl(cwd) } });
      expect(fatalLine(run)).toMatch(message);
      expect(run.durationMs).toBeLessThan(15_000);
    });
  });
});
