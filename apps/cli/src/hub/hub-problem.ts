/** An RFC 9457 problem document, as the hub answers every error. */
export interface ProblemDocument {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  errors?: { field?: string; message?: string }[];
}

/** The hub answered with an error: its problem document and what the user can do about it. */
export class HubProblemError extends Error {
  constructor(
    readonly status: number,
    readonly problem: ProblemDocument,
    readonly retryAfter?: string,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }

  /** Builds the error from an answer whose body may be a problem document, other JSON, text or nothing. */
  static from(response: Response, body: unknown): HubProblemError {
    const problem: ProblemDocument =
      body && typeof body === 'object'
        ? (body as ProblemDocument)
        : { status: response.status, title: response.statusText, ...(typeof body === 'string' && body ? { detail: body } : {}) };
    return new HubProblemError(response.status, problem, response.headers.get('retry-after') ?? undefined);
  }

  /** What to do next, in one sentence. */
  get whatToDo(): string {
    return whatToDo(this.status, this.problem, this.retryAfter);
  }
}

/** The hub could not be reached at all (nothing listens, wrong host, TLS failure). */
export class HubUnreachableError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`Could not reach the hub at ${url}: ${reason}`);
  }

  get whatToDo(): string {
    return 'Start the hub (`npm start`, or `npm run demo`), or point the CLI at it with --url / CRM_HUB_URL.';
  }
}

/** Advice per status; a few details that users meet first get a sharper one. */
export function whatToDo(status: number, problem: ProblemDocument, retryAfter?: string): string {
  const detail = `${problem.detail ?? ''} ${(problem.errors ?? []).map((e) => e.message ?? '').join(' ')}`;
  if (status === 401) return 'Check the API key (--api-key or CRM_HUB_API_KEY): use one of HUB_API_KEYS, the key the hub printed on its first start, or one an admin made with `crm-hub keys create`.';
  if (status === 403) return 'Use a key with the scope (or the accounts) named above: an admin makes one with `crm-hub keys create`.';
  if (status === 400 && /https/i.test(detail)) return 'CRM URLs must start with https:// (the hub never connects over plain http). Fix the setting and run the command again.';
  if (status === 400) return 'Fix the fields named above and run the command again: nothing was changed.';
  if (status === 404) return 'Check the id or name: the matching `list` command shows what exists.';
  if (status === 409) return 'The detail above says what is in the way (a run in progress, a schema or job using it): deal with that first.';
  if (status === 413) return 'Send less at once: the hub takes request bodies of at most 1 MiB.';
  if (status === 429 || status === 503) return `The hub is busy: run the command again${retryAfter ? ` in ${retryAfter} s` : ' shortly'}.`;
  if (status >= 500) return "The hub failed to answer: its log (JSON lines on its stdout) says why.";
  return 'See the detail above.';
}

/** Why a fetch failed, without the addresses and ports Node's network errors name. */
export function unreachableReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? '';
  if (code === 'ECONNREFUSED') return 'connection refused (is the hub running?)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host name not found';
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return 'timed out';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was closed';
  if (/certificate|self[- ]signed|CERT_/i.test(`${code} ${cause?.message ?? ''}`)) return "its TLS certificate is not trusted (set NODE_EXTRA_CA_CERTS to the hub's CA)";
  return cause?.message ?? (error as Error).message ?? 'unknown network error';
}
