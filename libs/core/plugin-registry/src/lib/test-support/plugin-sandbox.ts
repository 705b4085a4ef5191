import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findPackageDir } from '../peer-links';
import { DEFAULT_ISOLATION_LIMITS, type PluginIsolationLimits, type ResolvedPluginRegistryOptions } from '../plugin-registry.options';

/**
 * A throw-away hub install for one test, in the OS temp folder (outside the workspace, so a drop-in
 * cannot resolve the workspace's packages by walking up):
 * - `host/`: package.json + node_modules with the SDK and rxjs, as `npm install` would leave them;
 * - `plugins.d/`: the drop-in folder, created on first use.
 */
export class PluginSandbox {
  readonly root = realpathSync(mkdtempSync(join(tmpdir(), 'crm-hub-plugins-')));
  readonly hostRoot = join(this.root, 'host');
  readonly pluginsDir = join(this.root, 'plugins.d');

  constructor() {
    writeJson(join(this.hostRoot, 'package.json'), { name: 'crm-hub', version: '0.1.0', dependencies: {} });
    for (const name of ['@crm-hub/plugin-sdk', 'rxjs']) {
      const link = join(this.hostRoot, 'node_modules', name);
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(workspacePackage(name), link, 'junction');
    }
  }

  /**
   * Options for loading from this sandbox: a short load time limit (a stuck plugin costs the test
   * that long) and a quick heartbeat; `isolation` overrides the limits a test is about.
   */
  options(isolation: Partial<PluginIsolationLimits> = {}): ResolvedPluginRegistryOptions {
    return {
      hostRoot: this.hostRoot,
      pluginsDir: this.pluginsDir,
      loadTimeoutMs: 3_000,
      isolation: { ...DEFAULT_ISOLATION_LIMITS, heartbeatIntervalMs: 200, unresponsiveAfterMs: 2_000, restartBackoffMs: 100, ...isolation },
    };
  }

  /** Writes a drop-in package into `plugins.d/<folder>` and returns its folder. */
  dropIn(folder: string, files: PackageFiles): string {
    return writeFiles(join(this.pluginsDir, folder), files);
  }

  /** Installs a package in the host's node_modules and lists it in the host's dependencies. */
  dependency(name: string, files: PackageFiles): string {
    const hostPackagePath = join(this.hostRoot, 'package.json');
    const hostPackage = JSON.parse(readFileSync(hostPackagePath, 'utf8'));
    hostPackage.dependencies[name] = '^1.0.0';
    writeJson(hostPackagePath, hostPackage);
    return writeFiles(join(this.hostRoot, 'node_modules', name), files);
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** Files of a package, by relative path; objects are written as JSON. */
export type PackageFiles = Record<string, string | object>;

function writeFiles(dir: string, files: PackageFiles): string {
  for (const [path, content] of Object.entries(files)) {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

function writeJson(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(value, null, 2));
}

/** The workspace's installed copy of a package, the one a real hub install would hold. */
function workspacePackage(name: string): string {
  const dir = findPackageDir(__dirname, name);
  if (dir === undefined) throw new Error(`${name} is not installed in the workspace`);
  const real = realpathSync(dir);
  const main = JSON.parse(readFileSync(join(real, 'package.json'), 'utf8')).main;
  if (typeof main === 'string' && !existsSync(join(real, main))) {
    throw new Error(`${name} is not built (${join(real, main)} is missing): run npx nx run plugin-sdk:build first`);
  }
  return real;
}
