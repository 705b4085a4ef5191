import { randomBytes } from 'node:crypto';
import type { EmulatorClock } from '../../common/clock';
import type { EmulatorRequest } from '../../common/https-emulator';
import { invalidSession } from '../errors';

export interface Session {
  token: string;
  /** The instance the token was issued for; it works there only. */
  instanceUrl: string;
  lastActivityMs: number;
  revoked: boolean;
}

/**
 * Access tokens: opaque `<orgId>!<random>` strings, valid on the instance they were issued for,
 * expiring after `lifetimeMs` of emulator-clock inactivity (Salesforce's session timeout: a
 * successful call resets it). https://help.salesforce.com/s/articleView?id=sf.admin_sessions_timeout.htm
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly clock: EmulatorClock,
    private readonly lifetimeMs: number,
    private readonly orgId: string,
  ) {}

  issue(instanceUrl: string): Session {
    const session = { token: `${this.orgId.slice(0, 15)}!${randomBytes(48).toString('base64url')}`, instanceUrl, lastActivityMs: this.clock.nowMs(), revoked: false };
    this.sessions.set(session.token, session);
    return session;
  }

  /** The session of an API request (Bearer / OAuth header, or `oauth_token` for identity URLs), else 401. */
  authenticate(req: EmulatorRequest, anyHost = false): Session {
    const header = req.headers.authorization ?? '';
    const match = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header);
    const session = this.lookup(match?.[1] ?? req.url.searchParams.get('oauth_token') ?? '');
    if (!session) throw invalidSession();
    if (!anyHost && session.instanceUrl !== `https://${req.headers.host ?? ''}`) throw invalidSession();
    session.lastActivityMs = this.clock.nowMs();
    return session;
  }

  /** A live session by token, wherever it was issued. */
  lookup(token: string): Session | undefined {
    const session = this.sessions.get(token);
    if (!session || session.revoked || this.clock.nowMs() - session.lastActivityMs >= this.lifetimeMs) return undefined;
    return session;
  }

  expireAll(): void {
    for (const session of this.sessions.values()) session.revoked = true;
  }
}
