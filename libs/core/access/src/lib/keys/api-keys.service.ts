import { BadRequestException, ConflictException, Inject, Injectable, Logger, NotFoundException, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { IsNull, type Repository } from 'typeorm';
import { ACCESS_OPTIONS, type AccessOptions } from '../access.options';
import type { CallerKey } from '../caller-key';
import { ResourceRegistry } from '../resource-registry';
import { ApiKeyEntity } from './api-key.entity';
import type { CreateKeyDto, CreatedKeyView, KeyView } from './dto/key.dto';
import { keyHash, newKeySecret, shownPrefix } from './key-secret';

/** Last-used times are written at most this often per key and process: not on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** Why a presented key opens nothing (the 401's detail). */
export type KeyRefusal = 'unknown' | 'revoked' | 'expired';

interface BootstrapKey {
  hash: Buffer;
  caller: CallerKey;
}

/**
 * API keys: those of HUB_API_KEYS (admin, every account, for as long as they are configured) and
 * those stored in the database, created, limited and revoked through `/api/keys`. Stored keys are
 * looked up on every request, so a revocation holds at once in every hub process sharing the
 * database. On a start with neither a HUB_API_KEYS key nor a usable stored admin key, a new admin
 * key is printed once to the console and stored only as a hash.
 */
@Injectable()
export class ApiKeysService implements OnModuleInit {
  private readonly logger = new Logger('Auth');
  private bootstrap: BootstrapKey[] = [];
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(
    @Inject(ACCESS_OPTIONS) private readonly options: AccessOptions,
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    private readonly resources: ResourceRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    this.resources.register('key', { snapshot: (id) => this.get(id) });
    this.bootstrap = this.options.bootstrapKeys.map((key, i) => ({
      hash: keyHash(key),
      // Operators choose these keys (24 characters at least): show only 4 of them, not the 12 shown of a generated key.
      caller: { id: `env:${i + 1}`, prefix: key.slice(0, 4), name: `HUB_API_KEYS #${i + 1}`, scope: 'admin', accounts: null },
    }));
    const stored = await this.keys.findBy({ revokedAt: IsNull() });
    const usable = stored.filter((k) => isActive(k, new Date()));
    if (this.bootstrap.length === 0 && !usable.some((k) => k.scope === 'admin' && k.accounts === null)) {
      usable.push(await this.generate());
    }
    const described = [
      ...(this.bootstrap.length ? [`${this.bootstrap.length} key(s) from HUB_API_KEYS`] : []),
      ...(usable.length ? [`${usable.length} stored key(s) (${usable.slice(0, 5).map((k) => `${k.keyPrefix}… ${k.scope}`).join(', ')}${usable.length > 5 ? ', …' : ''})`] : []),
    ];
    this.logger.log(`API access: ${described.join(' and ')}`);
  }

  /** The key behind a presented secret, or why it opens nothing. */
  async authenticate(presented: string): Promise<CallerKey | KeyRefusal> {
    const hash = keyHash(presented);
    const fromEnv = this.bootstrap.reduce<CallerKey | undefined>((found, k) => (timingSafeEqual(k.hash, hash) ? k.caller : found), undefined);
    if (fromEnv) return fromEnv;
    const row = await this.keys.findOneBy({ keyHash: hash.toString('hex') });
    if (!row) return 'unknown';
    if (row.revokedAt) return 'revoked';
    const now = new Date();
    if (row.expiresAt && row.expiresAt <= now) return 'expired';
    this.noteUse(row.id, now);
    return toCaller(row);
  }

  async list(): Promise<KeyView[]> {
    const stored = await this.keys.find({ order: { createdAt: 'ASC' } });
    const now = new Date();
    return [...this.bootstrap.map((k) => environmentView(k.caller)), ...stored.map((k) => toView(k, now))];
  }

  async get(id: string): Promise<KeyView> {
    const fromEnv = this.bootstrap.find((k) => k.caller.id === id);
    if (fromEnv) return environmentView(fromEnv.caller);
    const row = await this.keys.findOneBy({ id });
    if (!row) throw new NotFoundException(`API key ${id} not found`);
    return toView(row, new Date());
  }

  async create(dto: CreateKeyDto): Promise<CreatedKeyView> {
    const now = new Date();
    const expiresAt = dto.expiresAt ? new Date(dto.expiresAt) : null;
    if (expiresAt && expiresAt <= now) {
      throw new BadRequestException({ message: 'expiresAt is in the past: give a future date-time, or omit it for a key that does not expire', errors: [{ field: 'expiresAt', message: 'must be in the future' }] });
    }
    const accounts = dto.accounts ? [...new Set(dto.accounts)] : null;
    for (const id of accounts ?? []) {
      if ((await this.resources.ownerOf('account', id)) === undefined) {
        throw new BadRequestException({ message: `accounts names ${id}, which is not an account: list them with GET /api/accounts`, errors: [{ field: 'accounts', message: `${id} is not an account` }] });
      }
    }
    const { row, key } = await this.store({ name: dto.name.trim(), scope: dto.scope, accounts, createdAt: now, expiresAt });
    return { ...toView(row, now), key };
  }

  /** Revokes a stored key at once (it stays listed, as revoked). */
  async revoke(id: string): Promise<KeyView> {
    if (this.bootstrap.some((k) => k.caller.id === id)) {
      throw new ConflictException(`API key ${id} comes from HUB_API_KEYS: remove it there and restart the hub processes`);
    }
    const row = await this.keys.findOneBy({ id });
    if (!row) throw new NotFoundException(`API key ${id} not found`);
    const now = new Date();
    if (row.revokedAt) return toView(row, now);
    if (this.bootstrap.length === 0 && isAllAccountsAdmin(row) && isActive(row, now)) {
      const others = (await this.keys.findBy({ revokedAt: IsNull(), scope: 'admin' })).filter((k) => k.id !== id && isAllAccountsAdmin(k) && isActive(k, now));
      if (others.length === 0) {
        throw new ConflictException(`API key ${row.keyPrefix}… is the last admin key for every account: create another one first, or nobody could manage the hub`);
      }
    }
    row.revokedAt = now;
    await this.keys.update({ id }, { revokedAt: now });
    return toView(row, now);
  }

  /** Makes and stores a new key: only its hash is kept, and the process's redactor learns the key. */
  private async store(fields: Pick<ApiKeyEntity, 'name' | 'scope' | 'accounts' | 'createdAt' | 'expiresAt'>): Promise<{ row: ApiKeyEntity; key: string }> {
    const key = newKeySecret();
    this.options.redactor.add(key);
    const row = await this.keys.save(
      this.keys.create({ id: randomUUID(), keyHash: keyHash(key).toString('hex'), keyPrefix: shownPrefix(key), ...fields, lastUsedAt: null, revokedAt: null }),
    );
    return { row, key };
  }

  /** Records a use, at most once a minute per key and process, without holding the request. */
  private noteUse(id: string, now: Date): void {
    const last = this.lastUsedWritten.get(id) ?? 0;
    if (now.getTime() - last < LAST_USED_RESOLUTION_MS) return;
    this.lastUsedWritten.set(id, now.getTime());
    this.keys.update({ id }, { lastUsedAt: now }).catch((error: Error) => this.logger.warn(`Could not record the last use of an API key: ${error.message}`));
  }

  private async generate(): Promise<ApiKeyEntity> {
    const { row: entity, key } = await this.store({ name: 'generated on first start', scope: 'admin', accounts: null, createdAt: new Date(), expiresAt: null });
    // Printed straight to the console, once, outside the structured log: it is the only copy.
    process.stdout.write(
      [
        '',
        '======================================================================',
        ' CRM Hub generated an API key. It is shown only this once: store it.',
        `   ${key}`,
        ' Send it as:  Authorization: Bearer <key>',
        ' Create scoped keys with POST /api/keys (or crm-hub keys create).',
        '======================================================================',
        '',
      ].join('\n') + '\n',
    );
    return entity;
  }
}

function isActive(key: ApiKeyEntity, now: Date): boolean {
  return !key.revokedAt && (!key.expiresAt || key.expiresAt > now);
}

function isAllAccountsAdmin(key: ApiKeyEntity): boolean {
  return key.scope === 'admin' && key.accounts === null;
}

function toCaller(row: ApiKeyEntity): CallerKey {
  return { id: row.id, prefix: row.keyPrefix, name: row.name, scope: row.scope, accounts: row.accounts };
}

function toView(row: ApiKeyEntity, now: Date): KeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.keyPrefix,
    scope: row.scope,
    accounts: row.accounts,
    source: 'stored',
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    status: row.revokedAt ? 'revoked' : row.expiresAt && row.expiresAt <= now ? 'expired' : 'active',
  };
}

function environmentView(caller: CallerKey): KeyView {
  return { id: caller.id, name: caller.name, prefix: caller.prefix, scope: 'admin', accounts: null, source: 'environment', createdAt: null, expiresAt: null, lastUsedAt: null, revokedAt: null, status: 'active' };
}
