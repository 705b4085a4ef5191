import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiForbiddenResponse } from '@nestjs/swagger';
import { type CallerKey, callerKeyOf } from './caller-key';
import type { ResourceKind } from './resource-registry';
import type { Scope } from './scopes';

export const REQUIRED_SCOPE = 'crm-hub:required-scope';
export const OWNED_BY = 'crm-hub:owned-by';
export const ALL_ACCOUNTS_ONLY = 'crm-hub:all-accounts-only';
export const AUDIT_ACTION = 'crm-hub:audit-action';

/** Where a route finds the id of a resource it touches: a route parameter or a field of the body. */
export interface OwnedResource {
  kind: Exclude<ResourceKind, 'key'>;
  param?: string;
  body?: string;
}

/** What the audit log records a mutating route as. */
export interface AuditSpec {
  /** e.g. `account.update`. */
  action: string;
  /** The resource the route changes (its before/after diff, for the kinds features describe); its id is the `idParam` parameter or, on creation, the answer's `id`. */
  resource?: ResourceKind | 'record' | 'enumeration';
  /** Default: `id`. */
  idParam?: string;
  /** An action (a POST on an existing resource) that changes the resource: record its before/after diff too. */
  diff?: boolean;
}

/**
 * The scope a route needs (routes without it need `read` for reads and `admin` for changes). Also
 * states it in the OpenAPI document, as `x-required-scope`.
 *
 * @example
 * ```ts
 * @Post(':id/runs') @RequiresScope('operate') run() {}
 * ```
 */
export function RequiresScope(scope: Scope): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(REQUIRED_SCOPE, scope),
    ApiExtension('x-required-scope', scope),
    ApiForbiddenResponse({ description: `The API key's scope is below '${scope}'` }),
  );
}

/**
 * The account-owned resources a route touches, so that a key limited to some accounts gets 404 for
 * the others' (as if they did not exist). Default: the `id` parameter.
 *
 * @example
 * ```ts
 * @Get(':id') @OwnedBy('schema') get() {}
 * @Post() @OwnedBy('account', { body: 'accountId' }) create() {}
 * ```
 */
export function OwnedBy(kind: OwnedResource['kind'], where: { param?: string; body?: string } = { param: 'id' }): MethodDecorator {
  return SetMetadata(OWNED_BY, [{ kind, ...where }] satisfies OwnedResource[]);
}

/** Several owned resources (e.g. a job's account and schema in its body). */
export function OwnedByAll(...resources: OwnedResource[]): MethodDecorator {
  return SetMetadata(OWNED_BY, resources);
}

/** A route only keys that are not limited to accounts may use (creating accounts, managing keys). */
export function AllAccountsOnly(): MethodDecorator & ClassDecorator {
  return SetMetadata(ALL_ACCOUNTS_ONLY, true);
}

/**
 * Names what a mutating route does in the audit log (every mutating route is recorded; without this
 * the entry is named after the method and path).
 *
 * @example
 * ```ts
 * @Patch(':id') @Audit('account.update', 'account') update() {}
 * ```
 */
export function Audit(action: string, resource?: AuditSpec['resource'], options: Pick<AuditSpec, 'idParam' | 'diff'> = {}): MethodDecorator {
  return SetMetadata(AUDIT_ACTION, { action, ...(resource ? { resource } : {}), ...options } satisfies AuditSpec);
}

/**
 * The accounts the calling key is limited to, or undefined for every account: list routes pass it on
 * to filter what they answer.
 *
 * @example
 * ```ts
 * list(@KeyAccounts() accounts?: string[]) { return this.service.list({ accounts }); }
 * ```
 */
export const KeyAccounts = createParamDecorator((_data: unknown, context: ExecutionContext): string[] | undefined => {
  return callerKeyOf(context.switchToHttp().getRequest<object>())?.accounts ?? undefined;
});

/** The key a request is made with (undefined outside `/api`). */
export const CurrentKey = createParamDecorator((_data: unknown, context: ExecutionContext): CallerKey | undefined => {
  return callerKeyOf(context.switchToHttp().getRequest<object>());
});

/** Whether an account is visible to a key limited to `accounts` (undefined: every account is). */
export function accountVisible(accounts: readonly string[] | undefined, accountId: string): boolean {
  return accounts === undefined || accounts.includes(accountId);
}
