import type { OpenAPIObject } from '@nestjs/swagger';
import { defaultScope } from './scopes';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/**
 * States every operation's scope in the OpenAPI document: `x-required-scope` (routes that do not
 * name one get the default: `read` for reads, `admin` for changes) and a line of its description.
 */
export function documentScopes(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/')) continue;
    for (const method of METHODS) {
      const operation = item[method] as (Record<string, unknown> & { description?: string }) | undefined;
      if (!operation) continue;
      const scope = (operation['x-required-scope'] as string | undefined) ?? defaultScope(method);
      operation['x-required-scope'] = scope;
      const line = `Needs an API key of scope \`${scope}\` (or higher).`;
      operation.description = operation.description ? `${operation.description}\n\n${line}` : line;
    }
  }
}
