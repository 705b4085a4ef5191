import type { SyncMessage } from '@crm-hub/plugin-sdk';
import { packMessages, unpackMessages } from './batch-packing';

/** What crossing the thread boundary does to a batch: packed, structured-cloned, unpacked. */
const cross = (messages: SyncMessage[]) => unpackMessages(structuredClone(packMessages(messages)));

const upsert = (id: string, data: Record<string, unknown>, extra: Partial<SyncMessage> = {}): SyncMessage =>
  ({ kind: 'upsert', object: 'Contact', id, data, modifiedAt: `2026-01-0${id}T00:00:00.000Z`, ...extra }) as SyncMessage;

describe('batch packing between a plugin worker and the hub', () => {
  it('gives the hub every message as the plugin produced it, in order, whatever the mix', () => {
    const messages: SyncMessage[] = [
      upsert('1', { Name: 'a', Amount: '1.50', Tags: ['x', 'y'], Address: { city: 'Rome' } }),
      upsert('2', { Name: 'b', Amount: null, Tags: [], Address: null }),
      upsert('3', { Amount: '2', Name: 'c' }), // the same fields in another order: a run of its own
      { kind: 'delete', object: 'Contact', id: '4', deletedAt: '2026-01-04T00:00:00.000Z' },
      upsert('5', { Name: 'd' }, { partial: true }),
      upsert('6', { Name: 'e' }, { modifiedAt: undefined }),
      upsert('7', { Name: 'f' }, { object: 'Lead' }),
      { kind: 'status', level: 'warn', code: 'SLOW', message: 'the CRM is slow' } as SyncMessage,
      upsert('8', { Name: 'g', Missing: undefined }),
      { kind: 'checkpoint', object: 'Contact', checkpoint: { cursor: '8' } },
    ];
    const crossed = cross(messages);
    expect(crossed).toEqual(messages);
    expect(crossed.map((m) => Object.keys(m))).toEqual(messages.map((m) => Object.keys(m).filter((k) => (m as unknown as Record<string, unknown>)[k] !== undefined)));
    expect(Object.keys((crossed[8] as Extract<SyncMessage, { kind: 'upsert' }>).data)).toEqual(['Name', 'Missing']);
  });

  it('sends each field name once per run of records of the same shape', () => {
    const packed = packMessages([1, 2, 3].map((i) => upsert(String(i), { Name: `n${i}`, Email: `e${i}` })));
    expect(packed).toEqual([
      {
        kind: 'packed-upserts',
        object: 'Contact',
        fields: ['Name', 'Email'],
        partial: undefined,
        rows: [1, 2, 3].map((i) => [String(i), `2026-01-0${i}T00:00:00.000Z`, `n${i}`, `e${i}`]),
      },
    ]);
  });

  it('lets an upsert outside the contract’s shape cross as it is, as a structured clone would', () => {
    const odd = [
      { ...upsert('1', { Name: 'a' }), vendorNote: 'kept' },
      upsert('2', Object.assign(Object.create({ inherited: 1 }) as Record<string, unknown>, { Name: 'b' })),
      { ...upsert('3', { Name: 'c' }), modifiedAt: 12 },
    ] as unknown as SyncMessage[];
    const packed = packMessages(odd);
    expect(packed.every((m) => m.kind === 'upsert')).toBe(true);
    expect(cross(odd)).toEqual(structuredClone(odd));
  });
});
