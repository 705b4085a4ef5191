import type { ReadRequest, SyncMessage } from '@crm-hub/plugin-sdk';
import { nextClockTick } from '../collect';
import { fail } from '../conformance-error';
import { defineRule } from '../rule-session';
import { dataMessages, exactlyOnceProblems, idsOf, lastCheckpoint, list, requireFinalCheckpoint } from '../sync-messages';

/** Stops a read at the first checkpoint that follows some data: where a failed run would resume. */
function firstCheckpointAfterData(msg: SyncMessage, seen: readonly SyncMessage[]): boolean {
  return msg.kind === 'checkpoint' && seen.some((m) => m.kind === 'upsert' || m.kind === 'delete');
}

/**
 * Rule `resume` (contract rule 1): resuming from a checkpoint re-emits nothing it covers and
 * misses nothing, even when many records share one modification time across a page boundary;
 * changes and (for `deletes: 'stream'`) deletes after a checkpoint come out exactly once.
 *
 * The suite's object must be incremental (`cursor` or `delta`). A `cursor` read must emit a
 * checkpoint after each page; a `delta` read may checkpoint only at its end (a delta token).
 *
 * @example
 * ```ts
 * await resumeRule.run(options);
 * ```
 */
export const resumeRule = defineRule(
  'resume',
  'resumes from any checkpoint without repeating or missing records, even many sharing one timestamp across pages',
  async (session) => {
    const { crm, object, pageSize, plugin, clockResolutionMs } = session.options;
    const { connector } = await session.open();
    const target = await session.describeObject(connector);
    if (target.incremental === 'none') {
      fail(`'${object}' has incremental 'none', so read() cannot resume: run the suite on an object read() can resume`);
    }
    // The object may say how its deletes come when it differs from the manifest (CrmObject.deletes).
    const deletesMode = target.deletes ?? plugin.manifest.capabilities.deletes;
    const stream = deletesMode === 'stream';
    const base: ReadRequest = { object, fields: [], pageSize, ...(stream ? { deletes: 'include' as const } : {}) };

    await crm.reset(object);
    const old = await crm.createRecords(object, Math.ceil(pageSize * 1.5));
    const full = await session.read(connector, base, { label: 'a full read' });
    requireFinalCheckpoint(full, 'a full read');
    const afterFull = lastCheckpoint(full) ?? fail('a full read emitted no checkpoint');

    // 1. Nothing changed: nothing may come out again.
    const idle = await session.read(
      connector,
      { ...base, checkpoint: afterFull },
      { label: 'read() from the final checkpoint of a full read' },
    );
    const again = dataMessages(idle).map((m) => m.id);
    if (again.length) {
      fail(
        `read() from the final checkpoint of a full read, with nothing changed in the CRM, emitted ${list(again)} again: ` +
          'a checkpoint covers every record emitted before it (compare (modifiedAt, id) tuples, not modifiedAt alone with >=)',
      );
    }

    // 2. Three pages of records sharing ONE modification time; stop at the first checkpoint, resume from it.
    const fresh = await crm.createRecords(object, pageSize * 3, { modifiedAt: await nextClockTick(clockResolutionMs) });
    const firstPart = await session.read(
      connector,
      { ...base, checkpoint: afterFull },
      { until: firstCheckpointAfterData, label: 'read() of new records sharing one timestamp, up to its first checkpoint' },
    );
    const cut =
      lastCheckpoint(firstPart) ?? fail(`read() from a checkpoint emitted ${idsOf(firstPart, 'upsert').length} records and no checkpoint`);
    const before = idsOf(firstPart, 'upsert');
    if (before.length >= fresh.length && target.incremental === 'cursor') {
      fail(
        `read() with pageSize ${pageSize} emitted its first checkpoint only after all ${fresh.length} new records: ` +
          'a cursor read emits a checkpoint after every page, so a failed run resumes where it stopped',
      );
    }
    const rest = await session.read(
      connector,
      { ...base, checkpoint: cut },
      { label: 'read() from a checkpoint in the middle of one timestamp' },
    );
    requireFinalCheckpoint(rest, 'read() from a checkpoint in the middle of one timestamp');
    const union = exactlyOnceProblems([...before, ...idsOf(rest, 'upsert')], fresh);
    if (union.length) {
      fail(
        `${fresh.length} records share one modification time; reading up to the checkpoint after ${before.length} of them and ` +
          `resuming from it ${union.join('; ')}: compare (modifiedAt, id) tuples strictly, so the boundary is neither repeated (>=) nor skipped (>)`,
      );
    }

    // 3. Updates (and deletes) after the last checkpoint come out exactly once.
    const resumeFrom = lastCheckpoint(rest) ?? cut;
    const updated = [...new Set([old[0], fresh[1], fresh[fresh.length - 1]])].filter((id): id is string => id !== undefined);
    const deleted = [old[1], fresh[2]].filter((id): id is string => id !== undefined);
    await crm.updateRecords(object, updated, { modifiedAt: await nextClockTick(clockResolutionMs) });
    await crm.deleteRecords(object, deleted);
    const what = `read() from a checkpoint after updating ${updated.length} and deleting ${deleted.length} records`;
    const delta = await session.read(connector, { ...base, checkpoint: resumeFrom }, { label: what });
    requireFinalCheckpoint(delta, what);
    const upserts = exactlyOnceProblems(idsOf(delta, 'upsert'), updated);
    if (upserts.length) fail(`${what}: its upserts ${upserts.join('; ')} (expected exactly the updated records)`);
    if (stream) {
      const deletes = exactlyOnceProblems(idsOf(delta, 'delete'), deleted);
      if (deletes.length) fail(`${what} with deletes: 'include' (deletes of '${object}' are streamed): its deletes ${deletes.join('; ')}`);
    }
  },
);
