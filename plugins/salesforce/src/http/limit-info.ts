/**
 * One quota reported in `Sforce-Limit-Info`, e.g. `api-usage=25/15000`.
 *
 * @example
 * ```ts
 * const usage: LimitUsage = { name: 'api-usage', used: 25, limit: 15000 };
 * ```
 */
export interface LimitUsage {
  name: string;
  used: number;
  limit: number;
}

/**
 * Parses a `Sforce-Limit-Info` header leniently: every `name=used/limit` pair found, in any order,
 * separated by `;` or `,`, with any spacing; anything else in the header is ignored rather than
 * failing the response that carried it.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_api_usage.htm
 *
 * @example
 * ```ts
 * parseLimitInfo('api-usage=25/15000; api-bursts=1/100');
 * // [{ name: 'api-usage', used: 25, limit: 15000 }, { name: 'api-bursts', used: 1, limit: 100 }]
 * ```
 */
export function parseLimitInfo(header: string | null | undefined): LimitUsage[] {
  if (!header) return [];
  const found: LimitUsage[] = [];
  for (const m of header.matchAll(/([A-Za-z][\w.-]*)\s*=\s*(\d+)\s*\/\s*(\d+)/g)) {
    const used = Number(m[2]);
    const limit = Number(m[3]);
    if (Number.isSafeInteger(used) && Number.isSafeInteger(limit)) found.push({ name: (m[1] as string).toLowerCase(), used, limit });
  }
  return found;
}
