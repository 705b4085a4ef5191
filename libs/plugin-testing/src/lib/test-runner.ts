/** The few test-runner functions the kit needs, whichever runner loads it. */
export interface TestRunner {
  readonly name: 'jest' | 'node:test';
  describe(name: string, body: () => void): void;
  it(name: string, fn: () => Promise<void>, timeoutMs: number): void;
  beforeAll(fn: () => Promise<void>, timeoutMs: number): void;
  afterAll(fn: () => Promise<void> | void, timeoutMs: number): void;
}

interface JestLikeGlobals {
  describe?: (name: string, body: () => void) => void;
  it?: (name: string, fn: () => Promise<void>, timeoutMs?: number) => void;
  beforeAll?: (fn: () => Promise<void>, timeoutMs?: number) => void;
  afterAll?: (fn: () => Promise<void> | void, timeoutMs?: number) => void;
}

/**
 * jest's globals when jest runs the suite (or a runner with the same globals), otherwise
 * `node:test` — which Node runs with `node --test` and Deno runs with `deno test`. `node:test` is
 * loaded only then: jest does not know it as a core module.
 */
export function testRunner(): TestRunner {
  const g = globalThis as JestLikeGlobals;
  if (g.describe && g.it && g.beforeAll && g.afterAll) {
    const { describe, it, beforeAll, afterAll } = g as Required<JestLikeGlobals>;
    return { name: 'jest', describe, it, beforeAll, afterAll };
  }
  const nodeTest = require('node:test') as typeof import('node:test');
  return {
    name: 'node:test',
    describe: (name, body) => void nodeTest.describe(name, body),
    it: (name, fn, timeoutMs) => void nodeTest.it(name, { timeout: timeoutMs }, fn),
    beforeAll: (fn, timeoutMs) => nodeTest.before(fn, { timeout: timeoutMs }),
    afterAll: (fn, timeoutMs) => nodeTest.after(fn, { timeout: timeoutMs }),
  };
}
