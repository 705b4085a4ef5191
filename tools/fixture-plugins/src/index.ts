import { cpSync } from 'node:fs';
import { join } from 'node:path';

/** The drop-in plugin packages kept here, as vendors would ship them (plain JavaScript). */
export type FixturePlugin = 'fixture-crm' | 'esm-crm' | 'broken-crm' | 'future-contract';

/** Secrets the `fixture-crm` plugin understands (see its index.js). */
export const FIXTURE_TOKENS = {
  good: 'good-token-1234567',
  hangs: 'never-answers-12345',
  echoedInError: 'echoed-token-98765',
} as const;

/** Copies fixture plugin packages into a plugins folder (PLUGINS_DIR), as an operator would drop them. */
export function installFixturePlugins(pluginsDir: string, names: FixturePlugin[]): void {
  for (const name of names) {
    cpSync(join(__dirname, '..', 'packages', name), join(pluginsDir, name), { recursive: true });
  }
}
