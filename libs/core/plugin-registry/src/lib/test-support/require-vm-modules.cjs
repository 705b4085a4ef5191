// Jest runs `import()` only when Node.js exposes its ES-module VM API, i.e. with
// --experimental-vm-modules; the loader under test depends on a real import().
module.exports = function requireVmModules() {
  if (typeof require('node:vm').SourceTextModule !== 'function') {
    throw new Error(
      'The plugin-registry specs load real plugin packages with import(): run them with ' +
        'NODE_OPTIONS=--experimental-vm-modules (`npx nx test plugin-registry` sets it).',
    );
  }
};
