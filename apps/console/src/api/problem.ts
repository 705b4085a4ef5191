import type { components } from '../generated/hub-api';

export type Problem = components['schemas']['ProblemDetails'];

/** What went wrong, in the hub's words: a problem+json body, or what the browser saw. */
export class HubError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
  }

  /** The message the hub gave for one field (`config.loginUrl`, `name`…), if any. */
  fieldMessage(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field)?.message;
  }

  /** Field errors whose field starts with `prefix` (e.g. `config.`), keyed by the rest of the name. */
  fieldMessages(prefix = ''): Record<string, string> {
    const found: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) {
      if (e.field?.startsWith(prefix) && e.message) found[e.field.slice(prefix.length)] ??= e.message;
    }
    return found;
  }
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && typeof (body as Problem).status === 'number' && typeof (body as Problem).title === 'string';
}

/**
 * Unwraps an openapi-fetch answer: the data, or a `HubError` carrying the problem+json the hub
 * sent (any other failure becomes a problem of its own, so screens have one way to show errors).
 */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let answer: Awaited<typeof call>;
  try {
    answer = await call;
  } catch (error) {
    throw new HubError({ type: 'about:blank', title: 'The hub cannot be reached', status: 0, detail: `The hub cannot be reached (${(error as Error).message}): check that it is running` });
  }
  const { data, error, response } = answer;
  if (response.ok) return data as T;
  if (isProblem(error)) throw new HubError(error);
  throw new HubError({ type: 'about:blank', title: response.statusText, status: response.status, detail: `The hub answered ${response.status} ${response.statusText}` });
}
