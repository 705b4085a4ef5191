import { Connection } from 'jsforce/lib/connection';
import type { Schema } from 'jsforce/lib/types';
import type { Transport } from 'jsforce/lib/transport';
import type { TokenGrant } from './token-grants';
import type { SessionInfo } from './token-response';

/**
 * A signed-in jsforce `Connection` and the session it carries.
 *
 * @example
 * ```ts
 * const { conn, info } = await session.current();
 * ```
 */
export interface ActiveSession {
  conn: Connection<Schema>;
  info: SessionInfo;
}

/**
 * The connector's Salesforce session: signs in on first use (never in `createConnector()`), and
 * signs in again when a call comes back 401 — once per stale token, shared by every call that
 * saw it (single flight), so a burst of 401s costs one token request. Each new token brings its
 * own `instance_url`, which every later call uses (the REST client resolves paths against the
 * current session on each attempt).
 *
 * The jsforce `Connection` is only a session holder here: created with jsforce's logging off and
 * our transport in place of its node-fetch one.
 *
 * @example
 * ```ts
 * const session = new SalesforceSession(grant, transport, '62.0');
 * const { conn } = await session.current();
 * // after a 401 INVALID_SESSION_ID:
 * await session.renew(conn.accessToken);
 * ```
 */
export class SalesforceSession {
  private active: ActiveSession | undefined;
  private pending: Promise<ActiveSession> | undefined;

  constructor(
    private readonly grant: TokenGrant,
    private readonly transport: Transport,
    private readonly apiVersion: string,
  ) {}

  /** The flow this session signs in with. */
  get flow(): TokenGrant['flow'] {
    return this.grant.flow;
  }

  /** The session, signing in when there is none yet. */
  current(): Promise<ActiveSession> {
    if (this.active) return Promise.resolve(this.active);
    return this.signIn();
  }

  /** The last session established, without signing in. */
  peek(): SessionInfo | undefined {
    return this.active?.info;
  }

  /**
   * A new session because `staleToken` was refused. When another call already replaced that
   * token, the newer session is returned without a new sign-in.
   */
  renew(staleToken: string | null | undefined): Promise<ActiveSession> {
    if (this.active && this.active.info.accessToken !== staleToken) return Promise.resolve(this.active);
    this.active = undefined;
    return this.signIn();
  }

  /** Forgets the session (dispose): the next call signs in again. */
  clear(): void {
    this.active = undefined;
  }

  private signIn(): Promise<ActiveSession> {
    this.pending ??= this.grant
      .signIn()
      .then((info) => {
        const conn = new Connection<Schema>({
          instanceUrl: info.instanceUrl,
          accessToken: info.accessToken,
          version: this.apiVersion,
          logLevel: 'NONE',
        });
        conn._transport = this.transport;
        this.active = { conn, info };
        return this.active;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }
}
