import { resultSetsToRead } from './bulk-ingest-writer';

describe(resultSetsToRead.name, () => {
  const job = { id: '750000000000001AAA' };

  it('reads only the sets a complete job counts rows in', () => {
    expect(resultSetsToRead({ ...job, state: 'JobComplete', numberRecordsProcessed: 10, numberRecordsFailed: 0 })).toEqual({
      successful: true,
      failed: false,
      unprocessed: false,
    });
    expect(resultSetsToRead({ ...job, state: 'JobComplete', numberRecordsProcessed: 10, numberRecordsFailed: 10 })).toEqual({
      successful: false,
      failed: true,
      unprocessed: false,
    });
    expect(resultSetsToRead({ ...job, state: 'JobComplete', numberRecordsProcessed: 10, numberRecordsFailed: 3 })).toEqual({
      successful: true,
      failed: true,
      unprocessed: false,
    });
  });

  it('reads every set when the counts are missing, and unprocessed records only of a job that did not complete', () => {
    expect(resultSetsToRead({ ...job, state: 'JobComplete' })).toEqual({ successful: true, failed: true, unprocessed: false });
    expect(resultSetsToRead({ ...job, state: 'Failed', numberRecordsProcessed: 4, numberRecordsFailed: 0 })).toEqual({
      successful: true,
      failed: true,
      unprocessed: true,
    });
    expect(resultSetsToRead({ ...job, state: 'Aborted' })).toEqual({ successful: true, failed: true, unprocessed: true });
  });
});
