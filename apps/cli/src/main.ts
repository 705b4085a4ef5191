import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProgram } from './program';
import { describeError } from './report-error';

/** The CLI's version is its package's (apps/cli/package.json, two folders up from dist/apps/cli). */
function cliVersion(): string {
  for (const candidate of [join(__dirname, '../../../apps/cli/package.json'), join(__dirname, '../package.json')]) {
    try {
      return (JSON.parse(readFileSync(candidate, 'utf8')) as { version: string }).version;
    } catch {
      // try the next place
    }
  }
  return '0.0.0';
}

const argv = process.argv;
buildProgram(cliVersion())
  .parseAsync(argv)
  .catch((error: unknown) => {
    process.stderr.write(`${describeError(error, argv.includes('--json'))}\n`);
    process.exitCode = 1;
  });
