import { HttpException, Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request } from 'express';
import type { Repository } from 'typeorm';
import { AUDIT_ACTION, type AuditSpec } from '../access.decorators';
import { paramOf, touchedResources } from '../owned-resources';
import { ACCESS_OPTIONS, type AccessOptions } from '../access.options';
import type { CallerKey } from '../caller-key';
import { ResourceRegistry, type SecretSettings } from '../resource-registry';
import { diffViews, requestedChanges, secretChanges, withoutSecretStates } from './audit-changes';
import { type AuditChanges, AuditEntryEntity } from './audit-entry.entity';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Outcome = Pick<AuditEntryEntity, 'resourceId' | 'accountId' | 'changes' | 'outcome' | 'status' | 'error'>;

/** A change under way: its entry is written (as pending) before the handler runs. */
export interface PendingChange {
  seq: number;
  spec: AuditSpec;
  request: Request;
  statusOnSuccess: number;
  resourceId: string | undefined;
  accountId: string | undefined;
  before: object | undefined;
  /** Which of the body's settings are secrets. */
  secrets: SecretSettings;
}

/** Whether a request changes something (and is therefore audited). */
export function isMutating(method: string): boolean {
  return MUTATING.has(method.toUpperCase());
}

/**
 * Writes the audit log: every change made through the API — who (the key's prefix and name), what,
 * what changed and how it ended. Write-ahead: the entry is stored as `pending` before the change is
 * made, and completed once it has ended, so that a process killed in between still leaves its
 * trace; a change whose entry cannot be stored is not made (503).
 */
@Injectable()
export class AuditRecorder {
  private readonly logger = new Logger('Audit');

  constructor(
    @Inject(ACCESS_OPTIONS) private readonly options: AccessOptions,
    @InjectRepository(AuditEntryEntity) private readonly entries: Repository<AuditEntryEntity>,
    private readonly resources: ResourceRegistry,
    private readonly reflector: Reflector,
  ) {}

  /** Stores the pending entry of a change and reads what it is about (the resource's state, its account). */
  async begin(context: ExecutionContext, request: Request, key: CallerKey): Promise<PendingChange> {
    const spec = this.specOf(context, request);
    const resourceId = spec.resource ? paramOf(request, spec.idParam ?? 'id') : undefined;
    const accountId = await this.accountOf(context, request);
    // Only changes that record a before/after diff need the resource as it was.
    const diffed = !(request.method === 'POST' && resourceId !== undefined) || spec.diff === true;
    const before = diffed && spec.resource && resourceId ? await this.resources.snapshot(spec.resource, resourceId) : undefined;
    const declared = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler());
    const secrets = await this.resources.secretSettings(spec.resource, request.body, resourceId);
    const seq = await this.insert(key, spec, request, {
      resourceId: resourceId ?? null,
      accountId: accountId ?? null,
      changes: requested(request, secrets),
      outcome: 'pending',
      status: null,
      error: null,
    });
    if (seq === undefined) throw new ServiceUnavailableException('The audit log cannot be written, so nothing was changed: check the database, then try again');
    return { seq, spec, request, statusOnSuccess: declared ?? (request.method === 'POST' ? 201 : 200), resourceId, accountId, before, secrets };
  }

  /** Completes the entry of a change with how it ended. */
  async finish(pending: PendingChange, outcome: { answer: unknown } | { error: unknown }): Promise<void> {
    const { spec, request } = pending;
    const answerId = 'answer' in outcome ? idOf(outcome.answer) : undefined;
    const resourceId = pending.resourceId ?? (spec.resource ? answerId : undefined);
    let changes: AuditChanges = requested(request, pending.secrets);
    if ('answer' in outcome && spec.resource && this.resources.describes(spec.resource)) {
      // An action on an existing resource records what was asked (and its diff if it changes it);
      // a creation, an update or a deletion records the resource as it was and as it is now.
      const action = request.method === 'POST' && pending.resourceId !== undefined;
      if (!action || spec.diff) {
        const after = resourceId ? await this.resources.snapshot(spec.resource, resourceId) : undefined;
        const diff = { ...withoutSecretStates(diffViews(pending.before, after)), ...secretChanges(request.body, pending.secrets) };
        changes = action ? { ...changes, ...diff } : { ...diff, ...queryChanges(request.query) };
      }
    }
    if (answerId && answerId !== resourceId) changes['answer.id'] = { to: answerId };
    // A resource just created names its account only now (an account is its own).
    const accountId = pending.accountId ?? (spec.resource && resourceId ? await this.resources.ownerOf(spec.resource, resourceId).catch(() => undefined) : undefined);
    await this.complete(pending.seq, {
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
    const resourceId = spec.resource ? paramOf(request, spec.idParam ?? 'id') : undefined;
    const secrets = await this.resources.secretSettings(spec.resource, request.body, resourceId);
    // Refused for its scope: the entry belongs to the account touched. Refused as another account's
    // resource (404): it names no account, so that account's keys do not learn of other tenants' keys.
    const accountId = error.getStatus() === 404 ? undefined : await this.accountOf(context, request);
    await this.insert(key, spec, request, { resourceId: resourceId ?? null, accountId: accountId ?? null, changes: requested(request, secrets), ...failure(error) });
  }

  private specOf(context: ExecutionContext, request: Request): AuditSpec {
    return this.reflector.get<AuditSpec | undefined>(AUDIT_ACTION, context.getHandler()) ?? { action: `${request.method} ${request.route?.path ?? request.path}` };
  }

  /** The account of the first resource the request touches that exists. */
  private async accountOf(context: ExecutionContext, request: Request): Promise<string | undefined> {
    for (const { kind, id } of touchedResources(this.reflector, context, request)) {
      const owner = await this.resources.ownerOf(kind, id).catch(() => undefined);
      if (owner) return owner;
    }
    return undefined;
  }

  private async insert(key: CallerKey, spec: AuditSpec, request: Request, outcome: Outcome): Promise<number | undefined> {
    const entry = this.entries.create({
      at: new Date(),
      keyId: key.id,
      keyPrefix: key.prefix,
      keyName: key.name,
      action: spec.action.slice(0, 60),
      method: request.method,
      path: (request.originalUrl.split('?')[0] ?? '').slice(0, 500),
      resourceType: spec.resource ?? null,
      ...this.masked(outcome),
    });
    try {
      const result = await this.entries.insert(entry as never);
      return Number(result.identifiers[0]?.['seq']);
    } catch (error) {
      this.logger.error(`Could not write the audit entry of ${entry.method} ${entry.path}: ${(error as Error).message}`);
      return undefined;
    }
  }

  private async complete(seq: number, outcome: Outcome): Promise<void> {
    try {
      await this.entries.update({ seq }, this.masked(outcome) as never);
    } catch (error) {
      // The change itself is done; failing its answer now would only make the caller retry it.
      this.logger.error(`Could not complete audit entry ${seq} (it stays pending): ${(error as Error).message}`);
    }
  }

  /** Belt and braces: any known secret that slipped into a value (an error text quoting one) is masked. */
  /** What an entry stores: secrets masked, and values cut to their columns' sizes. */
  private masked(outcome: Outcome): Outcome {
    return {
      ...outcome,
      // An id from the path is whatever the caller sent: a long one must not make the entry unwritable.
      resourceId: outcome.resourceId?.slice(0, 255) ?? null,
      changes: outcome.changes && Object.keys(outcome.changes).length ? this.options.redactor.redactValue(outcome.changes) : null,
      error: outcome.error ? this.options.redactor.redactValue(outcome.error).slice(0, 2_000) : null,
    };
  }
}

/** What a request asked for: its body's fields and its query parameters. */
function requested(request: Request, secrets: SecretSettings): AuditChanges {
  return { ...requestedChanges(request.body, secrets), ...queryChanges(request.query) };
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

function failure(error: unknown): { outcome: 'failed'; status: number; error: string } {
  if (error instanceof HttpException) {
    const body = error.getResponse();
    const message = typeof body === 'object' && body !== null && 'message' in body ? (body as { message: unknown }).message : error.message;
    return { outcome: 'failed', status: error.getStatus(), error: Array.isArray(message) ? message.join('; ') : String(message) };
  }
  // What the caller was told: an unexpected error's own text stays in the hub's log.
  return { outcome: 'failed', status: 500, error: 'Internal server error (the hub logged its cause)' };
}
