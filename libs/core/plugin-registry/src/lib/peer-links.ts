import { existsSync, lstatSync, mkdirSync, readlinkSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { messageOf } from './error-message';
import { PluginRefusedError } from './errors';
import { dependencyMap, isRecord, type PackageJson } from './package-json';
import { SDK_PACKAGE } from './plugin-package';

/**
 * The packages the hub lends to plugins that cannot resolve them: the contract itself and the rxjs
 * its types are made of. Lending anything else would tie plugins to the hub's private dependencies.
 */
export const HOST_PROVIDED_PEERS: readonly string[] = [SDK_PACKAGE, 'rxjs'];

export interface PeerLinkOptions {
  /** The plugin's folder. */
  readonly dir: string;
  readonly pkg: PackageJson;
  /** Where the host's own copies are installed (`<hostRoot>/node_modules`, or above). */
  readonly hostRoot: string;
  /** `<pluginsDir>/node_modules` for drop-ins; undefined for the hub's dependencies (nothing to link). */
  readonly linkRoot?: string;
  readonly log: (message: string) => void;
}

/**
 * Makes sure the plugin can resolve its peers (and the SDK, even when declared as a dependency but
 * not installed with it). A drop-in built elsewhere usually ships without node_modules: the hub
 * then links its own copy into `<pluginsDir>/node_modules`, which Node.js finds by walking up from
 * the plugin's folder. Throws a `PluginRefusedError` when a peer stays unresolvable.
 *
 * Resolution is checked by looking for `node_modules/<name>/package.json` in the folders above the
 * plugin's real path, as Node.js does for packages — not with `require.resolve`, which follows
 * `exports` (and, under Jest, Jest's own resolver) and so can answer for a file, not for a package.
 */
export function ensurePeers(options: PeerLinkOptions): void {
  const realDir = realpathSync(options.dir);
  for (const peer of neededPeers(options.pkg)) {
    if (findPackageDir(realDir, peer) !== undefined) continue;
    if (!HOST_PROVIDED_PEERS.includes(peer)) {
      throw new PluginRefusedError(
        `its peer dependency ${peer} is not installed and the hub provides only ${HOST_PROVIDED_PEERS.join(' and ')}: install it in the plugin's folder (npm install --omit=dev in ${options.dir})`,
      );
    }
    const hostCopy = findPackageDir(realpathSync(options.hostRoot), peer);
    if (hostCopy === undefined) {
      throw new PluginRefusedError(
        `its peer dependency ${peer} is installed neither with the plugin nor in the hub (${options.hostRoot}): reinstall the hub (npm ci) or install ${peer} in the plugin's folder`,
      );
    }
    if (options.linkRoot === undefined) {
      throw new PluginRefusedError(`its peer dependency ${peer} cannot be resolved from ${options.dir}: add ${peer} to the hub's dependencies and reinstall`);
    }
    linkPeer(options.linkRoot, peer, realpathSync(hostCopy), options.log);
    if (findPackageDir(realDir, peer) === undefined) {
      // e.g. the drop-in is a symlink to a folder outside the plugins folder: Node.js resolves from there
      throw new PluginRefusedError(
        `its peer dependency ${peer} cannot be resolved from its real folder ${realDir}, which is outside ${dirname(options.linkRoot)}: copy the plugin into the plugins folder instead of linking it, or install its peers there`,
      );
    }
  }
}

/** Non-optional peers, plus the host-provided packages the plugin lists as plain dependencies. */
function neededPeers(pkg: PackageJson): string[] {
  const meta = isRecord(pkg.peerDependenciesMeta) ? pkg.peerDependenciesMeta : {};
  const peers = Object.keys(dependencyMap(pkg.peerDependencies)).filter((name) => {
    const entry = meta[name];
    return !(isRecord(entry) && entry['optional'] === true);
  });
  const lent = Object.keys(dependencyMap(pkg.dependencies)).filter((name) => HOST_PROVIDED_PEERS.includes(name));
  return [...new Set([...peers, ...lent])];
}

/** The folder of package `name` as Node.js would find it from `fromDir`, or undefined. */
export function findPackageDir(fromDir: string, name: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    // Node.js never looks in node_modules/node_modules
    if (basename(dir) !== 'node_modules') {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) return candidate;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function linkPeer(linkRoot: string, peer: string, target: string, log: (message: string) => void): void {
  const link = join(linkRoot, ...peer.split('/'));
  try {
    mkdirSync(dirname(link), { recursive: true });
    if (linksTo(link, target)) return;
    // only a link that no longer resolves gets here (the host moved): replace it; `force`, as
    // another hub process may be removing it too
    if (isSymlink(link)) rmSync(link, { force: true });
    // 'junction' makes a directory link on Windows without admin rights; ignored elsewhere
    symlinkSync(target, link, 'junction');
  } catch (error) {
    // Hub processes sharing a plugins folder start together: another one may have made this very
    // link between our look and our symlink (or removed the stale one first).
    if (linksTo(link, target)) return;
    const detail = messageOf(error);
    throw new PluginRefusedError(
      `cannot link the hub's ${peer} into ${linkRoot} (${detail}): make ${dirname(linkRoot)} writable by the hub, ` +
        `or install the plugin's peers in its folder (npm install --omit=dev in the plugin's folder)`,
    );
  }
  log(`Linked ${peer} for drop-in plugins: ${link} -> ${target}`);
}

function linksTo(link: string, target: string): boolean {
  return isSymlink(link) && readlinkSync(link) === target;
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

