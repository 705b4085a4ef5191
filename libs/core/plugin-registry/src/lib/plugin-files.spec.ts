import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPluginFile, findSpecialFile } from './plugin-files';

describe('plugin files', () => {
  let root: string;
  let dir: string;

  beforeEach(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'crm-hub-plugin-files-')));
    dir = join(root, 'plugin');
    mkdirSync(join(dir, 'dist'), { recursive: true });
    writeFileSync(join(dir, 'dist', 'index.js'), 'module.exports = 1;');
    writeFileSync(join(root, 'outside.txt'), 'not the plugin’s');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  describe(checkPluginFile.name, () => {
    it('answers the real path of a regular file, through links that stay in the folder', () => {
      symlinkSync(join(dir, 'dist', 'index.js'), join(dir, 'main.js'));

      expect(checkPluginFile(dir, join(dir, 'dist', 'index.js'), 'its entry point')).toBe(join(dir, 'dist', 'index.js'));
      expect(checkPluginFile(dir, join(dir, 'main.js'), 'its entry point')).toBe(join(dir, 'dist', 'index.js'));
    });

    it('refuses links leaving the folder, dangling links, FIFOs and devices, naming the file only', () => {
      symlinkSync(join(root, 'outside.txt'), join(dir, 'out.js'));
      symlinkSync('/dev/null', join(dir, 'null.js'));
      symlinkSync(join(dir, 'missing.js'), join(dir, 'dangling.js'));
      execFileSync('mkfifo', [join(dir, 'pipe.js')]);

      expect(() => checkPluginFile(dir, join(dir, 'out.js'), 'its entry point')).toThrow(/^its entry point is a symbolic link to a file outside the plugin's folder/);
      expect(() => checkPluginFile(dir, join(dir, 'null.js'), 'its entry point')).toThrow(/outside the plugin's folder/);
      expect(() => checkPluginFile(dir, join(dir, 'dangling.js'), 'its entry point')).toThrow(/^its entry point is a symbolic link that leads nowhere \(ENOENT\)/);
      expect(() => checkPluginFile(dir, join(dir, 'pipe.js'), 'its entry point')).toThrow('its entry point is a FIFO (named pipe), not a regular file');
      expect(() => checkPluginFile(dir, join(dir, 'dist'), 'its entry point')).toThrow('its entry point is a folder, not a regular file');
    });
  });

  describe(findSpecialFile.name, () => {
    it('finds a FIFO at any depth, or a link to one, and nothing in an ordinary package', () => {
      expect(findSpecialFile(dir)).toBeUndefined();

      execFileSync('mkfifo', [join(root, 'pipe')]);
      symlinkSync(join(root, 'pipe'), join(dir, 'dist', 'data.json'));

      expect(findSpecialFile(dir)).toBe(join('dist', 'data.json'));
    });
  });
});
