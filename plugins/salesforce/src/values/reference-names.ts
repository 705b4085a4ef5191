import { formatReference, type SyncMessage } from '@crm-hub/plugin-sdk';

/**
 * Names the target of polymorphic reference values (`Task.WhoId` → Contact or Lead, `OwnerId`
 * → User or Group): Salesforce ids start with the 3-character key prefix of their object, which
 * describeGlobal lists, so `00Q…` becomes `"Lead:00Q…"` (SDK `formatReference`) without asking
 * Salesforce per record (the alternative, selecting `Who.Type`, widens every query).
 *
 * An id whose prefix describeGlobal does not list (an object this user cannot see) stays a bare
 * id, and the first such prefix per connector becomes one `status` warning (see
 * {@link ReferenceNamer.takeWarnings}).
 *
 * @example
 * ```ts
 * const namer = new ReferenceNamer(new Map([['00Q', 'Lead']]), new Set());
 * namer.name('Task.WhoId', '00Q000000000001AAA'); // 'Lead:00Q000000000001AAA'
 * ```
 */
export class ReferenceNamer {
  private readonly pending: { field: string; prefix: string }[] = [];

  /**
   * @param byPrefix - key prefix → object name (from describeGlobal).
   * @param warned - prefixes already warned about (shared by a connector's reads, so each is warned once).
   */
  constructor(
    private readonly byPrefix: ReadonlyMap<string, string>,
    private readonly warned: Set<string>,
  ) {}

  /** The canonical value of a polymorphic reference: `"<Target>:<id>"`, or the bare id when the prefix is unknown. */
  name(field: string, id: string): string {
    const prefix = id.slice(0, 3);
    const target = this.byPrefix.get(prefix);
    if (target) return formatReference(target, id);
    if (!this.warned.has(prefix)) {
      this.warned.add(prefix);
      this.pending.push({ field, prefix });
    }
    return id;
  }

  /** Warnings for the unknown prefixes met since the last call (each prefix once per connector). */
  takeWarnings(object: string): SyncMessage[] {
    return this.pending.splice(0).map(({ field, prefix }) => ({
      kind: 'status',
      level: 'warn',
      code: 'UNKNOWN_KEY_PREFIX',
      message:
        `${object}.${field} holds ids with key prefix '${prefix}', which no object of describeGlobal has (one this user ` +
        `cannot see?): such values are emitted as bare ids, without their "<Target>:" part`,
    }));
  }
}
