/** One JSON log line of the hub (pino). */
export interface LogLine {
  level: number;
  msg?: string;
  context?: string;
  [field: string]: unknown;
}

/** Every line the hub printed, parsed; fails, quoting them, if any line is not JSON. */
export function logLines(output: string): LogLine[] {
  const lines = output.split('\n').filter((l) => l.trim() !== '');
  const notJson = lines.filter((l) => {
    try {
      return typeof JSON.parse(l) !== 'object';
    } catch {
      return true;
    }
  });
  if (notJson.length > 0) throw new Error(`The hub printed lines that are not JSON:\n${notJson.join('\n')}`);
  return lines.map((l) => JSON.parse(l) as LogLine);
}
