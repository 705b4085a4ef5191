/**
 * A tiny in-memory CRM for the kit's own tests: a store of rows with modification stamps and
 * tombstones, an API whose every call counts as one request, and a clock. It behaves like the
 * real services where the contract cares: many rows can share one stamp, deletions are stamped
 * and queryable (like Salesforce's queryAll), writes answer per record (like sObject Collections).
 */

/** One stored row; `fields` hold native values (multi-selects as "a;b", decimals as strings). */
export interface MemoryRow {
  id: string;
  modifiedAt: string;
  deleted: boolean;
  fields: Record<string, unknown>;
  /**
   * The fields updates have changed since the row was created (absent: never updated). Like a
   * delta feed (Dataverse change tracking), an incremental read sends only these.
   */
  changed?: string[];
}

/** How the API answers a refused call (like a REST error body with its HTTP status). */
export class MemoryApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'MemoryApiError';
  }
}

/** One native field of the schema `describe` returns. */
export interface MemoryFieldSchema {
  name: string;
  nativeType: 'id' | 'string' | 'email' | 'int' | 'currency' | 'multipicklist' | 'picklist' | 'boolean' | 'date' | 'datetime' | 'address';
  required?: boolean;
  externalId?: boolean;
  readOnly?: boolean;
  picklist?: string[];
  components?: string[];
}

/** The per-record outcome of a write call, in input order. */
export interface MemoryWriteRow {
  success: boolean;
  id?: string;
  created?: boolean;
  errors?: { statusCode: string; message: string; fields?: string[] }[];
}

/** The schema: one writable object and one more to list. */
export const MEMORY_SCHEMA: Record<string, MemoryFieldSchema[]> = {
  Contact: [
    { name: 'Id', nativeType: 'id', readOnly: true },
    { name: 'LastName', nativeType: 'string', required: true },
    { name: 'Email', nativeType: 'email' },
    { name: 'Score', nativeType: 'int' },
    { name: 'Amount', nativeType: 'currency' },
    { name: 'Tags', nativeType: 'multipicklist', picklist: ['Gold', 'Silver', 'Bronze'] },
    { name: 'Level', nativeType: 'picklist', picklist: ['Lead', 'Customer'] },
    { name: 'Active', nativeType: 'boolean' },
    { name: 'BirthDate', nativeType: 'date' },
    { name: 'MailingStreet', nativeType: 'string' },
    { name: 'MailingCity', nativeType: 'string' },
    { name: 'MailingAddress', nativeType: 'address', components: ['MailingStreet', 'MailingCity'], readOnly: true },
    { name: 'ExternalId', nativeType: 'string', externalId: true },
    { name: 'SystemModstamp', nativeType: 'datetime', readOnly: true },
  ],
  Account: [
    { name: 'Id', nativeType: 'id', readOnly: true },
    { name: 'Name', nativeType: 'string', required: true },
    { name: 'SystemModstamp', nativeType: 'datetime', readOnly: true },
  ],
};

/** An in-memory CRM: see the file comment. */
export class MemoryCrm {
  readonly token = 'memory-token-7f3a9c2e51d04b8c';
  readonly dailyLimit = 15_000;
  private readonly tables = new Map<string, Map<string, MemoryRow>>();
  private served = 0;
  private sequence = 0;

  /** API requests served so far. */
  get requestCount(): number {
    return this.served;
  }

  /** The clock that stamps changes (wall time, millisecond precision). */
  now(): string {
    return new Date().toISOString();
  }

  // --- API: each call is one request, authenticated by the token ---

  async authenticate(token: string): Promise<{ user: string }> {
    await this.serve(token);
    return { user: 'integration@memory.example' };
  }

  async describe(token: string): Promise<Record<string, MemoryFieldSchema[]>> {
    await this.serve(token);
    return structuredClone(MEMORY_SCHEMA);
  }

  /** Rows matching `where` (tombstones included), ordered by (modifiedAt, id), at most `limit`. */
  async query(token: string, object: string, where: (row: MemoryRow) => boolean, limit: number): Promise<MemoryRow[]> {
    await this.serve(token);
    return [...this.table(object).values()]
      .filter(where)
      .sort((a, b) => (a.modifiedAt < b.modifiedAt ? -1 : a.modifiedAt > b.modifiedAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, limit)
      .map((row) => structuredClone(row));
  }

  async write(
    token: string,
    object: string,
    operation: 'insert' | 'update' | 'upsert' | 'delete',
    records: { id?: string; fields?: Record<string, unknown> }[],
    matchField?: string,
  ): Promise<MemoryWriteRow[]> {
    await this.serve(token);
    return records.map((record) => this.writeOne(object, operation, record, matchField));
  }

  // --- Administration, as a CRM user would do it (not API requests) ---

  reset(object: string): void {
    this.table(object).clear();
  }

  insert(object: string, fields: Record<string, unknown>, modifiedAt = this.now()): string {
    const id = `${object.slice(0, 3).toUpperCase()}${String(++this.sequence).padStart(12, '0')}`;
    this.table(object).set(id, { id, modifiedAt, deleted: false, fields: { ...fields } });
    return id;
  }

  update(object: string, id: string, fields: Record<string, unknown>, modifiedAt = this.now()): void {
    const row = this.live(object, id);
    if (!row) throw new MemoryApiError(404, 'ENTITY_IS_DELETED', `entity ${id} is deleted or does not exist`);
    Object.assign(row.fields, fields);
    row.changed = [...new Set([...(row.changed ?? []), ...Object.keys(fields)])];
    row.modifiedAt = modifiedAt;
  }

  /** The live row as stored (a copy), or undefined when deleted or unknown. */
  record(object: string, id: string): MemoryRow | undefined {
    const row = this.live(object, id);
    return row && structuredClone(row);
  }

  remove(object: string, id: string): void {
    const row = this.live(object, id);
    if (!row) throw new MemoryApiError(404, 'ENTITY_IS_DELETED', `entity ${id} is deleted or does not exist`);
    row.deleted = true;
    row.modifiedAt = this.now();
  }

  // --- internals ---

  private async serve(token: string): Promise<void> {
    this.served++;
    // Answer on a later turn of the event loop, as a network call would.
    await new Promise((resolve) => setImmediate(resolve));
    if (token !== this.token) throw new MemoryApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
  }

  private table(object: string): Map<string, MemoryRow> {
    if (!MEMORY_SCHEMA[object]) throw new MemoryApiError(404, 'NOT_FOUND', `sObject type '${object}' is not supported`);
    let table = this.tables.get(object);
    if (!table) this.tables.set(object, (table = new Map()));
    return table;
  }

  private live(object: string, id: string | undefined): MemoryRow | undefined {
    const row = id === undefined ? undefined : this.table(object).get(id);
    return row && !row.deleted ? row : undefined;
  }

  private writeOne(
    object: string,
    operation: 'insert' | 'update' | 'upsert' | 'delete',
    record: { id?: string; fields?: Record<string, unknown> },
    matchField?: string,
  ): MemoryWriteRow {
    const reject = (statusCode: string, message: string, fields?: string[]): MemoryWriteRow => ({
      success: false,
      errors: [{ statusCode, message, ...(fields ? { fields } : {}) }],
    });
    const fields = record.fields ?? {};
    const schema = MEMORY_SCHEMA[object] ?? [];
    const unknown = Object.keys(fields).filter((name) => !schema.some((f) => f.name === name && !f.readOnly));
    if (unknown.length) return reject('INVALID_FIELD', `No such writable column '${unknown[0]}' on ${object}`, unknown);
    if (operation === 'delete' || operation === 'update') {
      if (!this.live(object, record.id)) return reject('ENTITY_IS_DELETED', `entity ${String(record.id)} is deleted or does not exist`);
      if (operation === 'delete') this.remove(object, record.id as string);
      else this.update(object, record.id as string, fields);
      return { success: true, id: record.id as string };
    }
    let existing: MemoryRow | undefined;
    if (operation === 'upsert') {
      if (!matchField || !schema.some((f) => f.name === matchField && f.externalId))
        return reject('INVALID_FIELD', `${String(matchField)} is not an external id`);
      const key = fields[matchField];
      if (key === undefined || key === null || key === '') return reject('MISSING_ARGUMENT', `${matchField} not specified`, [matchField]);
      existing = [...this.table(object).values()].find((row) => !row.deleted && row.fields[matchField] === key);
    }
    if (existing) {
      this.update(object, existing.id, fields);
      return { success: true, id: existing.id, created: false };
    }
    const missing = schema.filter((f) => f.required && (fields[f.name] === undefined || fields[f.name] === '')).map((f) => f.name);
    if (missing.length) return reject('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
    return { success: true, id: this.insert(object, fields), created: true };
  }
}
