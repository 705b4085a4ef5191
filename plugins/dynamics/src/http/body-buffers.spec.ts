import { BodyBuffers } from './body-buffers';

/** An answer whose body arrives in `chunks`, with a content-length only when `length` is given. */
function answer(chunks: Uint8Array[], length?: number): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  return new Response(body, { headers: length === undefined ? {} : { 'content-length': String(length) } });
}

/** `size` bytes of a pattern that tells every offset apart (mod 251), in chunks of `chunk`. */
function chunked(size: number, chunk: number, seed = 0): { chunks: Uint8Array[]; whole: Uint8Array } {
  const whole = new Uint8Array(size).map((_, i) => (i + seed) % 251);
  const chunks: Uint8Array[] = [];
  for (let from = 0; from < size; from += chunk) chunks.push(whole.slice(from, from + chunk));
  return { chunks, whole };
}

describe(BodyBuffers.name, () => {
  it('reads a body of any length exactly, with or without a content-length, growing past its first buffer', async () => {
    const buffers = new BodyBuffers();
    for (const [size, chunk] of [[0, 1], [10, 3], [3 * 1024 * 1024 + 17, 65_536]] as const) {
      const { chunks, whole } = chunked(size, chunk);
      expect(await buffers.read(answer(chunks))).toEqual(whole);
      expect(await buffers.read(answer(chunks, size))).toEqual(whole);
    }
    // A compressed answer's content-length is shorter than what fetch hands over.
    const { chunks, whole } = chunked(2 * 1024 * 1024, 65_536);
    expect(await buffers.read(answer(chunks, 1000))).toEqual(whole);
  });

  it('reuses a buffer only once it is handed back, for the next body of a size it holds', async () => {
    const buffers = new BodyBuffers();
    const first = chunked(600_000, 16_384, 1);
    const a = await buffers.read(answer(first.chunks, 600_000));
    const second = chunked(650_000, 16_384, 2);
    const b = await buffers.read(answer(second.chunks, 650_000));
    expect(b.buffer).not.toBe(a.buffer);
    expect(a).toEqual(first.whole);
    buffers.release(a);
    const third = chunked(700_000, 16_384, 3);
    const c = await buffers.read(answer(third.chunks, 700_000));
    expect(c.buffer).toBe(a.buffer);
    expect(c).toEqual(third.whole);
    expect(b).toEqual(second.whole);
  });

  it('ignores bytes it did not lend and a second release of the same bytes', async () => {
    const buffers = new BodyBuffers();
    buffers.release(new Uint8Array(2 * 1024 * 1024));
    const a = await buffers.read(answer([new Uint8Array([1, 2, 3])]));
    buffers.release(a);
    buffers.release(a);
    const b = await buffers.read(answer([new Uint8Array([4])]));
    const c = await buffers.read(answer([new Uint8Array([5])]));
    expect(b.buffer).toBe(a.buffer);
    expect(c.buffer).not.toBe(b.buffer);
    expect([...b, ...c]).toEqual([4, 5]);
  });
});
