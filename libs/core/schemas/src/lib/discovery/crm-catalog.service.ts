import { AccountsService, ConnectorSessions, type ExternalAccountEntity } from '@crm-hub/accounts';
import type { CrmCatalog, CrmEnum, CrmObject } from '@crm-hub/plugin-sdk';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { SCHEMAS_OPTIONS, type SchemasOptions } from '../schemas.options';
import { crmFailureToHttp } from './crm-errors';

interface Cached<T> {
  value: T;
  expiresAt: number;
}

/** An object's describe with the picklists its fields refer to. */
export interface DescribedObject {
  object: CrmObject;
  enums: CrmEnum[];
}

/**
 * The CRM's catalog of an account, through its plugin: the list of objects and per-object describes,
 * cached for `describeTtlMs` per account (a change of the account's settings starts afresh).
 */
@Injectable()
export class CrmCatalogService {
  private readonly cache = new Map<string, Cached<unknown>>();

  constructor(
    @Inject(SCHEMAS_OPTIONS) private readonly options: SchemasOptions,
    private readonly accounts: AccountsService,
    private readonly sessions: ConnectorSessions,
  ) {}

  async listObjects(accountId: string, refresh = false): Promise<CrmObject[]> {
    const account = await this.accounts.findEntity(accountId);
    return this.cached(account, '*', refresh, async () => (await this.discover(account, undefined, 'Listing the CRM objects')).objects);
  }

  /** One object; 404 naming it when the CRM has no such object. */
  async describe(accountId: string, objectName: string, refresh = false): Promise<DescribedObject> {
    const [described] = await this.describeMany(accountId, [objectName], refresh);
    return described as DescribedObject;
  }

  /**
   * Several objects, asking the CRM only for those not cached. Names match the CRM's whatever their
   * case (Salesforce takes `contact` for `Contact`, as the plugin does): the object comes back under
   * the CRM's own name, and an exact match wins over a case-insensitive one.
   */
  async describeMany(accountId: string, objectNames: string[], refresh = false): Promise<DescribedObject[]> {
    const account = await this.accounts.findEntity(accountId);
    const key = (name: string) => `object:${name.toLowerCase()}`;
    const missing = objectNames.filter((name) => refresh || !this.peek(account, key(name)));
    if (missing.length > 0) {
      const catalog = await this.discover(account, missing, `Describing ${missing.join(', ')}`);
      for (const name of missing) {
        const object = catalog.objects.find((o) => o.name === name) ?? catalog.objects.find((o) => o.name.toLowerCase() === name.toLowerCase());
        if (!object) {
          throw new NotFoundException(`The CRM of account '${account.name}' has no object '${name}' (see GET /api/accounts/${account.id}/objects)`);
        }
        const enumIds = new Set(object.fields.map((f) => f.enumId).filter(Boolean));
        this.store(account, key(name), { object, enums: catalog.enums.filter((e) => enumIds.has(e.id)) });
      }
    }
    return objectNames.map((name) => this.peek(account, key(name)) as DescribedObject);
  }

  private async cached<T>(account: ExternalAccountEntity, key: string, refresh: boolean, load: () => Promise<T>): Promise<T> {
    const hit = refresh ? undefined : this.peek(account, key);
    if (hit !== undefined) return hit as T;
    const value = await load();
    this.store(account, key, value);
    return value;
  }

  private peek(account: ExternalAccountEntity, key: string): unknown {
    const entry = this.cache.get(this.cacheKey(account, key));
    return entry && entry.expiresAt > Date.now() ? entry.value : undefined;
  }

  private store(account: ExternalAccountEntity, key: string, value: unknown): void {
    this.cache.set(this.cacheKey(account, key), { value, expiresAt: Date.now() + this.options.describeTtlMs });
  }

  private cacheKey(account: ExternalAccountEntity, key: string): string {
    return `${account.id}\u0000${account.updatedAt.toISOString()}\u0000${key}`;
  }

  private async discover(account: ExternalAccountEntity, objects: string[] | undefined, doing: string): Promise<CrmCatalog> {
    try {
      const session = await this.sessions.open(account);
      try {
        return await session.connector.discover(objects ? { objects } : {});
      } finally {
        await session.close();
      }
    } catch (error) {
      throw crmFailureToHttp(error, account.name, doing);
    }
  }
}
