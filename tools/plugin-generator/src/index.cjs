// @ts-check
// The generator's entry point for the workspace (tsconfig paths: this is how `nx g` finds the package).
const crmPluginGenerator = require('./crm-plugin/generator.cjs');
const { renderPluginFiles } = require('./render-files.cjs');

module.exports = { crmPluginGenerator, renderPluginFiles };
