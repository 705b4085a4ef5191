import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { RestError } from '../errors';

/** Bulk API 2.0 `columnDelimiter` values. https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/create_job.htm */
const DELIMITERS: Record<string, string> = { COMMA: ',', SEMICOLON: ';', TAB: '\t', PIPE: '|', CARET: '^', BACKQUOTE: '`' };

export interface CsvFormat {
  columnDelimiter: string;
  lineEnding: string;
}

export function checkCsvFormat(format: Partial<CsvFormat>): CsvFormat {
  const columnDelimiter = format.columnDelimiter ?? 'COMMA';
  const lineEnding = format.lineEnding ?? 'LF';
  if (!DELIMITERS[columnDelimiter]) throw new RestError(400, 'INVALIDJOB', `InvalidJob : Invalid column delimiter: ${columnDelimiter}`);
  if (lineEnding !== 'LF' && lineEnding !== 'CRLF') throw new RestError(400, 'INVALIDJOB', `InvalidJob : Invalid line ending: ${lineEnding}`);
  return { columnDelimiter, lineEnding };
}

/** Result CSV as Bulk API 2.0 writes it: every value quoted, empty for null. */
export function writeCsv(format: CsvFormat, header: string[], rows: string[][]): string {
  return stringify([header, ...rows], {
    delimiter: DELIMITERS[format.columnDelimiter],
    record_delimiter: format.lineEnding === 'CRLF' ? 'windows' : 'unix',
    quoted: true,
    quoted_empty: true,
  });
}

/** Uploaded CSV: header row, then records (a ragged row fails the whole job). */
export function readCsv(format: CsvFormat, text: string): { header: string[]; rows: string[][] } {
  const records = parse(text, { delimiter: DELIMITERS[format.columnDelimiter], bom: true, skip_empty_lines: true, relax_quotes: false }) as string[][];
  const [header = [], ...rows] = records;
  return { header, rows };
}
