import type { Command } from 'commander';
import { withHub } from '../command-context';
import { answer } from '../hub/hub-client';
import { table } from '../output/table';

/** `crm-hub plugins`: the CRM plugins the hub loaded, and those it refused. */
export function registerPluginsCommand(program: Command): void {
  program
    .command('plugins')
    .description('list the CRM plugins the hub loaded (and those it refused, with the reason)')
    .action(
      withHub(async ({ hub, show }) => {
        const list = await answer(hub, hub.api.GET('/api/plugins'));
        show(list, () => {
          const loaded = table(
            ['id', 'name', 'version', 'source', 'changes', 'deletes', 'writes', 'bulk'],
            list.plugins.map((p) => [
              p.id,
              p.name,
              p.version,
              p.source,
              p.capabilities.changeStream,
              p.capabilities.deletes,
              (['insert', 'update', 'upsert', 'delete'] as const).filter((op) => p.capabilities.write[op]).join(' '),
              p.capabilities.bulk,
            ]),
          );
          const refused = list.refused.length ? `\nRefused:\n${table(['package', 'reason'], list.refused.map((r) => [r.package ?? r.location, r.reason]))}` : '';
          return loaded + refused;
        });
      }),
    );
}
