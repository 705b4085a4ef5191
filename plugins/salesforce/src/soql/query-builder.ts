/**
 * The parts of a SELECT statement.
 *
 * @example
 * ```ts
 * const q: SoqlQuery = { object: 'Contact', select: ['Id', 'SystemModstamp'], where: ['IsDeleted = false'], orderBy: ['SystemModstamp', 'Id'] };
 * ```
 */
export interface SoqlQuery {
  object: string;
  /** Field API names (already checked against the describe). */
  select: readonly string[];
  /** Conditions joined with AND (each parenthesised by its builder when needed). */
  where?: readonly string[];
  orderBy?: readonly string[];
}

/**
 * A SOQL statement. Field and object names come from the describe (never from free text), and
 * conditions from the filter and watermark builders, which quote every literal.
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select.htm
 *
 * @example
 * ```ts
 * buildSoql({ object: 'Contact', select: ['Id', 'LastName'], where: ["LastName = 'Ada'"], orderBy: ['Id'] });
 * // "SELECT Id, LastName FROM Contact WHERE LastName = 'Ada' ORDER BY Id"
 * ```
 */
export function buildSoql(query: SoqlQuery): string {
  const parts = [`SELECT ${[...new Set(query.select)].join(', ')} FROM ${query.object}`];
  const where = (query.where ?? []).filter((c) => c !== '');
  if (where.length) parts.push(`WHERE ${where.join(' AND ')}`);
  if (query.orderBy?.length) parts.push(`ORDER BY ${query.orderBy.join(', ')}`);
  return parts.join(' ');
}
