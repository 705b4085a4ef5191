import { RestError } from '../errors';

/**
 * A SOQL error as Salesforce words it: the query line, a caret under the offending column and
 * `ERROR at Row:r:Column:c`, then the reason. Status 400.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm
 */
export function soqlError(soql: string, pos: number, errorCode: string, reason: string): RestError {
  const before = soql.slice(0, Math.max(0, pos));
  const row = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const column = pos - lineStart + 1;
  const line = soql.slice(lineStart).split('\n')[0] ?? '';
  return new RestError(400, errorCode, `\n${line}\n${' '.repeat(column - 1)}^\nERROR at Row:${row}:Column:${column}\n${reason}`);
}

export const malformed = (soql: string, pos: number, reason: string): RestError => soqlError(soql, pos, 'MALFORMED_QUERY', reason);
