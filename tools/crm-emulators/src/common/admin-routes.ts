import type { EmulatorRequest, EmulatorResponse, HttpsEmulator } from './https-emulator';

/** A JSON body of the control interface. */
export type AdminBody = Record<string, unknown>;

/** What an admin route's handler gets; its result is the answer (200 with it, or 204 for undefined). */
export type AdminHandler = (req: EmulatorRequest, body: AdminBody) => unknown;

/** Seed answers list the ids only up to this many records (a million ids is 20 MB of JSON). */
const MAX_IDS_IN_ANSWER = 10_000;

/**
 * Registers routes of an emulator's control interface: `/__emulator/…`, no authentication, never
 * counted, throttled nor faulted (the `null` endpoint kind). A handler that throws answers 400 `{error}`.
 *
 * @example
 * ```ts
 * const admin = adminRouter(server);
 * admin('GET', '/state', () => ({ url: emulator.url }));
 * ```
 */
export function adminRouter(server: HttpsEmulator): (method: string, path: string, handler: AdminHandler) => void {
  return (method, path, handler) =>
    server.route(method, `/__emulator${path}`, null, (req): EmulatorResponse => {
      try {
        const body = req.body.length ? req.json<AdminBody>() : {};
        const result = handler(req, body);
        return result === undefined ? { status: 204 } : { status: 200, body: result as object };
      } catch (error) {
        return { status: 400, body: { error: error instanceof Error ? error.message : String(error) } };
      }
    });
}

/**
 * The answer of a seed call: the count, and the ids unless there are too many.
 *
 * @example
 * ```ts
 * seedAnswer(['1', '2']); // { count: 2, ids: ['1', '2'] }
 * ```
 */
export function seedAnswer(ids: string[]): { count: number; ids?: string[]; firstId?: string; lastId?: string } {
  return { count: ids.length, ...(ids.length <= MAX_IDS_IN_ANSWER ? { ids } : { firstId: ids[0], lastId: ids[ids.length - 1] }) };
}
