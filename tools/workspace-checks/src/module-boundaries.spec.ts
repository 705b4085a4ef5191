import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The architecture's import rules are enforced by lint: these cases must fail `npm test`. The
 * offending files are linted in memory, as files of real projects (nothing is written into the
 * workspace, where other Nx processes would see it), with the ESLint CLI that CI runs.
 *
 * Hermetic on purpose: the lint rule reads Nx's cached project graph, and `npm test` runs other
 * Nx processes at the same time (a first run on a clean clone computes and rewrites that cache
 * while building). Reading the shared cache then raced with them — ESLint saw a graph without the
 * project of the linted file and reported nothing. So the graph is computed into a private
 * workspace-data folder (NX_WORKSPACE_DATA_DIRECTORY) that only this test's processes read, and
 * the workspace itself is never written to.
 */
describe('module boundaries', () => {
  // Not from @nx/devkit: loading Nx in the test process would leave its handles open.
  const workspaceRoot = join(__dirname, '../../..');
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-hub-nx-graph-'));
  const env = { ...process.env, NX_DAEMON: 'false', NX_WORKSPACE_DATA_DIRECTORY: dataDir, NX_NO_CLOUD: 'true' };
  let plugin: { root: string; packageName: string };

  beforeAll(() => {
    const graph = spawnSync(
      process.execPath,
      ['-e', "require('@nx/devkit').createProjectGraphAsync({ exitOnError: true }).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); })"],
      { cwd: workspaceRoot, env, encoding: 'utf8', timeout: 240_000 },
    );
    if (graph.status !== 0) throw new Error(`Computing the project graph failed (status ${graph.status}, ${graph.signal ?? 'no signal'}):\n${graph.stderr}`);
    plugin = anyPluginProject();
  }, 300_000);

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** A real plugin project of the graph (the test does not depend on which plugins exist). */
  function anyPluginProject(): { root: string; packageName: string } {
    const graph = JSON.parse(readFileSync(join(dataDir, 'project-graph.json'), 'utf8')) as {
      nodes: Record<string, { data: { root: string; tags?: string[] } }>;
    };
    const roots = Object.values(graph.nodes)
      .filter((n) => n.data.tags?.includes('type:plugin'))
      .map((n) => n.data.root)
      .sort();
    const root = roots[0];
    if (!root) throw new Error('No project tagged type:plugin in the workspace');
    return { root, packageName: (JSON.parse(readFileSync(join(workspaceRoot, root, 'package.json'), 'utf8')) as { name: string }).name };
  }

  /** Lints `code` as if it were `file`, and returns the boundary rule's messages. */
  function boundaryErrors(file: string, code: string): string[] {
    const eslint = spawnSync(join(workspaceRoot, 'node_modules/.bin/eslint'), ['--stdin', '--stdin-filename', file, '--format', 'json'], {
      cwd: workspaceRoot,
      input: code,
      encoding: 'utf8',
      env,
      timeout: 120_000,
    });
    let results: { messages: { ruleId: string | null; message: string }[] }[];
    try {
      results = JSON.parse(eslint.stdout) as typeof results;
    } catch {
      throw new Error(`ESLint gave no report (status ${eslint.status}, ${eslint.signal ?? 'no signal'}):\n${eslint.stdout}\n${eslint.stderr}`);
    }
    return (results[0]?.messages ?? []).filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
  }

  it('fails when a plugin imports a core library, in its code and in its tests', () => {
    const code = "import { AccountsModule } from '@crm-hub/accounts';\nexport const x = AccountsModule;\n";
    // A plugin is a buildable package: the rule refuses its code's import of an unbuilt library first.
    expect(boundaryErrors(`${plugin.root}/src/bad.ts`, code).join('\n')).toMatch(
      /Buildable libraries cannot import or export from non-buildable libraries|"type:plugin" can only depend on libs tagged with "type:sdk"/,
    );
    expect(boundaryErrors(`${plugin.root}/src/bad.spec.ts`, code).join('\n')).toMatch(
      /"type:plugin" can only depend on libs tagged with "type:sdk", "type:testing", "type:tool"/,
    );
  }, 240_000);

  it('fails when the app imports a plugin', () => {
    const errors = boundaryErrors('apps/hub/src/bad.ts', `import plugin from '${plugin.packageName}';\nexport const x = plugin;\n`);
    expect(errors.join('\n')).toMatch(/"type:app" can only depend on libs tagged with "type:feature", "type:data-access", "type:sdk"/);
  }, 120_000);

  it('fails when the SDK imports NestJS', () => {
    const errors = boundaryErrors('libs/plugin-sdk/src/bad.ts', "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n");
    expect(errors.join('\n')).toMatch(/"type:sdk" is not allowed to import "@nestjs\/common"/);
  }, 120_000);

  it('lets a plugin use the SDK, and its tests the conformance kit', () => {
    expect(boundaryErrors(`${plugin.root}/src/ok.ts`, "import { defineCrmPlugin } from '@crm-hub/plugin-sdk';\nexport const x = defineCrmPlugin;\n")).toEqual([]);
    expect(
      boundaryErrors(`${plugin.root}/src/ok.spec.ts`, "import { describeConformance } from '@crm-hub/plugin-testing';\nexport const x = describeConformance;\n"),
    ).toEqual([]);
  }, 240_000);
});
