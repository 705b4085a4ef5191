// Runs TypeScript sources in plain Node.js, for tests and development only: the plugin host worker
// under Jest (the hub's build bundles the worker into dist/apps/hub/plugin-host.worker.js and never
// loads this), and scripts such as the isolation benchmark (`node run-typescript.cjs <file.ts>`).
//
// Why it exists: Jest compiles TypeScript in its own module system (ts-jest), which does not reach
// worker threads: a worker is plain Node.js. Instead of ts-node (another dependency, slow start),
// this registers a `.ts` loader that compiles each file with TypeScript's transpileModule and
// caches the output by content hash in the OS temp folder, so only the first run after a source
// changed pays for loading the compiler.
'use strict';
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { workerData } = require('node:worker_threads');

// node16 keeps `import()` a real dynamic import in CommonJS output (plugins may be ES modules or
// file URLs); commonjs would turn it into require().
const COMPILER_OPTIONS = {
  module: 'node16',
  moduleResolution: 'node16',
  target: 'es2022',
  esModuleInterop: true,
  importHelpers: false,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  inlineSourceMap: true,
};
const cacheDir = join(tmpdir(), `crm-hub-plugin-host-${typeof process.getuid === 'function' ? process.getuid() : 'user'}`);
const compilerVersion = JSON.parse(readFileSync(require.resolve('typescript/package.json'), 'utf8')).version;
let typescript;

function compile(source, filename) {
  const key = createHash('sha256').update(`${compilerVersion}\0${JSON.stringify(COMPILER_OPTIONS)}\0${filename}\0${source}`).digest('hex');
  const cached = join(cacheDir, `${key}.js`);
  try {
    return readFileSync(cached, 'utf8');
  } catch {
    typescript ??= require('typescript');
    const { options } = typescript.convertCompilerOptionsFromJson(COMPILER_OPTIONS, '/');
    const output = typescript.transpileModule(source, { fileName: filename, compilerOptions: options }).outputText;
    mkdirSync(cacheDir, { recursive: true });
    const partial = `${cached}.${process.pid}.${require('node:worker_threads').threadId}`;
    writeFileSync(partial, output);
    renameSync(partial, cached); // atomic: a concurrent worker reads either nothing or the whole file
    return output;
  }
}

require.extensions['.ts'] = (module, filename) => module._compile(compile(readFileSync(filename, 'utf8'), filename), filename);
require(workerData?.tsEntry ?? require('node:path').resolve(process.argv[2]));
