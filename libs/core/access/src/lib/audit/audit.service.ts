import { HttpException, Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request } from 'express';
import { And, In, LessThan, type FindOptionsWhere, LessThanOrEqual, Like, MoreThanOrEqual, type Repository } from 'typeorm';
import { AUDIT_ACTION, type AuditSpec, OWNED_BY, type OwnedResource } from '../access.decorators';
import { ACCESS_OPTIONS, type AccessOptions } from '../access.options';
import type { CallerKey } from '../caller-key';
import { ResourceRegistry, type ResourceKind } from '../resource-registry';
import { diffViews, requestedChanges, secretChanges, withoutSecretStates } from './audit-changes';
import { type AuditChanges, AuditEntryEntity } from './audit-entry.entity';
import type { AuditEntryView, AuditPageView, AuditQueryDto } from './dto/audit.dto';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const PRUNE_EVERY_MS = 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

/** What is known of a change before its handler runs. */
export interface PendingChange {
  at: Date;
  key: CallerKey;
  spec: AuditSpec;
  request: Request;
  statusOnSuccess: number;
  resourceId: string | undefined;
  accountId: string | undefined;
  before: object | undefined;
}

/** Whether a request changes something (and is therefore audited). */
export function isMutating(method: string): boolean {
  return MUTATING.has(method.toUpperCase());
}

/**
 * The audit log: every change made through the API — who (the key's prefix and name), what, what
 * changed and how it ended — written before the answer is sent. Entries are never changed; entries
 * older than the retention are removed hourly.
 */
@Injectable()
export class AuditService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Audit');
  private pruner: NodeJS.Timeout | undefined;

  constructor(
    @Inject(ACCESS_OPTIONS) private readonly options: AccessOptions,
    @InjectRepository(AuditEntryEntity) private readonly entries: Repository<AuditEntryEntity>,
    private readonly resources: ResourceRegistry,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    void this.pruneQuietly();
    this.pruner = setInterval(() => void this.pruneQuietly(), PRUNE_EVERY_MS);
    this.pruner.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.pruner);
  }

  /** Reads what the change is about before its handler runs (the resource's state, its account). */
  async begin(context: ExecutionContext, request: Request, key: CallerKey): Promise<PendingChange> {
    const spec = this.specOf(context, request);
    const owned = this.reflector.get<OwnedResource[] | undefined>(OWNED_BY, context.getHandler()) ?? [];
    const resourceId = spec.resource ? paramOf(request, spec.idParam ?? 'id') : undefined;
    const accountId = await this.accountOf(owned, request);
    const before = spec.resource && resourceId && isSnapshotKind(spec.resource) ? await this.resources.snapshot(spec.resource, resourceId) : undefined;
    const declared = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler());
    return { at: new Date(), key, spec, request, statusOnSuccess: declared ?? (request.method === 'POST' ? 201 : 200), resourceId, accountId, before };
  }

  /** Records how a change ended. */
  async finish(pending: PendingChange, outcome: { answer: unknown } | { error: unknown }): Promise<void> {
    const { spec, request } = pending;
    const answerId = 'answer' in outcome ? idOf(outcome.answer) : undefined;
    const resourceId = pending.resourceId ?? (spec.resource ? answerId : undefined);
    const requested = { ...requestedChanges(request.body), ...queryChanges(request.query) };
    let changes: AuditChanges = requested;
    if ('answer' in outcome && spec.resource && isSnapshotKind(spec.resource)) {
      // An action on an existing resource records what was asked (and its diff if it changes it);
      // a creation, an update or a deletion records the resource as it was and as it is now.
      const action = request.method === 'POST' && pending.resourceId !== undefined;
      if (!action || spec.diff) {
        const after = resourceId ? await this.resources.snapshot(spec.resource, resourceId) : undefined;
        const diff = { ...withoutSecretStates(diffViews(pending.before, after)), ...secretChanges(request.body) };
        changes = action ? { ...requested, ...diff } : { ...diff, ...queryChanges(request.query) };
      }
    }
    if (answerId && answerId !== resourceId) changes['answer.id'] = { to: answerId };
    const accountId = pending.accountId ?? (spec.resource === 'account' ? resourceId : undefined) ?? accountIdOf('answer' in outcome ? outcome.answer : undefined);
    await this.write(pending, {
      resourceId: resourceId ?? null,
      accountId: accountId ?? null,
      changes,
      ...('error' in outcome ? failure(outcome.error) : { outcome: 'succeeded' as const, status: pending.statusOnSuccess, error: null }),
    });
  }

  /** Records a change the access guard refused (scope, or another account's resource). */
  async recordRefusal(context: ExecutionContext, request: Request, key: CallerKey, error: HttpException): Promise<void> {
    if (!isMutating(request.method)) return;
    const spec = this.specOf(context, request);
    const pending: PendingChange = { at: new Date(), key, spec, request, statusOnSuccess: 0, resourceId: spec.resource ? paramOf(request, spec.idParam ?? 'id') : undefined, accountId: undefined, before: undefined };
    await this.write(pending, { resourceId: pending.resourceId ?? null, accountId: null, changes: requestedChanges(request.body), ...failure(error) });
  }

  async list(query: AuditQueryDto, accounts: string[] | undefined): Promise<AuditPageView> {
    const limit = query.limit ?? 50;
    const where: FindOptionsWhere<AuditEntryEntity> = {};
    const at = [query.since ? MoreThanOrEqual(new Date(query.since)) : undefined, query.until ? LessThan(new Date(query.until)) : undefined].filter((c) => c !== undefined);
    if (at.length) where.at = at.length === 1 ? at[0] : And(...at);
    if (query.before) where.seq = LessThanOrEqual(Number(query.before) - 1);
    if (query.keyId) where.keyId = query.keyId;
    if (query.action) where.action = query.action.endsWith('.') ? Like(`${query.action}%`) : query.action;
    if (query.resourceType) where.resourceType = query.resourceType;
    if (query.resourceId) where.resourceId = query.resourceId;
    if (query.outcome) where.outcome = query.outcome;
    if (accounts) {
      const visible = query.accountId ? accounts.filter((a) => a === query.accountId) : accounts;
      where.accountId = In(visible);
    } else if (query.accountId) {
      where.accountId = query.accountId;
    }
    const rows = await this.entries.find({ where, order: { seq: 'DESC' }, take: limit + 1 });
    const page = rows.slice(0, limit);
    return { entries: page.map(toView), next: rows.length > limit ? String(page[page.length - 1]?.seq) : null };
  }

  /** Removes entries older than the retention; returns how many. */
  async prune(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.options.auditRetentionDays * DAY_MS);
    const result = await this.entries.delete({ at: LessThan(cutoff) });
    return result.affected ?? 0;
  }

  private async pruneQuietly(): Promise<void> {
    try {
      const removed = await this.prune();
      if (removed > 0) this.logger.log(`Removed ${removed} audit entries older than ${this.options.auditRetentionDays} days (HUB_AUDIT_RETENTION_DAYS)`);
    } catch (error) {
      this.logger.warn(`Could not prune the audit log: ${(error as Error).message}`);
    }
  }

  private specOf(context: ExecutionContext, request: Request): AuditSpec {
    return this.reflector.get<AuditSpec | undefined>(AUDIT_ACTION, context.getHandler()) ?? { action: `${request.method} ${request.route?.path ?? request.path}` };
  }

  private async accountOf(owned: OwnedResource[], request: Request): Promise<string | undefined> {
    for (const o of owned) {
      const id = o.param ? paramOf(request, o.param) : (request.body as Record<string, unknown> | undefined)?.[o.body as string];
      if (typeof id !== 'string') continue;
      const owner = await this.resources.ownerOf(o.kind, id).catch(() => undefined);
      if (owner) return owner;
    }
    return undefined;
  }

  private async write(pending: PendingChange, fields: Pick<AuditEntryEntity, 'resourceId' | 'accountId' | 'changes' | 'outcome' | 'status' | 'error'>): Promise<void> {
    const { key, request, spec } = pending;
    const entry = this.entries.create({
      at: pending.at,
      keyId: key.id,
      keyPrefix: key.prefix,
      keyName: key.name,
      action: spec.action.slice(0, 60),
      method: request.method,
      path: (request.originalUrl.split('?')[0] ?? '').slice(0, 500),
      resourceType: spec.resource ?? null,
      ...fields,
      // Belt and braces: any known secret that slipped into a value (an error text quoting one) is masked.
      changes: fields.changes && Object.keys(fields.changes).length ? this.options.redactor.redactValue(fields.changes) : null,
      error: fields.error ? this.options.redactor.redactValue(fields.error).slice(0, 2_000) : null,
    });
    try {
      await this.entries.save(entry, { reload: false });
    } catch (error) {
      // The change itself is done; failing its answer now would only make the caller retry it.
      this.logger.error(`Could not write the audit entry of ${entry.method} ${entry.path}: ${(error as Error).message}`);
    }
  }
}

function paramOf(request: Request, name: string): string | undefined {
  const value = request.params[name];
  return typeof value === 'string' ? value : undefined;
}

function isSnapshotKind(resource: string): resource is ResourceKind {
  return ['account', 'schema', 'job', 'run', 'key'].includes(resource);
}

function idOf(answer: unknown): string | undefined {
  if (!answer || typeof answer !== 'object') return undefined;
  const { id, hubId } = answer as Record<string, unknown>;
  return typeof id === 'string' ? id : typeof hubId === 'string' ? hubId : undefined;
}

/** Query parameters of a change (`?dropTable=true`, `?hard=true`), as requested values. */
function queryChanges(query: Request['query']): AuditChanges {
  return Object.fromEntries(Object.entries(query ?? {}).map(([name, value]) => [`query.${name}`, { to: value }]));
}

function accountIdOf(answer: unknown): string | undefined {
  const id = answer && typeof answer === 'object' ? (answer as Record<string, unknown>)['accountId'] : undefined;
  return typeof id === 'string' ? id : undefined;
}

function failure(error: unknown): { outcome: 'failed'; status: number; error: string } {
  if (error instanceof HttpException) {
    const body = error.getResponse();
    const message = typeof body === 'object' && body !== null && 'message' in body ? (body as { message: unknown }).message : error.message;
    return { outcome: 'failed', status: error.getStatus(), error: Array.isArray(message) ? message.join('; ') : String(message) };
  }
  return { outcome: 'failed', status: 500, error: error instanceof Error ? error.message : String(error) };
}

function toView(row: AuditEntryEntity): AuditEntryView {
  return {
    id: String(row.seq),
    at: row.at.toISOString(),
    key: { id: row.keyId, prefix: row.keyPrefix, name: row.keyName },
    action: row.action,
    method: row.method,
    path: row.path,
    resourceType: row.resourceType,
    resourceId: row.resourceId,
    accountId: row.accountId,
    changes: row.changes,
    outcome: row.outcome,
    status: row.status,
    error: row.error,
  };
}
