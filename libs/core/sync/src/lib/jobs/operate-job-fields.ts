import type { CallerKey } from '@crm-hub/access';
import { ForbiddenException } from '@nestjs/common';
import type { UpdateJobDto } from './dto/job-input.dto';

/** What an `operate` key may change on a job: when and whether it runs, and whether rejects are retried. */
export const OPERATE_JOB_FIELDS = ['schedule', 'mode', 'enabled', 'options.retryRejects'] as const;

/**
 * Refuses (403, naming the fields) a job change by an `operate` key that goes beyond scheduling
 * and retrying rejects: mapping, filter, name and the other options are an admin's.
 */
export function assertOperateMayChange(dto: UpdateJobDto, key: CallerKey | undefined): void {
  if (!key || key.scope !== 'operate') return;
  // The validated DTO carries every declared field, those not sent as undefined.
  const sent = (value: object) => Object.entries(value).filter(([, v]) => v !== undefined).map(([k]) => k);
  const changed = sent(dto).flatMap((field) => (field === 'options' && dto.options ? sent(dto.options).map((option) => `options.${option}`) : [field]));
  const beyond = changed.filter((field) => !(OPERATE_JOB_FIELDS as readonly string[]).includes(field));
  if (beyond.length) {
    throw new ForbiddenException(
      `Changing ${beyond.join(', ')} needs an API key of scope 'admin'; an operate key may change only ${OPERATE_JOB_FIELDS.join(', ')}`,
    );
  }
}
