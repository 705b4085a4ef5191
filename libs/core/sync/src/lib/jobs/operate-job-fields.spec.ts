import type { CallerKey } from '@crm-hub/access';
import type { UpdateJobDto } from './dto/job-input.dto';
import { assertOperateMayChange } from './operate-job-fields';

const key = (scope: CallerKey['scope']): CallerKey => ({ id: 'k', prefix: 'chub_abc', name: 'bot', scope, accounts: null });

describe('what an operate key may change on a job', () => {
  it('lets it schedule, pause and retry rejects', () => {
    const dto = { schedule: { cron: '0 3 * * *' }, mode: 'scheduled', enabled: false, options: { retryRejects: true } } as UpdateJobDto;
    expect(() => assertOperateMayChange(dto, key('operate'))).not.toThrow();
  });

  it('refuses anything else, naming the fields and the scope they need', () => {
    const dto = { name: 'x', options: { retryRejects: true, pageSize: 500 } } as unknown as UpdateJobDto;
    expect(() => assertOperateMayChange(dto, key('operate'))).toThrow("Changing name, options.pageSize needs an API key of scope 'admin'");
  });

  it('leaves admin keys alone', () => {
    expect(() => assertOperateMayChange({ name: 'x' } as UpdateJobDto, key('admin'))).not.toThrow();
  });
});
