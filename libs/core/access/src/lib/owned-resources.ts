import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { OWNED_BY, type OwnedResource } from './access.decorators';

/** A resource a request touches, with its id as the request names it. */
export interface TouchedResource {
  kind: OwnedResource['kind'];
  id: string;
}

/**
 * The account-owned resources a request touches (its route's `@OwnedBy`), with the ids its
 * parameters or body give; an absent or malformed id is left out (the route's validation answers).
 */
export function touchedResources(reflector: Reflector, context: ExecutionContext, request: Request): TouchedResource[] {
  const owned = reflector.get<OwnedResource[] | undefined>(OWNED_BY, context.getHandler()) ?? [];
  return owned.flatMap((o) => {
    const id = o.param ? request.params[o.param] : (request.body as Record<string, unknown> | undefined)?.[o.body as string];
    return typeof id === 'string' ? [{ kind: o.kind, id }] : [];
  });
}

/** A route parameter, when it is a single string. */
export function paramOf(request: Request, name: string): string | undefined {
  const value = request.params[name];
  return typeof value === 'string' ? value : undefined;
}
