import { parseJobError } from './bulk-jobs';

describe(parseJobError.name, () => {
  it("splits a failed job's errorMessage into the exception code, the message and the field it names", () => {
    expect(parseJobError('InvalidBatch : Field name not found : Nope__c')).toEqual({
      code: 'InvalidBatch',
      message: 'Field name not found : Nope__c',
      fields: ['Nope__c'],
    });
    expect(parseJobError('ClientInputError : LineEnding is invalid on user data')).toEqual({
      code: 'ClientInputError',
      message: 'LineEnding is invalid on user data',
      fields: [],
    });
  });

  it('keeps an unexpected message whole', () => {
    expect(parseJobError('something odd')).toEqual({ code: 'BULK_JOB_FAILED', message: 'something odd', fields: [] });
    expect(parseJobError(undefined).code).toBe('BULK_JOB_FAILED');
  });
});
