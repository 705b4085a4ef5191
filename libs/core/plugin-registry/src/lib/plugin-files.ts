import { type Dirent, lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { errorCode } from './error-message';
import { PluginRefusedError } from './errors';

/**
 * The hub reads a few files of a plugin folder itself (package.json, and the entry point it hands
 * to the worker), before any plugin code runs and in its own thread. Those must be regular files
 * of the plugin: a FIFO or a device would block the hub's thread forever on open or read, and a
 * symlink to elsewhere (`/etc/passwd`, the hub's `data/secret.key`) would have the hub read, and
 * echo in refusal reasons, a file that is not the plugin's. Reasons name the file, never its content.
 */

/** What kind of non-regular file it is, for the reason. */
function describeKind(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isDirectory()) return 'a folder';
  return 'not a regular file';
}

/** Whether `path` is `dir` or inside it (both real paths). */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Checks that `file` (inside the plugin folder `dir`) is a regular file whose real path stays in
 * the plugin's real folder. Returns its real path; throws ENOENT as is (callers say what is missing)
 * and a `PluginRefusedError` naming `what` otherwise.
 */
export function checkPluginFile(dir: string, file: string, what: string): string {
  const link = lstatSync(file); // throws ENOENT for a missing file
  let real = file;
  if (link.isSymbolicLink()) {
    try {
      real = realpathSync(file);
    } catch (error) {
      throw new PluginRefusedError(`${what} is a symbolic link that leads nowhere (${errorCode(error) ?? 'unresolvable'}): replace it with the file itself`);
    }
    if (!isInside(realpathSync(dir), real)) {
      throw new PluginRefusedError(`${what} is a symbolic link to a file outside the plugin's folder: the hub reads only the plugin's own files; replace the link with the file itself`);
    }
  }
  const stats = link.isSymbolicLink() ? statSync(real) : link;
  if (!stats.isFile()) {
    throw new PluginRefusedError(`${what} is ${describeKind(stats)}, not a regular file: replace it with a regular file`);
  }
  return real;
}

/** Entries looked at before giving up on the walk: a vendor's bundled node_modules can be large. */
const MAX_WALKED_ENTRIES = 20_000;

/**
 * The first FIFO, socket or device in the plugin's folder (or a symlink to one), as a path
 * relative to the folder. The plugin's code reads its own files in its worker: a FIFO there would
 * block that thread in a system call that no time limit can interrupt, and such a thread also keeps
 * the hub's process from exiting. Symlinked folders are not followed (no cycles, no escapes).
 */
export function findSpecialFile(dir: string): string | undefined {
  const root = realpathSync(dir);
  const folders = [root];
  let walked = 0;
  while (folders.length > 0 && walked < MAX_WALKED_ENTRIES) {
    const folder = folders.pop() as string;
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      continue; // unreadable: the plugin's own load will say so
    }
    for (const entry of entries) {
      if (++walked > MAX_WALKED_ENTRIES) break;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) folders.push(path);
      else if (!entry.isFile() && isSpecial(entry, path)) return relative(root, path);
    }
  }
  return undefined;
}

function isSpecial(entry: Dirent, path: string): boolean {
  if (entry.isFIFO() || entry.isSocket() || entry.isCharacterDevice() || entry.isBlockDevice()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    const target = statSync(path);
    return target.isFIFO() || target.isSocket() || target.isCharacterDevice() || target.isBlockDevice();
  } catch {
    return false; // a dangling link cannot block anything
  }
}
