/**
 * The classes of "could not talk to the CRM host" an operator can act on. Each says what happened
 * and what to check, and nothing the network said (addresses, ports, resolved names).
 */
const CLASSES: { codes: RegExp; reason: string }[] = [
  {
    codes: /^(ENOTFOUND|EAI_NONAME|EAI_FAIL|EAI_NODATA|EAI_AGAIN)$/,
    reason: "DNS name not found: the CRM host name does not resolve from the hub (check the URL in the account's settings)",
  },
  {
    codes: /^ECONNREFUSED$/,
    reason: "could not connect to the CRM host (connection refused): check the URL and port in the account's settings",
  },
  {
    codes: /^(EHOSTUNREACH|ENETUNREACH|EHOSTDOWN|ENETDOWN|EADDRNOTAVAIL)$/,
    reason: "could not connect to the CRM host (no route to it from the hub's network)",
  },
  {
    codes: /^(ETIMEDOUT|ESOCKETTIMEDOUT|TIMEOUT|TimeoutError|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)$/,
    reason: 'timed out: the CRM host did not answer in time (try again later, or check the URL)',
  },
  {
    codes: /^(ECONNRESET|EPIPE|ECONNABORTED|UND_ERR_SOCKET|UND_ERR_CLOSED|SocketError)$/,
    reason: 'the connection to the CRM host was closed unexpectedly (try again later)',
  },
  {
    codes: /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_UNTRUSTED|CERT_REJECTED|CERT_SIGNATURE_FAILURE|CERT_CHAIN_TOO_LONG|INVALID_CA)$/,
    reason:
      "TLS certificate not trusted: if the CRM's certificate comes from a private CA, set NODE_EXTRA_CA_CERTS to that CA's PEM file and restart the hub (verification is never switched off)",
  },
  {
    codes: /^(CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|ERR_TLS_CERT_EXPIRED)$/,
    reason: "TLS certificate expired or not yet valid: the CRM host's certificate must be renewed (or the hub's clock is wrong)",
  },
  {
    codes: /^(ERR_TLS_CERT_ALTNAME_INVALID|HOSTNAME_MISMATCH)$/,
    reason: "TLS certificate is not for this host name: check the host in the account's URL",
  },
  {
    codes: /^(EPROTO|ERR_SSL_.+|ERR_TLS_.+|CERT_.+)$/,
    reason: 'the TLS handshake with the CRM host failed: check that the URL points to an HTTPS service',
  },
];

/** Phrases of errors that carry no code (message only), mapped to the code they stand for. */
const PHRASES: [RegExp, string][] = [
  [/self[- ]signed certificate/i, 'SELF_SIGNED_CERT_IN_CHAIN'],
  [/unable to (verify|get)( the first| local)? (certificate|issuer)/i, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
  [/certificate has expired/i, 'CERT_HAS_EXPIRED'],
  [/Hostname\/IP does not match certificate/i, 'ERR_TLS_CERT_ALTNAME_INVALID'],
  [/\b(getaddrinfo|queryA+)\b/i, 'ENOTFOUND'],
  [/socket hang up|other side closed/i, 'ECONNRESET'],
];

/** A code quoted in a message ("connect ECONNREFUSED 10.0.0.5:443"): only the ones classified above. */
const CODE_IN_TEXT =
  /\b(ENOTFOUND|EAI_[A-Z]+|ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|ECONNRESET|EPIPE|ECONNABORTED|EPROTO|UND_ERR_[A-Z_]+|ERR_(?:TLS|SSL)_[A-Z_]+|(?:DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_|CERT_)[A-Z_]+)\b/;

/**
 * The class of a network or TLS failure found anywhere in an error's `cause` chain (by `code`,
 * by error name, or in its message), or undefined when the error is not one.
 */
export function classifyNetworkFailure(err: unknown): string | undefined {
  const codes: string[] = [];
  const errnoCodes: string[] = [];
  for (let e = err as Record<string, unknown> | undefined, depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    if (typeof e['code'] === 'string') {
      codes.push(e['code']);
      // A CRM error's code is the CRM's own (INVALID_SESSION_ID…), not a system error number.
      if (!Array.isArray(e['kinds'])) errnoCodes.push(e['code']);
    }
    if (e['name'] === 'TimeoutError' || e['name'] === 'SocketError') codes.push(e['name']);
    const message = typeof e['message'] === 'string' ? e['message'] : '';
    const inText = CODE_IN_TEXT.exec(message)?.[1];
    if (inText) codes.push(inText);
    for (const [phrase, code] of PHRASES) if (phrase.test(message)) codes.push(code);
    e = e['cause'] as typeof e;
  }
  // The most specific class wins: a TLS or DNS code deep in the chain over a generic wrapper's.
  for (const { codes: pattern, reason } of CLASSES) if (codes.some((c) => pattern.test(c))) return reason;
  const unknown = errnoCodes.find((c) => /^E[A-Z]{3,}$/.test(c));
  return unknown ? `the connection to the CRM host failed (${unknown})` : undefined;
}
