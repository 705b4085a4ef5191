import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Plugins that misbehave on purpose, while loading (`-at-load`) or when their connection is
 * checked (`-at-call`): they end the process they run in, spin forever, leak memory, or throw
 * where nobody can catch it. (`broken-crm` throws while loading.)
 */
export type HostilePlugin = 'exit-at-load' | 'loop-at-load' | 'leak-at-load' | 'exit-at-call' | 'loop-at-call' | 'leak-at-call' | 'throw-at-call';

export const HOSTILE_PLUGINS: readonly HostilePlugin[] = ['exit-at-load', 'loop-at-load', 'leak-at-load', 'exit-at-call', 'loop-at-call', 'leak-at-call', 'throw-at-call'];

/** A busy loop: no timer or promise of its thread ever runs again. */
const SPIN = 'for (;;) {\n  // spins\n}';

/**
 * What each leak keeps: arrays of unboxed numbers, which the collector does not have to trace, so
 * the memory limit is met in well under a second even on a loaded machine. (Arrays of objects took
 * 3 s idle and, under CI load, more than the 10 s load time limit, which then ended the worker first.)
 */
const LEAKED = 'new Array(100000).fill(kept.length + 0.5)';

/** A step per turn of the event loop, as a leak across requests grows: the thread stays responsive, memory ends it. */
const LEAK = `const kept = [];
const grow = () => {
  kept.push(${LEAKED});
  setImmediate(grow);
};
grow();`;

interface Misbehaviour {
  why: string;
  displayName: string;
  /** Top-level code, run when the package is imported. */
  atLoad?: string;
  /** The body of `check(ctx)`; a plain answer when absent. */
  check?: string;
}

const MISBEHAVIOURS: Record<HostilePlugin, Misbehaviour> = {
  'exit-at-load': {
    why: 'Its start-up code ends the process it runs in. Inside the hub this stopped the hub silently (exit code 0); in its worker it ends only that worker, and the hub refuses it.',
    displayName: 'Exits while loading',
    atLoad: 'process.exit(0);',
  },
  'loop-at-load': {
    why: 'Its start-up code never returns. Inside the hub it hung start-up forever; in its worker it is ended after the load time limit.',
    displayName: 'Loops while loading',
    atLoad: SPIN,
  },
  'leak-at-load': {
    why: 'Its start-up code keeps every object it makes, never returning, until its thread runs out of memory.',
    displayName: 'Leaks while loading',
    atLoad: `const kept = [];\nfor (;;) kept.push(${LEAKED});`,
  },
  'exit-at-call': {
    why: 'Loads fine, then ends the process it runs in when its connection is checked.',
    displayName: 'Exits when called',
    check: 'process.exit(0);',
  },
  'loop-at-call': {
    why: "Loads fine, then spins forever when its connection is checked: its thread never reads another message, which the hub's heartbeat notices.",
    displayName: 'Loops when called',
    check: SPIN,
  },
  'leak-at-call': {
    why: 'Loads fine, then keeps every object it makes when its connection is checked, until its thread runs out of memory.',
    displayName: 'Leaks when called',
    check: `${LEAK}\nreturn new Promise(() => undefined);`,
  },
  'throw-at-call': {
    why: 'Loads fine, then throws where nobody can catch it (from a timer, after check() returned), quoting its secret token: an uncaught exception ends the process it runs in.',
    displayName: 'Throws when called',
    check: "setTimeout(() => {\n  throw new TypeError('token ' + ctx.config.token + ' was refused');\n});\nreturn new Promise(() => undefined);",
  },
};

const indent = (code: string, spaces: number): string => code.replace(/^/gm, ' '.repeat(spaces));

/** The index.js of a hostile plugin: an ordinary read-only plugin but for its misbehaviour. */
function indexSource(id: HostilePlugin, { why, displayName, atLoad, check }: Misbehaviour): string {
  return `// A drop-in made by @crm-hub/fixture-plugins for the plugin-isolation tests. ${why}
'use strict';
const { defineCrmPlugin } = require('@crm-hub/plugin-sdk');
const { EMPTY } = require('rxjs');
${atLoad ? `\n${atLoad}\n` : ''}
module.exports = defineCrmPlugin({
  manifest: {
    id: '${id}',
    displayName: '${displayName}',
    connectionSpec: {
      type: 'object',
      required: ['baseUrl', 'token'],
      additionalProperties: false,
      properties: { baseUrl: { type: 'string', format: 'uri' }, token: { type: 'string', minLength: 8, 'x-secret': true } },
    },
    capabilities: {
      changeStream: 'poll',
      deletes: 'none',
      write: { insert: false, update: false, upsert: false, delete: false, maxBatch: 1 },
      bulk: false,
      filterOperators: ['eq'],
    },
  },
  createConnector: async (ctx) => ({
    check: async () => {
${indent(check ?? 'return { ok: true };', 6)}
    },
    discover: async () => ({ objects: [], enums: [] }),
    read: () => EMPTY,
    changes: () => EMPTY,
    write: async (req) => req.records.map((r) => ({ ref: r.ref, ok: false, error: { code: 'READ_ONLY', message: 'read only', retryable: false } })),
    dispose: async () => undefined,
  }),
});
`;
}

/** Writes a hostile plugin package (package.json and index.js, as a vendor ships one) into `folder`. */
export function writeHostilePlugin(folder: string, id: HostilePlugin): void {
  mkdirSync(folder, { recursive: true });
  const packageJson = {
    name: `@acme/crm-hub-plugin-${id}`,
    version: '0.1.0',
    main: 'index.js',
    crmHub: { role: 'crm-plugin', pluginId: id, contract: 1 },
    peerDependencies: { '@crm-hub/plugin-sdk': '^1.0.0', rxjs: '^7.8.0' },
  };
  writeFileSync(join(folder, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
  writeFileSync(join(folder, 'index.js'), indexSource(id, MISBEHAVIOURS[id]));
}
