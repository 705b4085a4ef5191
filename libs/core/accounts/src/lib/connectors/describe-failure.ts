import { CrmAuthError, CrmError, CrmQuotaExceededError, CrmRateLimitError, CrmTransientError, InsecureUrlError } from '@crm-hub/plugin-sdk';
import { classifyNetworkFailure } from './network-failure';

/**
 * Turns whatever a connector threw into a reason an operator can act on (secrets are masked later).
 * A failure to reach the CRM is told by its class only ("connection refused", "certificate not
 * trusted"…): the raw error text names resolved addresses and ports, which would let an API caller
 * map the hub's network through an account's URL.
 */
export function describeFailure(err: unknown): string {
  if (err instanceof InsecureUrlError) return withoutAddresses(err.message);
  // Before the CRM error classes: plugins wrap network failures in CrmTransientError with a cause.
  const network = classifyNetworkFailure(err);
  if (network) return `Cannot reach the CRM: ${network}`;
  if (err instanceof CrmAuthError) return withoutAddresses(`The CRM refused the credentials: ${err.message}`);
  if (err instanceof CrmQuotaExceededError) return withoutAddresses(`The CRM's API quota is used up: ${err.message}`);
  if (err instanceof CrmRateLimitError) {
    return withoutAddresses(`The CRM is throttling requests; retry in ${Math.ceil(err.retryAfterMs / 1000)} s: ${err.message}`);
  }
  if (err instanceof CrmTransientError) return withoutAddresses(`The CRM did not answer properly; try again later: ${err.message}`);
  if (err instanceof CrmError) return withoutAddresses(err.message);
  if (err instanceof Error) return withoutAddresses(err.message);
  return withoutAddresses(String(err));
}

const IPV4 = /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}(?::\d{1,5})?\b/g;
// IPv6: bracketed (`[::1]:443`), with `::` (`fe80::1`, `::1:443`), or all eight groups. Not any
// colon-separated hex, which would also eat times of day.
const IPV6 = new RegExp(
  [
    '\\[[0-9a-f.]*:[0-9a-f:.]*\\](?::\\d{1,5})?',
    '(?<![\\w:.])(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,7})?(?![\\w:])',
    '(?<![\\w:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![\\w:])',
  ].join('|'),
  'gi',
);

/**
 * Removes IP addresses (and their ports) from a message: what a CRM host resolved to, or an
 * address a redirect pointed at, is not something the operator configured.
 */
export function withoutAddresses(message: string): string {
  return message.replace(IPV4, '[address]').replace(IPV6, '[address]');
}
