import type { CrmPlugin } from '@crm-hub/plugin-sdk';

/**
 * A handle on the CRM the plugin talks to (usually an emulator), so the kit can seed and mutate
 * data "as a CRM user would" and see how many API requests the plugin made.
 *
 * The kit never seeds while it measures requests, but it does call {@link ConformanceCrm.requestCount}
 * while measuring: that call itself must not be counted.
 *
 * @example
 * ```ts
 * const crm: ConformanceCrm = {
 *   reset: (object) => emulator.truncate(object),
 *   createRecords: (object, count, o) => emulator.seed(object, count, o?.modifiedAt),
 *   updateRecords: (object, ids, o) => emulator.touch(object, ids, o?.modifiedAt),
 *   deleteRecords: (object, ids) => emulator.remove(object, ids),
 *   requestCount: async () => emulator.stats().apiRequests,
 *   validRecord: (_object, i) => ({ LastName: `Conformance ${i}`, External_Id__c: `CONF-${i}` }),
 *   invalidRecord: () => ({ Email: 'no-last-name@example.com' }),
 *   upsertField: 'External_Id__c',
 * };
 * ```
 */
export interface ConformanceCrm {
  /** Remove every record of the object in the CRM (tombstones included, where the CRM allows). */
  reset(object: string): Promise<void>;
  /**
   * Create `count` records as a CRM user would; all share the modification time `modifiedAt` (ISO)
   * when given. Returns ids in creation order.
   */
  createRecords(object: string, count: number, options?: { modifiedAt?: string }): Promise<string[]>;
  /** Change the records as a CRM user would; all get the modification time `modifiedAt` when given. */
  updateRecords(object: string, ids: string[], options?: { modifiedAt?: string }): Promise<void>;
  /** Delete the records as a CRM user would (the CRM stamps the deletion with its own clock). */
  deleteRecords(object: string, ids: string[]): Promise<void>;
  /** API requests the CRM has served so far (all endpoints a plugin may call; not this handle's own calls). */
  requestCount(): Promise<number>;
  /** Field data `write()` can insert, in canonical form; `i` makes it unique (external id included). */
  validRecord(object: string, i: number): Record<string, unknown>;
  /** Field data the CRM rejects (e.g. a required field missing). */
  invalidRecord(object: string): Record<string, unknown>;
  /** For upsert: the external-id field of `object`, whose value is in `validRecord()`. Omit when the plugin has no upsert. */
  upsertField?: string;
  /**
   * The record as the CRM stores it, read without the plugin (from the emulator's store, say):
   * canonical values (see the SDK's value table) keyed by field name — at least the fields of
   * `validRecord()` and those `updateRecords()` changes — or `undefined` when the CRM has no such
   * (live) record. The `writes` rule checks every written value against it, and `absent-not-null`
   * every value a read emits; without it those checks fail and say so.
   */
  readRecord?(object: string, id: string): Promise<Record<string, unknown> | undefined>;
}

/**
 * What the conformance suite needs: the plugin, account settings and a handle on its CRM.
 *
 * @example
 * ```ts
 * const options: ConformanceOptions = {
 *   plugin,
 *   config: { instanceUrl: emulator.url, clientId: 'conformance', clientSecret: 's3cret-value' },
 *   refusedConfig: { instanceUrl: emulator.url, clientId: 'conformance', clientSecret: 'wrong-secret' },
 *   crm,
 *   object: 'Contact',
 *   pageSize: 200, // the smallest page the CRM allows (Salesforce: 200)
 * };
 * ```
 */
export interface ConformanceOptions {
  plugin: CrmPlugin;
  /** Valid account settings, secrets included. */
  config: Record<string, unknown>;
  /** Settings the CRM refuses (e.g. a wrong secret); `check()` must answer `{ ok: false, reason }`. */
  refusedConfig: Record<string, unknown>;
  crm: ConformanceCrm;
  /** The object the suite reads and writes; it must be incremental (`cursor` or `delta`). */
  object: string;
  /** A small page size forcing many pages (default 10). The suite creates up to 6 × this many records (`paced-read`). */
  pageSize?: number;
  /** How long open handles may take to close after `dispose()` (default 1000 ms). */
  handleGraceMs?: number;
  /**
   * How long the kit waits for in-flight requests to reach the CRM before comparing request counts
   * (default 200 ms). Longer windows catch slower pollers. `paced-read`'s consumer pauses 5 × this long.
   */
  settleMs?: number;
  /** The longest the kit waits for one plugin call or one finite read (default 30 000 ms). */
  timeoutMs?: number;
  /**
   * The resolution of the CRM's modification timestamps (default 1000 ms: whole seconds,
   * as Salesforce and Dataverse stamp). Before stamping new changes the kit waits for the clock to
   * pass the next multiple of it, so new changes never share a stamp with already-read ones.
   */
  clockResolutionMs?: number;
}

/**
 * {@link ConformanceOptions} with every default filled in.
 *
 * @example
 * ```ts
 * const resolved = resolveOptions({ plugin, config, refusedConfig, crm, object: 'Contact' });
 * resolved.pageSize; // 10
 * ```
 */
export type ResolvedConformanceOptions = Required<ConformanceOptions>;

/**
 * One rule of the contract as a plain async check. `run` resolves when the plugin keeps the rule
 * and rejects with a `ConformanceError` saying what the plugin did wrong.
 *
 * @example
 * ```ts
 * for (const rule of conformanceRules) {
 *   it(rule.title, () => rule.run(options), 60_000);
 * }
 * ```
 */
export interface ConformanceRule {
  /** Short stable id, e.g. `resume`. */
  readonly id: string;
  /** What the rule checks, as a sentence fragment after "the plugin …". */
  readonly title: string;
  run(options: ConformanceOptions): Promise<void>;
}

/**
 * Fills in the defaults and refuses options that cannot work (a `TypeError`: that is a mistake in
 * the test, not in the plugin).
 *
 * @example
 * ```ts
 * const { pageSize, handleGraceMs } = resolveOptions(options);
 * ```
 */
export function resolveOptions(options: ConformanceOptions): ResolvedConformanceOptions {
  const problems: string[] = [];
  if (typeof options?.plugin?.createConnector !== 'function' || typeof options.plugin.manifest !== 'object') {
    problems.push('plugin must be a CRM plugin (a manifest and createConnector)');
  }
  if (typeof options?.object !== 'string' || options.object === '') problems.push('object must be a non-empty string');
  for (const key of ['config', 'refusedConfig'] as const) {
    if (typeof options?.[key] !== 'object' || options[key] === null) problems.push(`${key} must be an object`);
  }
  const crmMethods = ['reset', 'createRecords', 'updateRecords', 'deleteRecords', 'requestCount', 'validRecord', 'invalidRecord'];
  const missing = crmMethods.filter((m) => typeof (options?.crm as unknown as Record<string, unknown>)?.[m] !== 'function');
  if (missing.length) problems.push(`crm lacks ${missing.join(', ')}`);
  const resolved: ResolvedConformanceOptions = {
    ...options,
    pageSize: options?.pageSize ?? 10,
    handleGraceMs: options?.handleGraceMs ?? 1000,
    settleMs: options?.settleMs ?? 200,
    timeoutMs: options?.timeoutMs ?? 30_000,
    clockResolutionMs: options?.clockResolutionMs ?? 1000,
  };
  if (!Number.isInteger(resolved.pageSize) || resolved.pageSize < 2) problems.push('pageSize must be an integer ≥ 2');
  for (const key of ['handleGraceMs', 'settleMs', 'timeoutMs', 'clockResolutionMs'] as const) {
    if (!(resolved[key] >= 0) || !Number.isFinite(resolved[key])) problems.push(`${key} must be a non-negative number`);
  }
  if (!(resolved.clockResolutionMs >= 1)) problems.push('clockResolutionMs must be at least 1');
  if (problems.length) throw new TypeError(`Invalid conformance options: ${problems.join('; ')}`);
  return resolved;
}
