import { createServer, type Server } from 'node:https';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { CallCounters } from './call-counters';
import { FaultInjector, type FaultKind } from './faults';
import type { ServerTls } from './tls-files';

/** A request as route handlers see it. */
export interface EmulatorRequest {
  method: string;
  /** The absolute URL, as the client sent it (path and query untouched). */
  url: URL;
  /** Values of the route's `:name` and `*name` segments, URL-decoded. */
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text(): string;
  /** The body parsed as JSON; throws {@link BadRequestBody} when it is not JSON. */
  json<T = unknown>(): T;
}

/** What a handler answers. An object or array body is sent as JSON. */
export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer | object | null;
}

export type RouteHandler = (req: EmulatorRequest) => EmulatorResponse | Promise<EmulatorResponse>;

/**
 * The counter kind of an API call (e.g. `query`), or null for the emulator's own control routes
 * (never counted nor faulted). A function decides per request, when one URL serves several kinds
 * (a Dataverse collection GET is a `query`, a `nextLink` or a `delta`).
 */
export type EndpointKind = string | null | ((req: EmulatorRequest) => string | null);

/** Thrown by `req.json()`; emulators answer it with their service's own error shape. */
export class BadRequestBody extends Error {}

/** How one emulated service shapes the answers the harness makes for it. */
export interface ServiceShape {
  /** The service's answer to an injected outage (`unavailable`) or throttling (`throttle`). */
  faultResponse(kind: 'unavailable' | 'throttle', req: EmulatorRequest): EmulatorResponse;
  notFound(req: EmulatorRequest): EmulatorResponse;
  /** A handler threw: the service's 500 (or 400 for BadRequestBody). */
  failure(error: unknown, req: EmulatorRequest): EmulatorResponse;
  /** Headers added to every API answer (e.g. Sforce-Limit-Info). */
  commonHeaders?(req: EmulatorRequest, endpoint: string): Record<string, string>;
}

interface Route {
  method: string;
  segments: string[];
  endpoint: EndpointKind;
  handler: RouteHandler;
}

const MAX_BODY_BYTES = 160 * 1024 * 1024;

/**
 * The HTTPS server under every emulator: routing, call counters, fault injection (outages, resets,
 * slow and truncated answers, throttling) and the control routes tests use. Listens on 127.0.0.1.
 */
export class HttpsEmulator {
  readonly counters = new CallCounters();
  readonly faults = new FaultInjector();
  private readonly routes: Route[] = [];
  private server: Server | undefined;
  private baseUrl = '';

  constructor(
    private readonly tls: ServerTls,
    private readonly shape: ServiceShape,
  ) {}

  /** `pattern` segments: literal, `:name` (one segment) or `*name` (the rest of the path). */
  route(method: string, pattern: string, endpoint: EndpointKind, handler: RouteHandler): this {
    this.routes.push({ method: method.toUpperCase(), segments: pattern.split('/').filter(Boolean), endpoint, handler });
    return this;
  }

  get url(): string {
    if (!this.baseUrl) throw new Error('The emulator is not listening yet');
    return this.baseUrl;
  }

  async listen(port = 0): Promise<string> {
    this.server = createServer({ key: this.tls.key, cert: this.tls.cert }, (req, res) => void this.serve(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject);
      this.server?.listen(port, '127.0.0.1', () => resolve());
    });
    this.baseUrl = `https://localhost:${(this.server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async serve(raw: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: Buffer;
    try {
      body = await readBody(raw);
    } catch {
      res.writeHead(413).end();
      return;
    }
    const url = new URL(raw.url ?? '/', this.baseUrl);
    const match = this.match(raw.method ?? 'GET', url.pathname);
    const req = makeRequest(raw, url, body, match?.params ?? {});
    if (!match) return send(res, this.shape.notFound(req));
    const { route } = match;
    const endpoint = typeof route.endpoint === 'function' ? route.endpoint(req) : route.endpoint;
    const fault = endpoint === null ? undefined : this.faults.decide(endpoint);
    if (endpoint !== null) this.counters.hit(endpoint);
    if (fault === 'reset') return void raw.socket.destroy();
    if (fault === 'unavailable' || fault === 'throttle') return send(res, this.withCommon(this.shape.faultResponse(fault, req), req, endpoint));
    if (fault === 'slow') await delay(this.faults.slowMs);
    let answer: EmulatorResponse;
    try {
      answer = await route.handler(req);
    } catch (error) {
      answer = this.shape.failure(error, req);
    }
    send(res, this.withCommon(answer, req, endpoint), fault);
  }

  private withCommon(answer: EmulatorResponse, req: EmulatorRequest, endpoint: string | null): EmulatorResponse {
    if (endpoint === null || !this.shape.commonHeaders) return answer;
    return { ...answer, headers: { ...this.shape.commonHeaders(req, endpoint), ...answer.headers } };
  }

  private match(method: string, pathname: string): { route: Route; params: Record<string, string> } | undefined {
    const parts = pathname.split('/').filter(Boolean);
    for (const route of this.routes) {
      if (route.method !== '*' && route.method !== method.toUpperCase()) continue;
      const params = matchSegments(route.segments, parts);
      if (params) return { route, params };
    }
    return undefined;
  }
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const segment = pattern[i] as string;
    if (segment.startsWith('*')) {
      params[segment.slice(1)] = parts.slice(i).map(decodeURIComponent).join('/');
      return params;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(part);
    else if (segment !== part) return undefined;
  }
  return parts.length === pattern.length ? params : undefined;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new Error('request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function makeRequest(raw: IncomingMessage, url: URL, body: Buffer, params: Record<string, string>): EmulatorRequest {
  return {
    method: (raw.method ?? 'GET').toUpperCase(),
    url,
    params,
    headers: raw.headers,
    body,
    text: () => body.toString('utf8'),
    json: <T>() => {
      try {
        return JSON.parse(body.toString('utf8')) as T;
      } catch (error) {
        throw new BadRequestBody((error as Error).message);
      }
    },
  };
}

function send(res: ServerResponse, answer: EmulatorResponse, fault?: FaultKind): void {
  const headers: Record<string, string | string[]> = { ...answer.headers };
  let payload: Buffer | undefined;
  if (answer.body !== undefined && answer.body !== null) {
    if (typeof answer.body === 'string') payload = Buffer.from(answer.body, 'utf8');
    else if (Buffer.isBuffer(answer.body)) payload = answer.body;
    else {
      payload = Buffer.from(JSON.stringify(answer.body), 'utf8');
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['Content-Type'] = 'application/json;charset=UTF-8';
      }
    }
  }
  if (payload) headers['Content-Length'] = String(payload.length);
  res.writeHead(answer.status, headers);
  if (fault === 'truncate' && payload && payload.length > 1) {
    // Promise the whole body, deliver half, hang up: what a dropped connection looks like.
    res.write(payload.subarray(0, Math.floor(payload.length / 2)));
    res.socket?.destroy();
    return;
  }
  res.end(payload);
}
