import { CrmAuthError, CrmError, CrmQuotaExceededError, CrmRateLimitError, CrmTransientError, InsecureUrlError } from '@crm-hub/plugin-sdk';

const NETWORK_HINTS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused: check the host and port',
  ENOTFOUND: 'the host name does not resolve: check the URL',
  ETIMEDOUT: 'the connection timed out',
  ECONNRESET: 'the connection was reset',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its certificate is self-signed and not trusted: add its CA with NODE_EXTRA_CA_CERTS',
  SELF_SIGNED_CERT_IN_CHAIN: 'its certificate chain is not trusted: add its CA with NODE_EXTRA_CA_CERTS',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its certificate cannot be verified: add its CA with NODE_EXTRA_CA_CERTS',
  CERT_HAS_EXPIRED: 'its certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate does not match the host name',
};

/** Turns whatever a connector threw into a reason an operator can act on (secrets are masked later). */
export function describeFailure(err: unknown): string {
  if (err instanceof InsecureUrlError) return err.message;
  if (err instanceof CrmAuthError) return `The CRM refused the credentials: ${err.message}`;
  if (err instanceof CrmQuotaExceededError) return `The CRM's API quota is used up: ${err.message}`;
  if (err instanceof CrmRateLimitError) {
    return `The CRM is throttling requests; retry in ${Math.ceil(err.retryAfterMs / 1000)} s: ${err.message}`;
  }
  if (err instanceof CrmTransientError) return `The CRM did not answer properly; try again later: ${err.message}`;
  if (err instanceof CrmError) return err.message;
  const code = networkCode(err);
  if (code) return `Cannot reach the CRM: ${NETWORK_HINTS[code] ?? code}`;
  if (err instanceof Error) return err.message;
  return String(err);
}

function networkCode(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && (NETWORK_HINTS[e.code] || /^E[A-Z]+$/.test(e.code))) return e.code;
  }
  return undefined;
}
