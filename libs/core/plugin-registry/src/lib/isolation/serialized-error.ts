import {
  CheckpointExpiredError,
  CrmAuthError,
  CrmError,
  type CrmErrorOptions,
  CrmNotFoundError,
  CrmQuotaExceededError,
  CrmRateLimitError,
  CrmTransientError,
  type FilterExpr,
  InsecureUrlError,
  InvalidFilterError,
  UnsupportedFilterError,
} from '@crm-hub/plugin-sdk';

/**
 * An error as it crosses the worker boundary. Errors do not survive structured cloning with their
 * class, and the host decides retries from the SDK class (`instanceof CrmRateLimitError`), so the
 * worker sends the fields the SDK classes carry and the hub re-creates the class. No stack: it
 * names the plugin's internals, and an operator acts on the message.
 */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  /** `CrmError.kinds`, most specific first, when the error is a CrmError of any SDK copy. */
  readonly kinds?: readonly string[];
  readonly code?: string;
  readonly status?: number;
  readonly retryable?: boolean;
  readonly retryAfterMs?: number;
  readonly node?: FilterExpr;
  readonly path?: string;
  readonly problems?: readonly { path: string; message: string }[];
  readonly url?: string;
  readonly setting?: string;
  /** Kept because hosts classify network failures by the codes in the cause chain (ECONNREFUSED…). */
  readonly cause?: SerializedError;
}

/** Longest message kept: a plugin that throws a whole HTTP body must not flood the hub's logs. */
const MAX_MESSAGE_LENGTH = 4_000;
const MAX_CAUSE_DEPTH = 4;

/** In the worker: what to send for anything the plugin threw. */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (typeof error !== 'object' || error === null) return { name: 'Error', message: clip(String(error)) };
  const e = error as Record<string, unknown>;
  const name = typeof e['name'] === 'string' && e['name'] !== '' ? e['name'] : 'Error';
  const out: Record<string, unknown> = { name, message: clip(typeof e['message'] === 'string' ? e['message'] : String(error)) };
  if (error instanceof CrmError) {
    out['kinds'] = [...error.kinds];
    out['retryable'] = error.retryable;
    for (const key of ['retryAfterMs', 'node', 'path', 'problems', 'url', 'setting'] as const) {
      if (e[key] !== undefined) out[key] = plainData(e[key]);
    }
  }
  if (typeof e['code'] === 'string' || typeof e['code'] === 'number') out['code'] = String(e['code']);
  if (typeof e['status'] === 'number') out['status'] = e['status'];
  if (e['cause'] !== undefined && depth < MAX_CAUSE_DEPTH) out['cause'] = serializeError(e['cause'], depth + 1);
  return out as unknown as SerializedError;
}

type CrmErrorClass = new (message: string, options: CrmErrorOptions) => CrmError;

/** The SDK classes by kind, with how to rebuild each from its serialized fields. */
const REBUILD: Record<string, (s: SerializedError, options: CrmErrorOptions) => CrmError> = {
  CrmRateLimitError: (s, o) => new CrmRateLimitError(s.message, { ...o, retryAfterMs: s.retryAfterMs ?? 0 }),
  UnsupportedFilterError: (s, o) => new UnsupportedFilterError(s.message, { ...o, node: s.node ?? { and: [] }, path: s.path ?? '' }),
  InvalidFilterError: (s, o) => new InvalidFilterError(s.message, { ...o, problems: [...(s.problems ?? [])] }),
  InsecureUrlError: (s, o) => withMessage(new InsecureUrlError(s.url ?? '', s.setting, o), s.message),
  ...simple({ CrmAuthError, CrmQuotaExceededError, CrmTransientError, CrmNotFoundError, CheckpointExpiredError, CrmError }),
};

/** On the hub's side: the error again, as an instance of the SDK class it was (or of the standard class). */
export function deserializeError(s: SerializedError): Error {
  const cause = s.cause ? deserializeError(s.cause) : undefined;
  const options: CrmErrorOptions = { ...(s.code !== undefined ? { code: s.code } : {}), ...(s.status !== undefined ? { status: s.status } : {}), cause };
  const kind = s.kinds?.find((k) => REBUILD[k] !== undefined);
  if (kind !== undefined) return rebuildCrmError(s, options, kind);
  const Standard = { TypeError, RangeError, SyntaxError, ReferenceError }[s.name] ?? Error;
  const error: Error & { code?: string; status?: number } = new Standard(s.message, cause === undefined ? undefined : { cause });
  if (error.name !== s.name) Object.defineProperty(error, 'name', { value: s.name, configurable: true, writable: true });
  if (s.code !== undefined) error.code = s.code;
  if (s.status !== undefined) error.status = s.status;
  return error;
}

function rebuildCrmError(s: SerializedError, options: CrmErrorOptions, kind: string): CrmError {
  const error = (REBUILD[kind] as (s: SerializedError, o: CrmErrorOptions) => CrmError)(s, options);
  // A vendor's subclass (e.g. kinds ['AcmeThrottle', 'CrmRateLimitError', 'CrmError']) keeps its kinds and name.
  if (s.kinds && s.kinds[0] !== kind) {
    Object.defineProperty(error, 'kinds', { value: [...s.kinds] });
    Object.defineProperty(error, 'name', { value: s.name, configurable: true, writable: true });
  }
  if (s.retryable !== undefined && s.retryable !== error.retryable) Object.defineProperty(error, 'retryable', { value: s.retryable });
  return error;
}

function simple(classes: Record<string, CrmErrorClass>): Record<string, (s: SerializedError, o: CrmErrorOptions) => CrmError> {
  return Object.fromEntries(Object.entries(classes).map(([kind, Class]) => [kind, (s: SerializedError, o: CrmErrorOptions) => new Class(s.message, o)]));
}

function withMessage<E extends Error>(error: E, message: string): E {
  Object.defineProperty(error, 'message', { value: message, configurable: true, writable: true });
  return error;
}

function clip(message: string): string {
  return message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH)}…` : message;
}

/** Error fields are plugin data: keep what JSON can say, so the reply itself cannot fail to clone. */
function plainData(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value)) as unknown;
  } catch {
    return undefined;
  }
}
