import type { EmulatorClock } from '../../common/clock';
import type { QueryRun } from '../soql/soql-executor';
import { makeId } from '../util/record-ids';
import { DAY_MS } from '../util/sf-dates';

/** Since API v56 query cursors live two days and their number is not capped. */
const CURSOR_LIFETIME_MS = 2 * DAY_MS;

export interface QueryCursor {
  id: string;
  run: QueryRun;
  pageSize: number;
  createdMs: number;
}

/**
 * Server-side query cursors behind `nextRecordsUrl` (`/query/01g…-2000`): the result set is fixed when
 * the query runs, so records changed while a client pages neither move nor repeat (which version of
 * them a page holds is the `queryCursorValues` option's choice, see `query-routes`).
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm
 */
export class QueryCursors {
  private readonly cursors = new Map<string, QueryCursor>();
  private seq = 1;

  constructor(private readonly clock: EmulatorClock) {}

  open(run: QueryRun, pageSize: number): QueryCursor {
    const now = this.clock.nowMs();
    for (const [id, cursor] of this.cursors) {
      if (now - cursor.createdMs < CURSOR_LIFETIME_MS) break;
      this.cursors.delete(id);
    }
    const cursor = { id: makeId('01g', this.seq++), run, pageSize, createdMs: now };
    this.cursors.set(cursor.id, cursor);
    return cursor;
  }

  get(id: string): QueryCursor | undefined {
    const cursor = this.cursors.get(id);
    return cursor && this.clock.nowMs() - cursor.createdMs < CURSOR_LIFETIME_MS ? cursor : undefined;
  }
}
