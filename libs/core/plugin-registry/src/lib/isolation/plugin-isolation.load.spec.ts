import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPlugins } from '../plugin-loader';
import { loadTracked, stopLoadedPlugins } from '../test-support/loaded-plugins';
import { commonJsPlugin, manifest, packageJson } from '../test-support/plugin-fixtures';
import { PluginSandbox } from '../test-support/plugin-sandbox';
import { RecordingLogger } from '../test-support/recording-logger';

/** What a file outside a plugin folder could hold: it must never show in a reason or a log line. */
const OUTSIDE_CONTENT = 'root:x:0:0:root:/root:/bin/bash OUTSIDE-SECRET-7f3a';

describe(`${loadPlugins.name}: plugins that misbehave while loading`, () => {
  let sandbox: PluginSandbox;
  let logger: RecordingLogger;

  beforeEach(() => {
    sandbox = new PluginSandbox();
    logger = new RecordingLogger();
    // a well-behaved plugin next to every bad one: it must load whatever the other does
    sandbox.dropIn('good', { 'package.json': packageJson('good'), 'dist/index.js': commonJsPlugin(manifest('good')) });
  });
  afterEach(async () => {
    await stopLoadedPlugins();
    sandbox.dispose();
  });

  /** Loads the sandbox; the good plugin must be loaded and `folder` refused: answers the refusal. */
  async function refusalOf(folder: string, options = sandbox.options()) {
    const { plugins, refusals } = await loadTracked(options, logger);
    expect(plugins.map((p) => p.info.id)).toEqual(['good']);
    expect(refusals).toEqual([expect.objectContaining({ location: join(sandbox.pluginsDir, folder), source: 'plugins-dir' })]);
    expect(JSON.stringify(refusals)).not.toContain('OUTSIDE-SECRET');
    expect(logger.lines.join('\n')).not.toContain('OUTSIDE-SECRET');
    return refusals[0];
  }

  function dropInCode(id: string, startUp: string): void {
    sandbox.dropIn(id, { 'package.json': packageJson(id), 'dist/index.js': commonJsPlugin(manifest(id), undefined, startUp) });
  }

  it('refuses a plugin that calls process.exit() while loading, and the hub process lives on', async () => {
    dropInCode('quitter', 'process.exit(0);');

    const refusal = await refusalOf('quitter');

    expect(refusal?.reason).toMatch(/^loading its entry point .*quitter\/dist\/index\.js ended its worker \(it exited with code 0: the plugin called process\.exit\(\)\): fix or reinstall the plugin$/);
  });

  it('refuses a plugin that loops forever while loading, after the load time limit', async () => {
    dropInCode('looper', 'for (;;) {}');

    const refusal = await refusalOf('looper');

    expect(refusal?.reason).toMatch(/^loading its entry point .*looper\/dist\/index\.js did not finish within 3000 ms: check the plugin's start-up code$/);
  });

  it('refuses a plugin that runs out of memory while loading', async () => {
    dropInCode('hog', 'const kept = []; for (;;) kept.push(new Array(1e5).fill({ n: kept.length }));');

    const refusal = await refusalOf('hog', sandbox.options({ memoryLimitMb: 64 }));

    expect(refusal?.reason).toMatch(/ended its worker \(it ran out of memory \(its limit is 64 MB\)\)/);
  });

  it('refuses a package.json that is a FIFO without ever opening it (opening one blocks)', async () => {
    const dir = join(sandbox.pluginsDir, 'fifo');
    mkdirSync(dir, { recursive: true });
    execFileSync('mkfifo', [join(dir, 'package.json')]);

    const refusal = await refusalOf('fifo');

    expect(refusal?.reason).toBe('its package.json is a FIFO (named pipe), not a regular file: replace it with a regular file');
  });

  it('refuses a package.json that is a symlink to a file outside the plugin folder, without reading or echoing it', async () => {
    writeFileSync(join(sandbox.root, 'passwd'), OUTSIDE_CONTENT);
    const dir = join(sandbox.pluginsDir, 'linked');
    mkdirSync(dir, { recursive: true });
    symlinkSync(join(sandbox.root, 'passwd'), join(dir, 'package.json'));

    const refusal = await refusalOf('linked');

    expect(refusal?.package).toBeUndefined();
    expect(refusal?.reason).toMatch(/^its package\.json is a symbolic link to a file outside the plugin's folder/);
  });

  it('refuses an entry point that is a symlink leaving the plugin folder', async () => {
    writeFileSync(join(sandbox.root, 'elsewhere.js'), `// ${OUTSIDE_CONTENT}`);
    const dir = sandbox.dropIn('escaper', { 'package.json': packageJson('escaper') });
    mkdirSync(join(dir, 'dist'));
    symlinkSync(join(sandbox.root, 'elsewhere.js'), join(dir, 'dist', 'index.js'));

    const refusal = await refusalOf('escaper');

    expect(refusal?.reason).toMatch(/^its entry point "dist\/index\.js" is a symbolic link to a file outside the plugin's folder/);
  });

  it('accepts symlinks that stay inside the plugin folder', async () => {
    const dir = sandbox.dropIn('inner', { 'package.json': packageJson('inner'), 'build/index.js': commonJsPlugin(manifest('inner')) });
    symlinkSync(join(dir, 'build'), join(dir, 'dist'));

    const { plugins } = await loadTracked(sandbox.options(), logger);

    expect(plugins.map((p) => p.info.id).sort()).toEqual(['good', 'inner']);
  });

  it('refuses a plugin folder holding a FIFO anywhere, which its code could block on', async () => {
    const dir = sandbox.dropIn('piped', { 'package.json': packageJson('piped'), 'dist/index.js': commonJsPlugin(manifest('piped')) });
    mkdirSync(join(dir, 'dist', 'data'));
    execFileSync('mkfifo', [join(dir, 'dist', 'data', 'license.json')]);

    const refusal = await refusalOf('piped');

    expect(refusal?.reason).toBe('its folder holds "dist/data/license.json", which is a FIFO, socket or device: remove it (a plugin folder holds regular files only)');
  });

  it('never quotes a package.json that is not JSON', async () => {
    sandbox.dropIn('garbled', { 'package.json': OUTSIDE_CONTENT });

    const refusal = await refusalOf('garbled');

    expect(refusal?.reason).toBe('its package.json is not valid JSON: fix the file (or reinstall the package)');
  });

  it('withholds the message of a syntax error, which can quote a file the plugin read', async () => {
    writeFileSync(join(sandbox.root, 'passwd'), OUTSIDE_CONTENT);
    dropInCode('reader', `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(join(sandbox.root, 'passwd'))}, 'utf8'));`);

    const refusal = await refusalOf('reader');

    expect(refusal?.reason).toMatch(/failed with SyntaxError \(in its code or in a file it reads; the message is not shown because it can quote file content\)/);
  });

  it('loads plugins in parallel: one stuck plugin costs start-up its load time limit, not more', async () => {
    dropInCode('looper-a', 'for (;;) {}');
    dropInCode('looper-b', 'for (;;) {}');

    const { plugins, refusals } = await loadTracked(sandbox.options({}), logger);

    expect(plugins.map((p) => p.info.id)).toEqual(['good']);
    expect(refusals.map((r) => r.reason)).toEqual([expect.stringMatching(/did not finish within 3000 ms/), expect.stringMatching(/did not finish within 3000 ms/)]);
  });
});
