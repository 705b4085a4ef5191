import { first, firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { toAsyncIterable, type SyncMessage } from '../src';
import { AcmeApi, AcmeReader } from './acme-connector';

function seed(api: AcmeApi, count: number, modifiedAt = '2026-01-01T00:00:00.000Z'): void {
  for (let i = 0; i < count; i++) {
    api.rows.push({ id: `A${String(i).padStart(6, '0')}`, modifiedAt, fields: { name: `Row ${i}`, plan: 'gold' } });
  }
}

describe('the SDK guide example (AcmeReader)', () => {
  it('reads 50 pages for a slow consumer while fetching at most one page ahead', async () => {
    const api = new AcmeApi();
    seed(api, 5_000);
    const reader = new AcmeReader(api, new AbortController().signal, 100);
    let upserts = 0;
    let worstAhead = 0;
    for await (const msg of toAsyncIterable(reader.read({ object: 'account', fields: ['name'] }))) {
      if (msg.kind === 'upsert') upserts++;
      if (msg.kind === 'checkpoint') await new Promise((resolve) => setTimeout(resolve, 2)); // a slow database commit
      worstAhead = Math.max(worstAhead, api.requests - Math.ceil((upserts + 1) / 100));
    }
    expect(upserts).toBe(5_000);
    expect(worstAhead).toBeLessThanOrEqual(1);
  });

  it('resumes exactly from a checkpoint inside a run of rows sharing one stamp', async () => {
    const api = new AcmeApi();
    seed(api, 250);
    const reader = new AcmeReader(api, new AbortController().signal, 100);
    const first: SyncMessage[] = [];
    for await (const msg of toAsyncIterable(reader.read({ object: 'account', fields: ['name'] }))) {
      first.push(msg);
      if (msg.kind === 'checkpoint') break; // the consumer stops after one committed page
    }
    const checkpoint = first.at(-1)?.kind === 'checkpoint' ? (first.at(-1) as { checkpoint: Record<string, string> }).checkpoint : undefined;
    const rest = await lastValueFrom(reader.read({ object: 'account', fields: ['name'], ...(checkpoint ? { checkpoint } : {}) }).pipe(toArray()));
    const ids = [...first, ...rest].flatMap((m) => (m.kind === 'upsert' ? [m.id] : []));
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
  });

  it('follows changes with partial upserts: only the changed fields, never invented nulls', async () => {
    const api = new AcmeApi();
    seed(api, 3, '2020-01-01T00:00:00.000Z');
    const reader = new AcmeReader(api, new AbortController().signal);
    const changes = firstValueFrom(reader.changes({ object: 'account', fields: ['name', 'plan'] }).pipe(first((m) => m.kind === 'upsert')));
    setTimeout(() => {
      const row = api.rows[1];
      if (row) Object.assign(row, { modifiedAt: new Date(Date.now() + 1_000).toISOString(), fields: { ...row.fields, plan: 'silver' }, changed: ['plan'] });
    }, 30);
    const upsert = await changes;
    expect(upsert).toMatchObject({ kind: 'upsert', id: 'A000001', data: { plan: 'silver' }, partial: true });
    expect(upsert?.kind === 'upsert' && 'name' in upsert.data).toBe(false);
  });
});
