/**
 * The `Prefer` request header (RFC 7240 with the OData preferences Dataverse honours:
 * odata.maxpagesize, odata.include-annotations, odata.track-changes, return=representation,
 * odata.continue-on-error). Several Prefer headers arrive joined by commas; quoted values may contain
 * commas (`odata.include-annotations="a,b"`).
 */
export interface Preferences {
  maxPageSize?: number;
  includeAnnotations?: string;
  trackChanges: boolean;
  returnRepresentation: boolean;
  continueOnError: boolean;
}

function splitOutsideQuotes(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of value) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

export function parsePrefer(header: string | string[] | undefined): Preferences {
  const prefs: Preferences = { trackChanges: false, returnRepresentation: false, continueOnError: false };
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  for (const item of splitOutsideQuotes(value)) {
    const [name = '', ...rest] = item.split('=');
    const raw = rest.join('=').trim().replace(/^"|"$/g, '');
    switch (name.trim().toLowerCase()) {
      case 'odata.maxpagesize': {
        const n = Number(raw);
        if (Number.isInteger(n) && n > 0) prefs.maxPageSize = n;
        break;
      }
      case 'odata.include-annotations':
        prefs.includeAnnotations = raw;
        break;
      case 'odata.track-changes':
        prefs.trackChanges = true;
        break;
      case 'return':
        prefs.returnRepresentation = raw === 'representation';
        break;
      case 'odata.continue-on-error':
        prefs.continueOnError = raw === '' || raw === 'true';
        break;
    }
  }
  return prefs;
}

/** Which annotations a client asked for: `*`, exact names, or `Namespace.*` wildcards, comma-separated. */
export function annotationMatcher(pattern: string | undefined): (annotation: string) => boolean {
  if (!pattern) return () => false;
  const patterns = pattern.split(',').map((p) => p.trim()).filter(Boolean);
  return (annotation) =>
    patterns.some((p) => p === '*' || p === annotation || (p.endsWith('.*') && annotation.startsWith(p.slice(0, -1))));
}
