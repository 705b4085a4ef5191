import { CheckpointExpiredError } from '@crm-hub/plugin-sdk';
import { DataverseRequestError } from '../errors';
import type { ODataPage, QueryCallOptions } from '../http/odata-query-client';
import type { ReadServices } from './read-plan';

/** Query parameters that would mean a link carries a credential (none of Dataverse's do). */
const CREDENTIAL_PARAMS = /^(access_token|id_token|token|code|client_secret|sig|signature|password)$/i;

/**
 * A next or delta link as it may go into a checkpoint. Checkpoints are stored by the host in the
 * clear, so a link must not carry a credential: Dataverse's links hold only the query options and
 * the `$skiptoken` paging cookie (positions and a change-tracking version) or the `$deltatoken`,
 * and the access token travels in the `Authorization` header. A link with user info or a
 * credential-like parameter is refused rather than stored.
 *
 * @example
 * ```ts
 * const nextLink = checkpointLink(page.nextLink); // unchanged when it is safe to store
 * ```
 */
export function checkpointLink(link: string): string {
  let url: URL;
  try {
    url = new URL(link, 'https://relative.invalid/');
  } catch {
    throw new DataverseRequestError('Dataverse gave a paging link that is not a URL');
  }
  if (url.username || url.password || [...url.searchParams.keys()].some((key) => CREDENTIAL_PARAMS.test(key))) {
    throw new DataverseRequestError('Dataverse gave a paging link carrying a credential; it is not stored in a checkpoint');
  }
  return link;
}

/**
 * Follows a link taken from a checkpoint (a read resumed in the middle, or a delta link). A link
 * Dataverse can no longer serve — an expired change-tracking version (`0x80044352`, already a
 * `CheckpointExpiredError`), or a paging cookie it refuses (400) — becomes
 * {@link CheckpointExpiredError}, keeping Dataverse's code and status: the host then starts over.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/page-results
 *
 * @example
 * ```ts
 * const page = await followResumeLink(services, checkpoint.nextLink, callOptions(plan, 'nextLink', statuses, signal));
 * ```
 */
export async function followResumeLink(services: ReadServices, link: string, options: QueryCallOptions): Promise<ODataPage> {
  try {
    return await services.odata.follow(link, options);
  } catch (error) {
    if (error instanceof DataverseRequestError && error.status === 400) {
      throw new CheckpointExpiredError(`Dataverse can no longer serve the link of the checkpoint; a full read is needed: ${error.message}`, {
        ...(error.code ? { code: error.code } : {}),
        status: 400,
        cause: error,
      });
    }
    throw error;
  }
}

