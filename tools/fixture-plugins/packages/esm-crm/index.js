// An ES-module drop-in plugin: the hub must load it with a real import().
import sdk from '@crm-hub/plugin-sdk';
import { EMPTY, NEVER } from 'rxjs';

export default sdk.defineCrmPlugin({
  manifest: {
    id: 'esm-crm',
    displayName: 'ESM CRM',
    connectionSpec: { type: 'object', required: ['url'], properties: { url: { type: 'string', format: 'uri' } } },
    capabilities: {
      changeStream: 'delta',
      deletes: 'stream',
      write: { insert: false, update: false, upsert: false, delete: false, maxBatch: 1 },
      bulk: false,
      filterOperators: ['eq', 'in'],
    },
  },
  createConnector: async () => ({
    check: async () => ({ ok: true }),
    discover: async () => ({ objects: [], enums: [] }),
    read: () => EMPTY,
    changes: () => NEVER,
    write: async () => [],
    dispose: async () => undefined,
  }),
});
