/** A value already in JSON text form (a number printed the way Salesforce prints it). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON.stringify that writes RawJson values verbatim (Node 20 has no JSON.rawJSON). */
export function stringifyRest(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : stringifyRest(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stringifyRest(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
