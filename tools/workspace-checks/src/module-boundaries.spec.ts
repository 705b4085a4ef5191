import { createProjectGraphAsync, workspaceRoot } from '@nx/devkit';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The architecture's import rules are enforced by lint: these cases must fail `npm test`. A
 * throw-away plugin project stands in for a real one; the offending files are linted in memory.
 */
describe('module boundaries', () => {
  const probe = `zz-boundary-probe-${process.pid}`;
  const probeRoot = join(workspaceRoot, 'plugins', probe);

  beforeAll(async () => {
    mkdirSync(join(probeRoot, 'src'), { recursive: true });
    writeFileSync(join(probeRoot, 'project.json'), JSON.stringify({ name: probe, projectType: 'library', tags: ['type:plugin'], sourceRoot: `plugins/${probe}/src` }));
    writeFileSync(join(probeRoot, 'package.json'), JSON.stringify({ name: `@crm-hub/plugin-${probe}`, version: '0.0.0', main: 'src/index.js' }));
    writeFileSync(join(probeRoot, 'src', 'index.ts'), 'export const probe = 1;\n');
    process.env['NX_DAEMON'] = 'false';
    await createProjectGraphAsync({ exitOnError: false });
  }, 120_000);

  afterAll(() => rmSync(probeRoot, { recursive: true, force: true }));

  /** Lints `code` as if it were `file`, with the ESLint CLI that CI runs. */
  async function boundaryErrors(file: string, code: string): Promise<string[]> {
    const eslint = spawnSync(join(workspaceRoot, 'node_modules/.bin/eslint'), ['--stdin', '--stdin-filename', file, '--format', 'json'], {
      cwd: workspaceRoot,
      input: code,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false' },
    });
    const [result] = JSON.parse(eslint.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
    return (result?.messages ?? []).filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
  }

  it('fails when a plugin imports a core library', async () => {
    const errors = await boundaryErrors(`plugins/${probe}/src/bad.ts`, "import { AccountsModule } from '@crm-hub/accounts';\nexport const x = AccountsModule;\n");
    expect(errors.join('\n')).toMatch(/"type:plugin" can only depend on libs tagged with "type:sdk"/);
  });

  it('fails when the app imports a plugin', async () => {
    const errors = await boundaryErrors('apps/hub/src/bad.ts', `import { probe } from '@crm-hub/plugin-${probe}';\nexport const x = probe;\n`);
    expect(errors.join('\n')).toMatch(/"type:app" can only depend on libs tagged with "type:feature", "type:data-access", "type:sdk"/);
  });

  it('fails when the SDK imports NestJS', async () => {
    const errors = await boundaryErrors('libs/plugin-sdk/src/bad.ts', "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n");
    expect(errors.join('\n')).toMatch(/"type:sdk" is not allowed to import "@nestjs\/common"/);
  });

  it('lets a plugin use the SDK, and its tests the conformance kit', async () => {
    expect(await boundaryErrors(`plugins/${probe}/src/ok.ts`, "import { defineCrmPlugin } from '@crm-hub/plugin-sdk';\nexport const x = defineCrmPlugin;\n")).toEqual([]);
    expect(
      await boundaryErrors(`plugins/${probe}/src/ok.spec.ts`, "import { describeConformance } from '@crm-hub/plugin-testing';\nexport const x = describeConformance;\n"),
    ).toEqual([]);
  });
});
