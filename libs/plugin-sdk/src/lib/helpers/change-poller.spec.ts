import { lastValueFrom, take, toArray } from 'rxjs';
import { CrmAuthError, CrmRateLimitError, CrmTransientError } from '../errors';
import type { Checkpoint, SyncMessage } from '../messages';
import { pacedStream } from './paced-stream';
import { pollChanges, type PollOptions } from './change-poller';

const upsert = (id: string): SyncMessage => ({ kind: 'upsert', object: 'Contact', id, data: {} });
const checkpoint = (n: number): SyncMessage => ({ kind: 'checkpoint', object: 'Contact', checkpoint: { n } });

describe(pollChanges.name, () => {
  it('starts from start() without a checkpoint, and resumes each poll from the last checkpoint seen', async () => {
    const from: Checkpoint[] = [];
    let poll = 0;
    const options: PollOptions = {
      object: 'Contact',
      intervalMs: 1,
      start: async () => ({ n: 0 }),
      async *read(cp) {
        from.push(cp);
        poll++;
        yield [upsert(`r${poll}`), checkpoint(poll)];
      },
    };
    const messages = await lastValueFrom(pacedStream<SyncMessage>((signal) => pollChanges(options, signal)).pipe(take(6), toArray()));
    expect(messages.filter((m) => m.kind === 'upsert').map((m) => (m.kind === 'upsert' ? m.id : ''))).toEqual(['r1', 'r2', 'r3']);
    expect(from).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
  });

  it('turns a retryable failure into a status warning and retries from the same checkpoint, after Retry-After when throttled', async () => {
    const from: Checkpoint[] = [];
    const failures = [new CrmTransientError('502', { status: 502 }), new CrmRateLimitError('throttled', { retryAfterMs: 30, code: 'RATE' })];
    const options: PollOptions = {
      object: 'Contact',
      intervalMs: 1,
      checkpoint: { n: 7 },
      start: async () => fail('start() must not be called with a checkpoint'),
      async *read(cp) {
        from.push(cp);
        const failure = failures.shift();
        if (failure) throw failure;
        yield checkpoint(8);
      },
    };
    const started = Date.now();
    const messages = await lastValueFrom(pacedStream<SyncMessage>((signal) => pollChanges(options, signal)).pipe(take(3), toArray()));
    expect(messages.map((m) => (m.kind === 'status' ? `${m.level}:${m.code}` : m.kind))).toEqual(['warn:POLL_FAILED', 'warn:RATE', 'checkpoint']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(30);
    expect(from).toEqual([{ n: 7 }, { n: 7 }, { n: 7 }]);
  });

  it('ends the stream on an error that is not retryable', async () => {
    const options: PollOptions = {
      object: 'Contact',
      intervalMs: 1,
      checkpoint: {},
      start: async () => ({}),
      read() {
        throw new CrmAuthError('refused');
      },
    };
    await expect(lastValueFrom(pacedStream<SyncMessage>((signal) => pollChanges(options, signal)))).rejects.toThrow('refused');
  });
});
