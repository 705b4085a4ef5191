// A drop-in plugin as a vendor ships it: plain CommonJS, the SDK as a peer dependency (not
// installed here). It deliberately logs and echoes its secret so tests prove the host masks it.
// Tokens: 'good-token-1234567' is accepted, 'never-answers-12345' hangs, 'echoed-token-98765'
// makes check() throw an error that quotes it; anything else is refused.
'use strict';
const { defineCrmPlugin } = require('@crm-hub/plugin-sdk');
const { from, NEVER } = require('rxjs');

// One object, read as a plain Observable: how a contract-1 (SDK 1.0) plugin streams. The hub must
// still discover it, build its table and consume its reads (unpaced).
const contact = {
  name: 'Contact',
  label: 'Contact',
  custom: false,
  idField: 'Id',
  cursorField: 'ModifiedAt',
  incremental: 'cursor',
  fields: [
    { name: 'Id', label: 'Id', nativeType: 'id', type: 'id', nullable: false, createable: false, updateable: false, externalId: false, unique: true },
    { name: 'ModifiedAt', label: 'Modified at', nativeType: 'datetime', type: 'datetime', nullable: false, createable: false, updateable: false, externalId: false, unique: false },
    { name: 'LastName', label: 'Last name', nativeType: 'text', type: 'string', length: 80, nullable: false, createable: true, updateable: true, externalId: false, unique: false },
  ],
};
const rows = [1, 2, 3].map((i) => ({ Id: `C-${i}`, ModifiedAt: '2026-01-01T00:00:00.000Z', LastName: `Fixture ${i}` }));

module.exports = defineCrmPlugin({
  manifest: {
    id: 'fixture-crm',
    displayName: 'Fixture CRM',
    connectionSpec: {
      type: 'object',
      required: ['baseUrl', 'token'],
      additionalProperties: false,
      properties: {
        baseUrl: { type: 'string', format: 'uri', title: 'Base URL' },
        token: { type: 'string', minLength: 8, 'x-secret': true },
        apiVersion: { type: 'string', default: 'v1' },
        sandbox: { type: 'boolean', default: false },
      },
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
    async check() {
      ctx.meter.call('check');
      ctx.logger.info('checking with token ' + ctx.config.token, { token: ctx.config.token });
      if (ctx.config.token === 'never-answers-12345') return new Promise(() => undefined);
      if (ctx.config.token === 'echoed-token-98765') throw new Error('CRM refused token ' + ctx.config.token);
      if (ctx.config.token === 'good-token-1234567') return { ok: true, details: { org: 'Fixture', token: ctx.config.token } };
      return { ok: false, reason: 'the CRM refused token ' + ctx.config.token };
    },
    discover: async (opts) => ({ objects: [opts && opts.objects ? contact : { ...contact, fields: [] }], enums: [] }),
    read: (req) =>
      from([
        ...rows.map((row) => ({ kind: 'upsert', object: req.object, id: row.Id, data: row, modifiedAt: row.ModifiedAt })),
        { kind: 'checkpoint', object: req.object, checkpoint: { at: '2026-01-01T00:00:00.000Z' } },
      ]),
    changes: () => NEVER,
    write: async (req) => req.records.map((r) => ({ ref: r.ref, ok: false, error: { code: 'READ_ONLY', message: 'read only', retryable: false } })),
    dispose: async () => undefined,
  }),
});
