/**
 * The parts of the hub's answers the demo reads (the full shapes are in the OpenAPI document at
 * /docs/openapi.json; the CLI is typed against it, the demo only needs these few fields).
 */

export interface RunView {
  id: string;
  jobId: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'paused' | 'cancelled';
  trigger: string;
  full: boolean;
  counters: { read: number; inserted: number; updated: number; deleted: number; rejected: number; skipped: number };
  apiCalls: number;
  progress: { records: number; total?: number; recordsPerSecond?: number };
  error?: { code: string; message: string };
  notes: { code: string; message: string }[];
  durationSeconds?: number;
}

export interface JobView {
  id: string;
  name: string;
  operation: 'import' | 'import-deleted' | 'export' | 'delete';
  object: string;
  mode: string;
}

export interface SchemaView {
  id: string;
  object: string;
  table: string;
  fields: { name: string; column: string | null; active: boolean }[];
}

export interface RejectView {
  crmId?: string;
  hubId?: string;
  field?: string;
  fields?: string[];
  value?: string;
  code: string;
  reason: string;
}

export interface RecordView {
  hubId: string;
  crmId: string | null;
  values: Record<string, unknown>;
}

/** The column of a CRM field in a schema's table (the hub names them; the demo never guesses). */
export function columnOf(schema: SchemaView, field: string): string {
  const column = schema.fields.find((f) => f.name === field)?.column;
  if (!column) throw new Error(`The schema of ${schema.object} has no column for ${field}`);
  return column;
}
