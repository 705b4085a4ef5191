import { join } from 'node:path';
import { resolveEntryPoint } from './entry-point';
import { errorCode } from './error-message';
import { PluginRefusedError } from './errors';
import { type PackageJson, readPackageJson } from './package-json';
import { ensurePeers } from './peer-links';
import type { PluginCandidate } from './plugin-discovery';
import { findSpecialFile } from './plugin-files';
import { checkPluginPackage, type HostCompatibility, type PluginPackage } from './plugin-package';
import type { ResolvedPluginRegistryOptions } from './plugin-registry.options';

/** A candidate that passed every check that needs no plugin code: ready to be loaded in a worker. */
export interface PreparedCandidate {
  readonly candidate: PluginCandidate;
  readonly pkg: PackageJson;
  readonly declared: PluginPackage;
  readonly entry: string;
}

/**
 * Checks a candidate folder before any of its code runs, in the hub's thread, once its package.json
 * was read ({@link readCandidatePackage}): the `crmHub` block and SDK range, its entry point (a
 * regular file of the folder), no FIFO or device anywhere in the folder, and its peers (linked for
 * drop-ins). Throws a `PluginRefusedError` saying what to fix.
 */
export function prepareCandidate(
  candidate: PluginCandidate,
  pkg: PackageJson,
  options: ResolvedPluginRegistryOptions,
  host: HostCompatibility,
  log: (message: string) => void,
): PreparedCandidate {
  const declared = checkPluginPackage(pkg, host);
  const entry = resolveEntryPoint(candidate.dir, pkg);
  const special = findSpecialFile(candidate.dir);
  if (special !== undefined) {
    throw new PluginRefusedError(
      `its folder holds ${JSON.stringify(special)}, which is a FIFO, socket or device: remove it (a plugin folder holds regular files only)`,
    );
  }
  ensurePeers({
    dir: candidate.dir,
    pkg,
    hostRoot: options.hostRoot,
    linkRoot: candidate.source === 'plugins-dir' ? join(options.pluginsDir, 'node_modules') : undefined,
    log,
  });
  return { candidate, pkg, declared, entry };
}

/** Reads a candidate's package.json (a regular file of the folder), or throws a `PluginRefusedError`. */
export function readCandidatePackage(candidate: PluginCandidate): PackageJson {
  try {
    return readPackageJson(candidate.dir);
  } catch (error) {
    if (error instanceof PluginRefusedError) throw error;
    // the code only: an fs error's message is fine, but nothing read from the file may show
    const problem = errorCode(error) === 'ENOENT' ? 'the folder has no package.json' : `its package.json cannot be read (${errorCode(error) ?? 'unknown error'})`;
    throw new PluginRefusedError(
      `${problem}: a CRM plugin is an npm package folder whose package.json has a "crmHub" block` +
        (candidate.source === 'plugins-dir' ? '; remove the folder from the plugins folder if it is not a plugin' : ''),
    );
  }
}
