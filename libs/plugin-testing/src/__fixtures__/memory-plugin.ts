import { defineCrmPlugin, type CrmPlugin } from '@crm-hub/plugin-sdk';
import type { ConformanceOptions } from '../index';
import { MemoryConnector, type MemoryPluginFlaw } from './memory-connector';
import { MemoryCrm } from './memory-crm';
import { memoryConformanceCrm } from './memory-conformance-crm';

/** The memory plugin (correct, or with one flaw) for one {@link MemoryCrm}. */
export function createMemoryPlugin(crm: MemoryCrm, flaw?: MemoryPluginFlaw): CrmPlugin {
  return defineCrmPlugin({
    manifest: {
      id: 'memory-crm',
      displayName: 'Memory CRM',
      connectionSpec: {
        type: 'object',
        required: ['baseUrl', 'apiToken'],
        properties: {
          baseUrl: { type: 'string', format: 'uri', title: 'Base URL' },
          apiToken: { type: 'string', 'x-secret': true, title: 'API token' },
          pollIntervalMs: { type: 'integer', minimum: 1, default: 1000 },
        },
        additionalProperties: false,
      },
      capabilities: {
        changeStream: 'poll',
        deletes: 'stream',
        write: { insert: true, update: true, upsert: true, delete: true, maxBatch: 200 },
        bulk: false,
        filterOperators: [],
      },
    },
    createConnector: async (ctx) => new MemoryConnector(crm, ctx, flaw),
  });
}

/**
 * Conformance options for a fresh memory CRM and its plugin (with `flaw`, a broken variant), tuned
 * to run fast: the memory CRM stamps milliseconds and answers at once.
 */
export function memoryOptions(flaw?: MemoryPluginFlaw, overrides: Partial<ConformanceOptions> = {}): ConformanceOptions {
  const crm = new MemoryCrm();
  return {
    plugin: createMemoryPlugin(crm, flaw),
    config: { baseUrl: 'https://memory-crm.example', apiToken: crm.token, pollIntervalMs: 10 },
    refusedConfig: { baseUrl: 'https://memory-crm.example', apiToken: 'wrong-token-0000', pollIntervalMs: 10 },
    crm: memoryConformanceCrm(crm),
    object: 'Contact',
    pageSize: 10,
    settleMs: 40,
    handleGraceMs: 300,
    timeoutMs: 5_000,
    clockResolutionMs: 5,
    ...overrides,
  };
}
