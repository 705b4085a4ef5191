import { type CanActivate, type ExecutionContext, ForbiddenException, HttpException, Injectable, NotFoundException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ALL_ACCOUNTS_ONLY, type OwnedResource, REQUIRED_SCOPE } from './access.decorators';
import { touchedResources } from './owned-resources';
import { AuditRecorder } from './audit/audit-recorder';
import { type CallerKey, callerKeyOf } from './caller-key';
import { ResourceRegistry } from './resource-registry';
import { defaultScope, type Scope, scopeCovers } from './scopes';

const LABELS: Record<OwnedResource['kind'], string> = { account: 'Account', schema: 'Schema', job: 'Sync job', run: 'Run' };

/**
 * What the calling key may do: the route's scope (403 naming it), and for a key limited to some
 * accounts, that every resource the route touches belongs to one of them — otherwise 404, worded
 * as for a resource that does not exist, so that a key learns nothing of other accounts. Refused
 * changes are recorded in the audit log too.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly resources: ResourceRegistry,
    private readonly audit: AuditRecorder,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const key = callerKeyOf(request);
    if (!key) return true; // /health, /metrics and /docs: open, outside the API key middleware
    try {
      await this.check(context, request, key);
      return true;
    } catch (error) {
      if (error instanceof HttpException) await this.audit.recordRefusal(context, request, key, error);
      throw error;
    }
  }

  private async check(context: ExecutionContext, request: Request, key: CallerKey): Promise<void> {
    const targets = [context.getHandler(), context.getClass()];
    const needed = this.reflector.getAllAndOverride<Scope | undefined>(REQUIRED_SCOPE, targets) ?? defaultScope(request.method);
    if (!scopeCovers(key.scope, needed)) {
      throw new ForbiddenException(`This needs an API key of scope '${needed}'; the key ${key.prefix}… ('${key.name}') has scope '${key.scope}'. Use a key with that scope, or ask an admin for one.`);
    }
    if (!key.accounts) return;
    if (this.reflector.getAllAndOverride<boolean | undefined>(ALL_ACCOUNTS_ONLY, targets)) {
      throw new ForbiddenException(`This needs an API key that is not limited to accounts; the key ${key.prefix}… ('${key.name}') is. Use such a key, or ask an admin.`);
    }
    for (const { kind, id } of touchedResources(this.reflector, context, request)) {
      const owner = await this.resources.ownerOf(kind, id);
      if (owner === undefined || !key.accounts.includes(owner)) throw new NotFoundException(`${LABELS[kind]} ${id} not found`);
    }
  }
}
