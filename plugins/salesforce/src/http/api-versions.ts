import { CrmError } from '@crm-hub/plugin-sdk';

/** The code of the error saying the org does not serve the configured API version. */
export const VERSION_NOT_SERVED = 'API_VERSION_NOT_SUPPORTED';

/**
 * Whether a failed call may have failed because of its API version rather than what it asked
 * for: Salesforce answers a version it does not serve with the same 404 `NOT_FOUND` "The
 * requested resource does not exist" as an unknown object or record (some endpoints say
 * `UNSUPPORTED_API_VERSION`), so only the versions list can tell them apart.
 *
 * @example
 * ```ts
 * mayBeVersionError(err, '/services/data/v62.0/sobjects', '62.0'); // true for a 404 NOT_FOUND
 * ```
 */
export function mayBeVersionError(err: unknown, path: string, apiVersion: string): err is CrmError {
  if (!(err instanceof CrmError) || !path.startsWith(`/services/data/v${apiVersion}`)) return false;
  return err.code === 'UNSUPPORTED_API_VERSION' || (err.status === 404 && (err.code === undefined || err.code === 'NOT_FOUND'));
}

/** "62.0" → 62: versions compare as numbers ("9.0" < "10.0"). */
const byNumber = (a: string, b: string): number => Number(a) - Number(b);

/**
 * The error of a call made with an API version the org does not serve: names the version, what
 * the org serves (when known) and what to change. Not retryable, not "not found": the account's
 * settings must change.
 *
 * @example
 * ```ts
 * versionNotServed('62.0', ['59.0', '60.0', '61.0'], err).message;
 * // 'Salesforce does not serve REST API version 62.0 for this org (it serves 59.0 to 61.0): set the account's apiVersion to one of them'
 * ```
 */
export function versionNotServed(apiVersion: string, served: readonly string[] | undefined, cause: CrmError): CrmError {
  const sorted = [...(served ?? [])].sort(byNumber);
  const range = sorted.length ? ` (it serves ${sorted[0]} to ${sorted[sorted.length - 1]})` : '';
  return new CrmError(
    `Salesforce does not serve REST API version ${apiVersion} for this org${range}: set the account's apiVersion to one of them`,
    { code: VERSION_NOT_SERVED, ...(cause.status ? { status: cause.status } : {}), cause },
  );
}

/**
 * Tells a version the org does not serve from a missing resource, asking the org's versions list
 * (`GET /services/data`) once per connector — and only after a call failed as either could.
 *
 * @example
 * ```ts
 * const check = new ApiVersionCheck('62.0', (signal) => client.json({ kind: 'versions', method: 'GET', path: '/services/data', signal }));
 * throw (await check.explain(err, signal)) ?? err;
 * ```
 */
export class ApiVersionCheck {
  private served: Promise<string[]> | undefined;

  constructor(
    private readonly apiVersion: string,
    private readonly listVersions: (signal?: AbortSignal) => Promise<{ version?: unknown }[] | undefined>,
  ) {}

  /** The version error `err` really is, or `undefined` when the org serves the version (or cannot tell). */
  async explain(err: CrmError, signal?: AbortSignal): Promise<CrmError | undefined> {
    const served = await this.servedVersions(signal).catch(() => undefined);
    if (served === undefined) return err.code === 'UNSUPPORTED_API_VERSION' ? versionNotServed(this.apiVersion, undefined, err) : undefined;
    return served.includes(this.apiVersion) ? undefined : versionNotServed(this.apiVersion, served, err);
  }

  /** The org's versions, asked once (a failure is not kept: the next error asks again). */
  private servedVersions(signal?: AbortSignal): Promise<string[]> {
    if (!this.served) {
      const pending = this.listVersions(signal).then((list) => (list ?? []).flatMap((v) => (typeof v.version === 'string' ? [v.version] : [])));
      this.served = pending;
      pending.catch(() => {
        if (this.served === pending) this.served = undefined;
      });
    }
    return this.served;
  }
}
