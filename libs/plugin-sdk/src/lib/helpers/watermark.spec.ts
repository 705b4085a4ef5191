import { CheckpointExpiredError } from '../errors';
import { afterWatermark, compareWatermarks, decodeWatermark, encodeWatermark, notAfter, upperBound, WatermarkTracker } from './watermark';

const T = '2026-03-01T10:00:00.000Z';
const LATER = '2026-03-01T10:00:01.000Z';

describe(compareWatermarks.name, () => {
  it('orders by stamp, then by id, with a pluggable id order', () => {
    expect(compareWatermarks({ modifiedAt: T, id: 'B' }, { modifiedAt: LATER, id: 'A' })).toBeLessThan(0);
    expect(compareWatermarks({ modifiedAt: T, id: 'A' }, { modifiedAt: T, id: 'B' })).toBeLessThan(0);
    expect(compareWatermarks({ modifiedAt: T, id: 'A' }, { modifiedAt: '2026-03-01T10:00:00Z', id: 'A' })).toBe(0);
    expect(compareWatermarks({ modifiedAt: T, id: '10' }, { modifiedAt: T, id: '9' }, (a, b) => Number(a) - Number(b))).toBeGreaterThan(0);
  });
});

describe(afterWatermark.name, () => {
  it('is strict on the (stamp, id) tuple, and takes the whole stamp when no id was read at it', () => {
    const fields = { cursorField: 'SystemModstamp', idField: 'Id' };
    expect(afterWatermark({ modifiedAt: T, id: '003A' }, fields)).toEqual({
      or: [
        { field: 'SystemModstamp', op: 'gt', value: T },
        { and: [{ field: 'SystemModstamp', op: 'eq', value: T }, { field: 'Id', op: 'gt', value: '003A' }] },
      ],
    });
    expect(afterWatermark({ modifiedAt: T, id: '' }, fields)).toEqual({ field: 'SystemModstamp', op: 'ge', value: T });
    expect(notAfter(Date.parse(T), 'modifiedon')).toEqual({ field: 'modifiedon', op: 'le', value: T });
  });
});

describe(upperBound.name, () => {
  it("is the server's now minus the lag, truncated to the stamp resolution; none without a lag", () => {
    expect(upperBound(Date.parse('2026-03-01T10:05:00.400Z'), 2_000)).toBe(Date.parse('2026-03-01T10:04:58.000Z'));
    expect(upperBound(Date.now(), 0)).toBeUndefined();
  });
});

describe(WatermarkTracker.name, () => {
  it('follows an ordered read row by row, ignoring rows stamped past the upper bound', () => {
    const tracker = new WatermarkTracker(undefined, Date.parse(T), { ordered: true });
    tracker.advance('2026-03-01T09:59:59Z', 'B');
    tracker.advance(T, 'A');
    tracker.advance(LATER, 'C'); // changed while the read paged: rows before it may still be ahead
    expect(tracker.current).toEqual({ modifiedAt: T, id: 'A' });
  });

  it('moves only forward on an unordered read (a bulk export), and closes at the upper bound after a complete read', () => {
    const tracker = new WatermarkTracker({ modifiedAt: '2026-03-01T09:00:00.000Z', id: 'Z' }, Date.parse(LATER), { ordered: false });
    tracker.advance(T, 'B');
    tracker.advance('2026-03-01T09:30:00.000Z', 'A');
    expect(tracker.current).toEqual({ modifiedAt: T, id: 'B' });
    tracker.closeAtUpperBound();
    expect(tracker.current).toEqual({ modifiedAt: LATER, id: '' });
  });
});

describe(encodeWatermark.name, () => {
  it('round-trips through a flat checkpoint', () => {
    const checkpoint = { v: 2, ...encodeWatermark('SystemModstamp', { modifiedAt: T, id: '003A' }) };
    expect(checkpoint).toEqual({ v: 2, cursorField: 'SystemModstamp', modifiedAt: T, lastId: '003A' });
    expect(decodeWatermark(checkpoint, 'SystemModstamp')).toEqual({ modifiedAt: T, id: '003A' });
    expect(decodeWatermark(encodeWatermark('SystemModstamp', undefined), 'SystemModstamp')).toBeUndefined();
  });

  it('refuses a checkpoint made on another cursor field, or malformed, as expired', () => {
    const checkpoint = encodeWatermark('LastModifiedDate', { modifiedAt: T, id: '003A' });
    expect(() => decodeWatermark(checkpoint, 'SystemModstamp')).toThrow(CheckpointExpiredError);
    expect(() => decodeWatermark({ cursorField: 'SystemModstamp', modifiedAt: 'yesterday', lastId: 'x' }, 'SystemModstamp')).toThrow(
      CheckpointExpiredError,
    );
    expect(() => decodeWatermark({ cursorField: 'SystemModstamp', modifiedAt: T, lastId: 3 }, 'SystemModstamp')).toThrow(CheckpointExpiredError);
  });
});
