import type { CallCounters } from '../../common/call-counters';
import type { EmulatorClock } from '../../common/clock';
import { DataverseError } from '../errors';
import { annotationMatcher, parsePrefer } from '../odata/prefer-header';
import type { MetadataRegistry } from '../metadata/metadata-registry';
import type { EnvironmentStore } from '../store/environment-store';

export const API_VERSION = 'v9.2';

/** What the Web API handlers share. */
export interface DataverseContext {
  registry: MetadataRegistry;
  store: EnvironmentStore;
  clock: EmulatorClock;
  counters: CallCounters;
  settings: {
    maxPageSize: number;
    changeTrackingExpiryDays: number;
    /** Tables whose writes a (simulated) synchronous plug-in refuses, and how. */
    rejections: Map<string, { message?: string; subErrorCode?: string }>;
  };
  /** `https://localhost:<port>` (the environment URL). */
  environmentUrl(): string;
}

/** `https://localhost:<port>/api/data/v9.2/` */
export function serviceRoot(ctx: DataverseContext): string {
  return `${ctx.environmentUrl()}/api/data/${API_VERSION}/`;
}

/** A Web API operation, whether it came alone or inside a `$batch`. */
export interface ApiRequest {
  method: string;
  /** Path below the service root, still percent-encoded (`accounts(…)`, `EntityDefinitions(LogicalName='x')/Attributes`). */
  path: string;
  /** Raw query string with its `?`, or ''. */
  search: string;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  body: string;
  /** Inside a change set: `$1` → the URL of the row that operation created. */
  contentIds?: Map<string, string>;
  /** The application (client id) the access token was issued to. */
  callerId?: string;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string | string[]>;
  /** Objects are sent as JSON, strings as they are. */
  body?: object | string;
}

export const JSON_TYPE = 'application/json; odata.metadata=minimal';

export function jsonResponse(status: number, body: object, headers: Record<string, string | string[]> = {}): ApiResponse {
  return { status, headers: { 'Content-Type': JSON_TYPE, 'OData-Version': '4.0', ...headers }, body };
}

export function emptyResponse(status: number, headers: Record<string, string | string[]> = {}): ApiResponse {
  return { status, headers: { 'OData-Version': '4.0', ...headers } };
}

/** The error JSON of a failed operation, with the details annotations its `Prefer` header asks for. */
export function errorResponse(error: unknown, prefer?: string): ApiResponse {
  const dataverseError =
    error instanceof DataverseError
      ? error
      : new DataverseError(500, '0x80040216', `An unexpected error occurred. (Emulator: ${error instanceof Error ? error.message : String(error)})`);
  const wants = annotationMatcher(parsePrefer(prefer).includeAnnotations);
  return jsonResponse(dataverseError.status, dataverseError.toBody(wants), dataverseError.headers);
}

export function header(req: ApiRequest, name: string): string | undefined {
  return req.headers[name.toLowerCase()];
}
