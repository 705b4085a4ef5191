import { randomUUID } from 'node:crypto';

/**
 * Microsoft identity platform token errors: `{error, error_description, error_codes, timestamp,
 * trace_id, correlation_id, error_uri}` with an `AADSTS<code>:` description
 * (https://learn.microsoft.com/entra/identity-platform/reference-error-codes).
 */
export class AadError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }

  toBody(nowMs: number): Record<string, unknown> {
    const traceId = randomUUID();
    const correlationId = randomUUID();
    const timestamp = new Date(nowMs).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
    return {
      error: this.error,
      error_description: `AADSTS${this.code}: ${this.message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [this.code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${this.code}`,
    };
  }
}

export const aad = {
  missingParameter: (name: string) => new AadError(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`),
  tenantNotFound: (tenant: string) =>
    new AadError(400, 'invalid_request', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`),
  unsupportedGrant: (grant: string) => new AadError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grant}'.`),
  unknownClient: (clientId: string, tenant: string) =>
    new AadError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
    ),
  invalidScope: (scope: string) =>
    new AadError(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    ),
  unknownResource: (resource: string, tenant: string) =>
    new AadError(
      400,
      'invalid_resource',
      500011,
      `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
    ),
  invalidSecret: (clientId: string) =>
    new AadError(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    ),
  noCredential: () =>
    new AadError(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."),
  twoCredentials: () => new AadError(400, 'invalid_request', 90102, 'Only one client credential (client_secret or client_assertion) may be presented.'),
  malformedAssertion: () => new AadError(400, 'invalid_client', 50027, 'JWT token is invalid or malformed.'),
  unknownCertificate: (thumbprint: string) =>
    new AadError(
      401,
      'invalid_client',
      700027,
      `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${thumbprint}']`,
    ),
  badSignature: () => new AadError(401, 'invalid_client', 700027, 'Client assertion failed signature validation.'),
  expiredAssertion: () => new AadError(401, 'invalid_client', 700024, 'Client assertion is not within its valid time range.'),
  wrongAudience: () => new AadError(401, 'invalid_client', 700023, 'Client assertion audience claim does not match Realm issuer.'),
  wrongIssuer: () => new AadError(401, 'invalid_client', 700021, "Client assertion application identifier doesn't match 'client_id' parameter."),
  missingClaim: (claim: string) => new AadError(401, 'invalid_client', 50027, `JWT token is invalid or malformed. The '${claim}' claim is missing.`),
};
