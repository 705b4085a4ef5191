import { describeFailure } from '@crm-hub/accounts';
import { PluginNotAvailableError } from '@crm-hub/plugin-registry';
import { CrmError, CrmNotFoundError, CrmRateLimitError } from '@crm-hub/plugin-sdk';
import { BadGatewayException, ConflictException, HttpException, NotFoundException, ServiceUnavailableException } from '@nestjs/common';

/**
 * What an API caller sees when the CRM could not answer: 404 for an object or field the CRM does
 * not have, 503 when it throttles, 409 when the plugin is missing, 502 otherwise — each with the
 * reason and what to do.
 */
export function crmFailureToHttp(error: unknown, accountName: string, doing: string): HttpException {
  if (error instanceof HttpException) return error;
  if (error instanceof CrmNotFoundError) return new NotFoundException(`${error.message} (account '${accountName}')`);
  if (error instanceof PluginNotAvailableError) return new ConflictException(`Account '${accountName}' cannot be used: ${error.message}`);
  const reason = describeFailure(error);
  if (error instanceof CrmRateLimitError) return new ServiceUnavailableException(`${doing} for account '${accountName}' failed: ${reason}`);
  if (error instanceof CrmError || error instanceof Error) return new BadGatewayException(`${doing} for account '${accountName}' failed: ${reason}`);
  return new BadGatewayException(`${doing} for account '${accountName}' failed`);
}
