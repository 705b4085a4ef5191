import type { JobView, SchemaView } from '../support/api-shapes';
import type { HubRest } from '../support/hub-rest';
import type { StepPrinter } from '../support/step-printer';
import type { CrmTrack, TrackJobs } from './tracks';

/** What the demo created for one CRM, as the later steps need it. */
export interface TrackState {
  track: CrmTrack;
  accountId: string;
  schemas: Map<string, SchemaView>;
  jobIds: Partial<Record<keyof TrackJobs, string>>;
}

export interface StepContext {
  rest: HubRest;
  print: StepPrinter;
}

export async function createAccounts({ rest, print }: StepContext, tracks: CrmTrack[]): Promise<TrackState[]> {
  print.step('Create the two external accounts', 'POST /api/accounts   (settings checked against the plugin; secrets encrypted, never returned)');
  const states: TrackState[] = [];
  for (const track of tracks) {
    const account = await rest.post<{ id: string; secrets: Record<string, { set: boolean }> }>('/api/accounts', { name: track.accountName, pluginId: track.pluginId, config: track.settings });
    const stored = Object.entries(account.secrets).filter(([, state]) => state.set).map(([key]) => key);
    print.detail(`${track.accountName} (${track.pluginId}): ${account.id}; secret settings stored encrypted: ${stored.join(', ')}`);
    states.push({ track, accountId: account.id, schemas: new Map(), jobIds: {} });
  }
  return states;
}

export async function checkAccounts({ rest, print }: StepContext, states: TrackState[]): Promise<void> {
  print.step('Check them ("test connection")', 'POST /api/accounts/:id/check');
  for (const { track, accountId } of states) {
    const check = await rest.post<{ ok: boolean; reason?: string; durationMs: number; apiCalls: number }>(`/api/accounts/${accountId}/check`);
    if (!check.ok) throw new Error(`${track.accountName} failed its check: ${check.reason}`);
    print.detail(`${track.accountName}: ok in ${check.durationMs} ms, ${check.apiCalls} API call(s)`);
  }
}

export async function discover({ rest, print }: StepContext, states: TrackState[]): Promise<void> {
  print.step('Discover the CRM objects and describe one', 'GET /api/accounts/:id/objects   GET /api/accounts/:id/objects/:object');
  for (const { track, accountId } of states) {
    const { objects } = await rest.get<{ objects: { name: string; custom: boolean }[] }>(`/api/accounts/${accountId}/objects`);
    const described = await rest.get<{ object: { fields: unknown[] }; picklists: { id: string; multiSelect: boolean }[] }>(`/api/accounts/${accountId}/objects/${track.describedObject}`);
    const multi = described.picklists.filter((p) => p.multiSelect).length;
    print.detail(
      `${track.crm}: ${objects.length} objects (${objects.filter((o) => o.custom).length} custom); ${track.describedObject} has ${described.object.fields.length} fields, ${described.picklists.length} picklists (${multi} multi-select)`,
    );
  }
}

export async function generateSchemas({ rest, print }: StepContext, states: TrackState[]): Promise<void> {
  print.step('Generate hub schemas: a real table per CRM object, a typed column per field', 'POST /api/accounts/:id/schemas');
  for (const state of states) {
    const { schemas } = await rest.post<{ schemas: SchemaView[] }>(`/api/accounts/${state.accountId}/schemas`, { objects: state.track.schemas });
    for (const schema of schemas) {
      state.schemas.set(schema.object, schema);
      print.detail(`${state.track.crm} ${schema.object} → table ${schema.table} (${schema.fields.filter((f) => f.active).length} fields)`);
    }
  }
}

export async function syncEnumerations({ rest, print }: StepContext, states: TrackState[]): Promise<void> {
  print.step('Sync picklists into hub enumerations (one with replace)', 'GET /api/accounts/:id/picklists   POST /api/accounts/:id/enum-sync');
  for (const { track, accountId } of states) {
    const { picklists } = await rest.get<{ picklists: { id: string; usedBy: { field: string }[] }[] }>(`/api/accounts/${accountId}/picklists`);
    const bindings = track.enumFields.map(({ field, enumeration, replace }) => {
      const picklist = picklists.find((p) => p.usedBy.some((u) => u.field === field));
      if (!picklist) throw new Error(`${track.crm} has no picklist behind ${field}`);
      return { enumId: picklist.id, enumeration, replace };
    });
    const { results } = await rest.post<{ results: { picklist: string; enumeration: string; replace: boolean; added: string[]; removed: string[] }[] }>(`/api/accounts/${accountId}/enum-sync`, { bindings });
    for (const r of results) {
      print.detail(`${track.crm} ${r.picklist} → enumeration '${r.enumeration}' (${r.replace ? 'replace' : 'add'}): ${r.added.length} values added, ${r.removed.length} removed`);
    }
  }
}

export async function createJobs({ rest, print }: StepContext, states: TrackState[]): Promise<void> {
  print.step('Create import, deleted-import, export and delete jobs', 'POST /api/sync/jobs');
  for (const state of states) {
    const { track, accountId } = state;
    const schemaOf = (object: string) => (state.schemas.get(object) as SchemaView).id;
    const bodies: [keyof TrackJobs, Record<string, unknown>][] = [
      ['importJob', { operation: 'import', schemaId: schemaOf(track.importObject) }],
      ['exportJob', { operation: 'export', schemaId: schemaOf(track.exportObject), options: track.exportOptions, ...(track.exportMapping ? { mapping: track.exportMapping } : {}) }],
      ['deleteJob', { operation: 'delete', schemaId: schemaOf(track.exportObject) }],
    ];
    if (track.jobs.deletedImportJob) bodies.splice(1, 0, ['deletedImportJob', { operation: 'import-deleted', schemaId: schemaOf(track.importObject) }]);
    for (const [role, body] of bodies) {
      const job = await rest.post<JobView>('/api/sync/jobs', { name: track.jobs[role], accountId, ...body });
      state.jobIds[role] = job.id;
      print.detail(`${track.crm}: '${job.name}' (${job.operation} ${job.object})`);
    }
  }
}
