import { batchTooLarge, DataverseError } from '../errors';
import { parsePrefer } from '../odata/prefer-header';
import { emptyResponse, errorResponse, type ApiRequest, type ApiResponse, type DataverseContext } from '../routes/api-types';
import { relativeToServiceRoot } from '../routes/record-locator';
import { boundaryOf, parseBatch, type BatchOperation } from './multipart-parser';
import { writeBatchResponse, type BatchResponseItem, type ResponsePart } from './multipart-writer';

/** The documented ceiling: "Batch requests can contain up to 1000 individual requests". */
export const MAX_BATCH_OPERATIONS = 1000;

export interface BatchHooks {
  /** Called once with the number of operations before any runs (service protection counts each). */
  admit(operations: number): void;
  /** Runs one operation (no auth, counting or faults of its own). */
  dispatch(req: ApiRequest): ApiResponse;
  /** Called for each operation that runs. */
  counted(): void;
}

class ChangeSetFailure extends Error {
  constructor(readonly part: ResponsePart) {
    super('change set failed');
  }
}

function toApiRequest(ctx: DataverseContext, op: BatchOperation, outer: ApiRequest, contentIds?: Map<string, string>): ApiRequest {
  let url = op.url;
  const reference = /^(\$[^/?]+)(.*)$/.exec(url);
  if (reference) {
    const target = contentIds?.get(reference[1] as string);
    if (!target) throw new DataverseError(400, '0x80060888', `Content-ID Reference: '${reference[1]}' does not exist in the batch context.`);
    url = target + (reference[2] ?? '');
  }
  const relative = relativeToServiceRoot(ctx, url);
  if (relative === undefined) throw new DataverseError(400, '0x80060888', `The request URI '${op.url}' in the batch is not valid for this service.`);
  const q = relative.indexOf('?');
  return {
    method: op.method,
    path: q < 0 ? relative : relative.slice(0, q),
    search: q < 0 ? '' : relative.slice(q),
    headers: op.headers,
    body: op.body,
    contentIds,
    callerId: outer.callerId,
  };
}

/** Creates in a batch answer with Location as well as OData-EntityId (execute-batch-operations-using-web-api.md). */
function withLocation(response: ApiResponse): ApiResponse {
  const entityId = response.headers['OData-EntityId'];
  return typeof entityId === 'string' && response.status === 204 ? { ...response, headers: { ...response.headers, Location: entityId } } : response;
}

function run(ctx: DataverseContext, hooks: BatchHooks, outer: ApiRequest, op: BatchOperation, contentIds?: Map<string, string>): ApiResponse {
  hooks.counted();
  try {
    return withLocation(hooks.dispatch(toApiRequest(ctx, op, outer, contentIds)));
  } catch (error) {
    return errorResponse(error, op.headers['prefer']);
  }
}

/**
 * Runs a `$batch`: operations in order; change sets atomically (any failure rolls the whole set back,
 * `$n` Content-ID references resolve to rows created earlier in the set); without
 * `Prefer: odata.continue-on-error` the batch stops at the first failure and answers with its status.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api
 */
export function executeBatch(ctx: DataverseContext, req: ApiRequest, hooks: BatchHooks): ApiResponse {
  try {
    const parts = parseBatch(req.body, boundaryOf(req.headers['content-type']));
    const total = parts.reduce((n, p) => n + (p.kind === 'operation' ? 1 : p.operations.length), 0);
    if (total > MAX_BATCH_OPERATIONS) throw batchTooLarge(total);
    hooks.admit(total);
    const continueOnError = parsePrefer(req.headers['prefer']).continueOnError;
    const items: BatchResponseItem[] = [];
    let failedStatus: number | undefined;
    for (const part of parts) {
      if (part.kind === 'operation') {
        const response = run(ctx, hooks, req, part.operation);
        items.push({ kind: 'operation', part: { response } });
        if (response.status >= 400 && !continueOnError) {
          failedStatus = response.status;
          break;
        }
        continue;
      }
      const contentIds = new Map<string, string>();
      try {
        const responses = ctx.store.atomically(() =>
          part.operations.map((op) => {
            const response =
              op.method === 'GET'
                ? errorResponse(new DataverseError(400, '0x80060888', 'GET requests are not allowed inside a change set.'))
                : run(ctx, hooks, req, op, contentIds);
            if (response.status >= 400) throw new ChangeSetFailure({ response, contentId: op.contentId });
            const entityId = response.headers['OData-EntityId'];
            if (op.contentId !== undefined && typeof entityId === 'string') contentIds.set(`$${op.contentId}`, entityId);
            return { response, contentId: op.contentId };
          }),
        );
        items.push({ kind: 'changeset', parts: responses });
      } catch (error) {
        if (!(error instanceof ChangeSetFailure)) throw error;
        items.push({ kind: 'changeset', parts: [error.part] });
        if (!continueOnError) {
          failedStatus = error.part.response.status;
          break;
        }
      }
    }
    const { contentType, body } = writeBatchResponse(items);
    const applied: Record<string, string> = continueOnError ? { 'Preference-Applied': 'odata.continue-on-error' } : {};
    return { ...emptyResponse(failedStatus ?? 200, { 'Content-Type': contentType, ...applied }), body };
  } catch (error) {
    return errorResponse(error, req.headers['prefer']);
  }
}
