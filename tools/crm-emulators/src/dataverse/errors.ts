/**
 * Dataverse Web API errors: `{"error":{"code":"0x…","message":…}}` with the HTTP status the service uses.
 * Codes come from the web-service error-code reference
 * (https://learn.microsoft.com/power-apps/developer/data-platform/reference/web-service-error-codes) and
 * the Web API troubleshooting page
 * (https://learn.microsoft.com/troubleshoot/power-platform/power-apps/dataverse-web-api/web-api-client-errors).
 * Where the documentation gives no code for a Web API answer, the closest documented code is used and
 * the factory says so.
 */
export class DataverseError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    /** A plug-in's own code for the failure (`ErrorDetails.SubErrorCode`), when a plug-in raised it. */
    readonly subErrorCode?: string,
  ) {
    super(message);
  }

  /**
   * The error body; with `Prefer: odata.include-annotations` naming them, the details annotations
   * compose-http-requests-handle-errors.md documents ("Include more details with errors"): the help
   * link of the code, the inner message, and for plug-in failures the operation status and sub-code.
   */
  toBody(wants: (annotation: string) => boolean = () => false): { error: Record<string, string> } {
    const error: Record<string, string> = { code: this.code, message: this.message };
    const details: [string, string | undefined][] = [
      ['Microsoft.PowerApps.CDS.ErrorDetails.OperationStatus', this.subErrorCode !== undefined ? '0' : undefined],
      ['Microsoft.PowerApps.CDS.ErrorDetails.SubErrorCode', this.subErrorCode],
      ['Microsoft.PowerApps.CDS.HelpLink', helpLink(this.code)],
      ['Microsoft.PowerApps.CDS.InnerError.Message', this.message],
    ];
    for (const [annotation, value] of details) if (value !== undefined && wants(annotation)) error[`@${annotation}`] = value;
    return { error };
  }
}

/**
 * The fwlink the service gives for a platform error code (as in the documentation's samples).
 * It is `http://` because Dataverse's `@Microsoft.PowerApps.CDS.HelpLink` says so: text the
 * emulator reproduces in its errors, never a URL anything connects to.
 */
function helpLink(code: string): string | undefined {
  const hex = /^0x([0-9a-f]{8})$/i.exec(code)?.[1];
  return hex ? `http://go.microsoft.com/fwlink/?LinkID=398563&error=Microsoft.Crm.CrmException%3a${hex.toLowerCase()}&client=platform` : undefined;
}

/**
 * A synchronous plug-in threw InvalidPluginExecutionException: ISV code aborted the operation
 * (0x80040265), with the plug-in's message and, when it gave one, its sub-code.
 */
export function pluginError(message: string, subErrorCode?: string): DataverseError {
  return new DataverseError(400, '0x80040265', message, {}, subErrorCode);
}

/** Query syntax and unknown-property errors in query options (seen on the wire as 0x80060888). */
export function querySyntaxError(message: string): DataverseError {
  return new DataverseError(400, '0x80060888', message);
}

export function unknownProperty(name: string, entity: string): DataverseError {
  return querySyntaxError(`Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${entity}'.`);
}

/** `$skip` is refused: page-results.md says Dataverse doesn't support it; the answer carries code 0x0. */
export function skipNotSupported(): DataverseError {
  return new DataverseError(400, '0x0', 'The query parameter $skip is not supported');
}

/** Resource not found for the segment (web-api-client-errors.md). */
export function segmentNotFound(segment: string): DataverseError {
  return new DataverseError(404, '0x8006088a', `Resource not found for the segment '${segment}'.`);
}

/**
 * ObjectDoesNotExist, with the message perform-conditional-operations-using-web-api.md shows (its older
 * sample has an empty code; the service sends 0x80040217).
 */
export function recordNotFound(entity: string, id: string): DataverseError {
  return new DataverseError(404, '0x80040217', `${entity} With Id = ${id} Does Not Exist`);
}

/**
 * No row for an alternate key. The reference has no dedicated Web API message; 0x80060891 is the code
 * clients observe for it (they map it to "record not found").
 */
export function alternateKeyNotFound(entity: string): DataverseError {
  return new DataverseError(404, '0x80060891', `A record with the specified key values does not exist in ${entity} entity`);
}

/**
 * `If-None-Match: *` on an existing row, or a create with an id in use: DuplicateRecord with the message
 * of perform-conditional-operations-using-web-api.md (whose older sample shows an empty code).
 */
export function duplicateRecord(): DataverseError {
  return new DataverseError(412, '0x80040237', 'A record with matching key values already exists.');
}

/** DuplicateRecordEntityKey. The docs give no HTTP status; 412, as for DuplicateRecord. */
export function duplicateAlternateKey(keyName: string, attributes: string): DataverseError {
  return new DataverseError(
    412,
    '0x80060892',
    `Entity Key ${keyName} violated. A record with the same value for ${attributes} already exists. A duplicate record cannot be created. Select one or more unique values and try again.`,
  );
}

/** `If-Match: W/"x"` that no longer matches (ConcurrencyVersionMismatch). */
export function versionMismatch(): DataverseError {
  return new DataverseError(412, '0x80060882', "The version of the existing record doesn't match the RowVersion property provided.");
}

/** ValidationFailed: string lengths, number ranges, null in a SystemRequired column. */
export function validationFailed(detail: string): DataverseError {
  return new DataverseError(400, '0x80044331', `A validation error occurred.  ${detail}`);
}

/** PicklistValueOutOfRange, with the message the platform writes for choice columns. */
export function optionOutOfRange(value: unknown, attribute: string, entity: string, accepted: number[]): DataverseError {
  return new DataverseError(
    400,
    '0x8004431A',
    `A validation error occurred. The value ${String(value)} of '${attribute}' on record of type '${entity}' is outside the valid range. Accepted Values: ${accepted.join(',')}`,
  );
}

/** InvalidArgument, used by the platform for state/status combinations that do not belong together. */
export function invalidArgument(message: string): DataverseError {
  return new DataverseError(400, '0x80040203', message);
}

/** Payload errors (web-api-client-errors.md: "Error identified in Payload provided by the user"). */
export function payloadError(entitySet: string, inner: string): DataverseError {
  return new DataverseError(
    400,
    '0x80048d19',
    `Error identified in Payload provided by the user for Entity :'${entitySet}'  ---->  InnerException : Microsoft.OData.ODataException: ${inner}`,
  );
}

export function unknownPayloadProperty(entitySet: string, name: string, entity: string): DataverseError {
  return payloadError(
    entitySet,
    `The property '${name}' does not exist on type 'Microsoft.Dynamics.CRM.${entity}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
  );
}

/** ExpiredVersionStamp. Docs give no HTTP status for the Web API; 400 like other request faults. */
export function changeTrackingExpired(): DataverseError {
  return new DataverseError(400, '0x80044352', 'Version stamp associated with the client has expired. Please perform a full sync.');
}

/** ChangeTrackingNotEnabledForEntity. */
export function changeTrackingNotEnabled(entity: string): DataverseError {
  return new DataverseError(400, '0x80072491', `Entity ${entity} isn't enabled for change tracking.`);
}

/** use-change-tracking-synchronize-data-external-systems.md: options refused with track-changes. */
export function notSupportedWithChangeTracking(option: string): DataverseError {
  return querySyntaxError(`The "${option}" query parameter isn't supported when Change Tracking is enabled.`);
}

/** Service protection, number of requests (api-limits.md). */
export function tooManyRequests(limit: number, windowSeconds: number, retryAfterSeconds: number): DataverseError {
  return new DataverseError(
    429,
    '0x80072322',
    `Number of requests exceeded the limit of ${limit} over time window of ${windowSeconds} seconds.`,
    { 'Retry-After': String(retryAfterSeconds) },
  );
}

/**
 * More than 1,000 operations in one $batch. The documentation states the limit but not the answer;
 * NotSupported (0x80040315) is the closest documented code.
 */
export function batchTooLarge(count: number): DataverseError {
  return new DataverseError(
    400,
    '0x80040315',
    `The batch contains ${count} requests. The maximum number of requests in a batch is 1000.`,
  );
}

/** Generic unexpected error (0x80040216). */
export function unexpected(message = 'An unexpected error occurred.'): DataverseError {
  return new DataverseError(500, '0x80040216', message);
}

/** Something Dataverse does that this emulator deliberately does not: say so instead of pretending. */
export function notEmulated(feature: string): DataverseError {
  return new DataverseError(501, '0x80040219', `The requested functionality is not yet implemented. (Emulator: ${feature} is not emulated.)`);
}
