import { Injectable } from '@nestjs/common';

/** The kinds of resource that belong to an account (directly or through what they hang off). */
export type ResourceKind = 'account' | 'schema' | 'job' | 'run' | 'key';

/** What a feature tells the access layer about one kind of its resources. */
export interface ResourceDescriptor {
  /** The account the resource belongs to; undefined when it does not exist. */
  ownerOf?(id: string): Promise<string | undefined>;
  /**
   * The resource as the API shows it (no secret), for the audit log's before/after diff;
   * undefined when it does not exist.
   */
  snapshot?(id: string): Promise<object | undefined>;
  /**
   * Which settings of a request body's `config` are secrets (an account's credentials), so that the
   * audit log records them only as changed; undefined when it cannot tell (every setting is then
   * recorded without its value).
   */
  secretSettings?(body: Record<string, unknown>, id: string | undefined): Promise<string[] | undefined>;
}

/** The settings of a request's `config` that are secrets: their names, or all of them when unknown. */
export type SecretSettings = ReadonlySet<string> | 'all';

/**
 * Features register their resource kinds here (as they register account users), so that the access
 * guard can tell which account a schema, job or run belongs to, and the audit log can say what a
 * change changed, without the access layer knowing their tables.
 */
@Injectable()
export class ResourceRegistry {
  private readonly kinds = new Map<ResourceKind, ResourceDescriptor>();

  register(kind: ResourceKind, descriptor: ResourceDescriptor): void {
    this.kinds.set(kind, { ...this.kinds.get(kind), ...descriptor });
  }

  /** Whether a feature shows this kind of resource (so that a change can be recorded as a before/after diff). */
  describes(kind: string): boolean {
    return this.kinds.get(kind as ResourceKind)?.snapshot !== undefined;
  }

  /** The account a resource belongs to; undefined when it does not exist or its kind belongs to none (keys). */
  async ownerOf(kind: string, id: string): Promise<string | undefined> {
    if (!this.kinds.has(kind as ResourceKind)) throw new Error(`no feature registered the resource kind ${kind}`);
    return this.kinds.get(kind as ResourceKind)?.ownerOf?.(id);
  }

  /** The secret settings of a change's body (none for kinds without secrets). */
  async secretSettings(kind: string | undefined, body: unknown, id: string | undefined): Promise<SecretSettings> {
    const find = kind ? this.kinds.get(kind as ResourceKind)?.secretSettings : undefined;
    if (!find || !body || typeof body !== 'object') return new Set();
    try {
      const names = await find(body as Record<string, unknown>, id);
      return names ? new Set(names) : 'all';
    } catch {
      return 'all';
    }
  }

  async snapshot(kind: string, id: string): Promise<object | undefined> {
    const snapshot = this.kinds.get(kind as ResourceKind)?.snapshot;
    if (!snapshot) return undefined;
    try {
      return await snapshot(id);
    } catch {
      return undefined; // a resource that is gone (or never was) has no state to compare
    }
  }
}
