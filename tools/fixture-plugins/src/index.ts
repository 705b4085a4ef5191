import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOSTILE_PLUGINS, type HostilePlugin, writeHostilePlugin } from './hostile-plugins';

export { HOSTILE_PLUGINS, type HostilePlugin } from './hostile-plugins';

/** The drop-in plugin packages kept here, as vendors would ship them (plain JavaScript). */
export type FixturePlugin = 'fixture-crm' | 'esm-crm' | 'broken-crm' | 'future-contract' | HostilePlugin;

/** Secrets the `fixture-crm` plugin understands (see its index.js). */
export const FIXTURE_TOKENS = {
  good: 'good-token-1234567',
  hangs: 'never-answers-12345',
  echoedInError: 'echoed-token-98765',
} as const;

/** Copies fixture plugin packages into a plugins folder (PLUGINS_DIR), as an operator would drop them. */
export function installFixturePlugins(pluginsDir: string, names: FixturePlugin[]): void {
  for (const name of names) {
    if ((HOSTILE_PLUGINS as readonly string[]).includes(name)) writeHostilePlugin(join(pluginsDir, name), name as HostilePlugin);
    else cpSync(join(__dirname, '..', 'packages', name), join(pluginsDir, name), { recursive: true });
  }
}

/** Marks the content of the file the `symlinked-package-json` folder points at: it must never show anywhere. */
export const OUTSIDE_FILE_MARKER = 'OUTSIDE-FILE-CONTENT-3c9e1d';

/**
 * Plugin folders that cannot be kept in git, made in place: `fifo-package-json` (its package.json
 * is a FIFO: opening it blocks until someone writes) and `symlinked-package-json` (its package.json
 * is a symlink to a file outside the folder, written to `outsideDir`, as `/etc/passwd` or the hub's
 * `data/secret.key` would be). Needs `mkfifo` (Linux, macOS).
 */
export function installHostileFolders(pluginsDir: string, outsideDir: string): void {
  mkdirSync(join(pluginsDir, 'fifo-package-json'), { recursive: true });
  execFileSync('mkfifo', [join(pluginsDir, 'fifo-package-json', 'package.json')]);
  mkdirSync(outsideDir, { recursive: true });
  const outside = join(outsideDir, 'passwd');
  writeFileSync(outside, `root:x:0:0:${OUTSIDE_FILE_MARKER}:/root:/bin/bash\n`);
  mkdirSync(join(pluginsDir, 'symlinked-package-json'), { recursive: true });
  symlinkSync(outside, join(pluginsDir, 'symlinked-package-json', 'package.json'));
}
