import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from './workspace-paths';

/** A shell block of the README marked runnable (```sh runnable), with the heading it sits under. */
export interface RunnableBlock {
  heading: string;
  /** The line of its opening fence in README.md. */
  line: number;
  script: string;
}

/** Every ```sh runnable (or ```bash runnable) block of the README, in order. */
export function runnableReadmeBlocks(readme = readFileSync(join(WORKSPACE_ROOT, 'README.md'), 'utf8')): RunnableBlock[] {
  const blocks: RunnableBlock[] = [];
  const lines = readme.split('\n');
  let heading = '(top)';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (/^#{1,6} /.test(line)) heading = line.replace(/^#+ /, '');
    const fence = /^(\s*)```+\s*(sh|bash)\s+runnable\s*$/.exec(line);
    if (!fence) continue;
    const indent = fence[1]?.length ?? 0;
    const fenceLine = i + 1;
    const body: string[] = [];
    for (i += 1; i < lines.length && !/^\s*```+\s*$/.test(lines[i] as string); i++) body.push((lines[i] as string).slice(indent));
    blocks.push({ heading, line: fenceLine, script: body.join('\n') });
  }
  return blocks;
}
