// A complete, runnable read side of a connector written with the SDK 1.1 helpers, against a tiny
// in-memory "Acme CRM" API. `examples.spec.ts` runs it; the SDK guide (README.md) walks through it.
// A real plugin calls its CRM with `ctx.http` where this one calls `AcmeApi`.
import type { Observable } from 'rxjs';
import {
  decodeWatermark,
  encodeWatermark,
  pacedStream,
  pollChanges,
  WatermarkTracker,
  type ChangeRequest,
  type Checkpoint,
  type Produced,
  type ReadRequest,
  type SyncMessage,
  type Watermark,
} from '../src';

/** A record as the Acme API stores it. */
export interface AcmeRow {
  id: string;
  modifiedAt: string;
  fields: Record<string, unknown>;
  /** The fields changed by the last update: Acme's change feed sends only those (like Dataverse delta rows). */
  changed?: string[];
}

/** The Acme API: pages of rows in (modifiedAt, id) order after a watermark, as a CRM query would. */
export class AcmeApi {
  readonly rows: AcmeRow[] = [];
  requests = 0;

  async page(after: Watermark | undefined, size: number, signal: AbortSignal): Promise<AcmeRow[]> {
    if (signal.aborted) throw signal.reason;
    this.requests++;
    await new Promise((resolve) => setTimeout(resolve, 1)); // network time
    const key = (r: { modifiedAt: string; id: string }): string => `${r.modifiedAt}|${r.id}`;
    return [...this.rows]
      .sort((a, b) => key(a).localeCompare(key(b)))
      .filter((r) => !after || key(r) > key({ modifiedAt: after.modifiedAt, id: after.id }))
      .slice(0, size);
  }
}

/** The read side of an Acme connector. */
export class AcmeReader {
  constructor(
    private readonly api: AcmeApi,
    private readonly lifetime: AbortSignal,
    private readonly pageSize = 100,
  ) {}

  /** Cold, paced by its consumer: one page per pull, a checkpoint closing each page. */
  read(req: ReadRequest): Observable<SyncMessage> {
    return pacedStream((signal) => this.pages(req, signal), { lifetime: this.lifetime });
  }

  /** A polling change stream on the same watermark, starting "now" without a checkpoint. */
  changes(req: ChangeRequest): Observable<SyncMessage> {
    return pacedStream(
      (signal) =>
        pollChanges(
          {
            object: req.object,
            intervalMs: 10,
            ...(req.checkpoint ? { checkpoint: req.checkpoint } : {}),
            start: async () => encodeWatermark('modifiedAt', { modifiedAt: new Date().toISOString(), id: '' }),
            read: (checkpoint, pollSignal) => this.pages({ ...req, checkpoint }, pollSignal),
          },
          signal,
        ),
      { lifetime: this.lifetime },
    );
  }

  private async *pages(req: ReadRequest, signal: AbortSignal): AsyncGenerator<Produced<SyncMessage>> {
    const incremental = req.checkpoint !== undefined;
    const tracker = new WatermarkTracker(req.checkpoint ? decodeWatermark(req.checkpoint, 'modifiedAt') : undefined, undefined, {
      ordered: true,
    });
    for (;;) {
      const rows = await this.api.page(tracker.current, req.pageSize ?? this.pageSize, signal);
      const page: SyncMessage[] = rows.map((row) => {
        tracker.advance(row.modifiedAt, row.id);
        return this.upsert(req, row, incremental);
      });
      page.push({ kind: 'checkpoint', object: req.object, checkpoint: this.checkpoint(tracker) });
      yield page;
      if (rows.length < (req.pageSize ?? this.pageSize)) return;
    }
  }

  /** Absent is not null: an incremental read carries only the fields Acme sent, and says so. */
  private upsert(req: ReadRequest, row: AcmeRow, incremental: boolean): SyncMessage {
    const sent = incremental && row.changed ? row.changed : Object.keys(row.fields);
    const data = Object.fromEntries(req.fields.filter((f) => sent.includes(f)).map((f) => [f, row.fields[f] ?? null]));
    const partial = req.fields.some((f) => !sent.includes(f));
    return { kind: 'upsert', object: req.object, id: row.id, data, modifiedAt: row.modifiedAt, ...(partial ? { partial } : {}) };
  }

  private checkpoint(tracker: WatermarkTracker): Checkpoint {
    return { v: 1, ...encodeWatermark('modifiedAt', tracker.current) };
  }
}
