import { fromCollectionResult, isRetryableCode, parseBulkError } from './write-results';

describe(parseBulkError.name, () => {
  it('splits code, message and fields', () => {
    expect(parseBulkError('REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --')).toEqual({
      code: 'REQUIRED_FIELD_MISSING',
      message: 'Required fields are missing: [LastName]',
      fields: ['LastName'],
    });
    expect(parseBulkError('UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record: --')).toEqual({
      code: 'UNABLE_TO_LOCK_ROW',
      message: 'unable to obtain exclusive access to this record',
      fields: [],
    });
    expect(parseBulkError('DUPLICATE_VALUE:duplicate value found: External_Id__c:External_Id__c, Name --').fields).toEqual(['External_Id__c', 'Name']);
  });

  it('keeps an unexpected cell whole', () => {
    expect(parseBulkError('Something odd happened')).toEqual({ code: 'UNKNOWN_EXCEPTION', message: 'Something odd happened', fields: [] });
  });
});

describe(isRetryableCode.name, () => {
  it.each([
    ['UNABLE_TO_LOCK_ROW', true],
    ['REQUEST_RUNNING_TOO_LONG', true],
    ['QUERY_TIMEOUT', true],
    ['FIELD_CUSTOM_VALIDATION_EXCEPTION', false],
    ['DUPLICATE_VALUE', false],
    ['DUPLICATES_DETECTED', false],
    ['INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', false],
    ['REQUIRED_FIELD_MISSING', false],
    ['ENTITY_IS_DELETED', false],
  ])('%s → %s', (code, retryable) => {
    expect(isRetryableCode(code)).toBe(retryable);
  });
});

describe(fromCollectionResult.name, () => {
  it('keeps the statusCode, every message and every field of a rejected row', () => {
    const result = fromCollectionResult(
      'r1',
      {
        id: null,
        success: false,
        errors: [
          { statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [LastName]', fields: ['LastName'] },
          { statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Seats must be positive', fields: ['Seats__c'] },
        ],
      },
      'insert',
    );
    expect(result).toEqual({
      ref: 'r1',
      ok: false,
      error: {
        code: 'REQUIRED_FIELD_MISSING',
        message: 'Required fields are missing: [LastName]; Seats must be positive',
        fields: ['LastName', 'Seats__c'],
        retryable: false,
      },
    });
  });

  it('marks upserts created or matched, and inserts created', () => {
    expect(fromCollectionResult('a', { id: '003A', success: true, created: false }, 'upsert')).toEqual({ ref: 'a', ok: true, id: '003A', created: false });
    expect(fromCollectionResult('b', { id: '003B', success: true }, 'insert')).toEqual({ ref: 'b', ok: true, id: '003B', created: true });
    expect(fromCollectionResult('c', { id: '003C', success: true }, 'delete')).toEqual({ ref: 'c', ok: true, id: '003C' });
  });
});
