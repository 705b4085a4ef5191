import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from '../generated/hub-api';
import type { HubConnection } from './connection';
import { HubProblemError, HubUnreachableError, unreachableReason } from './hub-problem';

/** A client of the hub's REST API, typed by its OpenAPI document (src/generated/hub-api.d.ts). */
export type HubClient = Client<paths>;

/** The document's schemas, by name (`Schema<'RunView'>`). */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** What openapi-fetch resolves every call to. */
interface FetchOutcome {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** A connected client, with the URL kept for error messages. */
export interface Hub {
  api: HubClient;
  url: string;
}

export function connectToHub(connection: HubConnection): Hub {
  const api = createClient<paths>({ baseUrl: connection.url, headers: { authorization: `Bearer ${connection.apiKey}` } });
  return { api, url: connection.url };
}

/**
 * Waits for a call and returns its body, or throws the hub's problem ({@link HubProblemError}) or
 * why the hub could not be reached ({@link HubUnreachableError}).
 */
export async function answer<Outcome extends FetchOutcome>(hub: Hub, call: Promise<Outcome>): Promise<Exclude<Outcome['data'], undefined>> {
  let outcome: Outcome;
  try {
    outcome = await call;
  } catch (error) {
    throw new HubUnreachableError(hub.url, unreachableReason(error));
  }
  if (!outcome.response.ok) throw HubProblemError.from(outcome.response, outcome.error);
  return outcome.data as Exclude<Outcome['data'], undefined>;
}

/**
 * The same for the few routes whose answer the OpenAPI document does not describe yet (discovery,
 * picklists, drift): the caller names the type it expects (see `undocumented-answers.ts`).
 */
export async function answerAs<T>(hub: Hub, call: Promise<FetchOutcome>): Promise<T> {
  let outcome: FetchOutcome;
  try {
    outcome = await call;
  } catch (error) {
    throw new HubUnreachableError(hub.url, unreachableReason(error));
  }
  if (!outcome.response.ok) throw HubProblemError.from(outcome.response, outcome.error);
  // openapi-fetch reads a body only when the document declares one: read it here.
  return (outcome.data ?? (await outcome.response.clone().json())) as T;
}
