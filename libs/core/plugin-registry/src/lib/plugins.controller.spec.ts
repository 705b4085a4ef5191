import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import request from 'supertest';
import { PluginRegistryModule } from './plugin-registry.module';
import { PluginsController, publicLocation, withoutFolders } from './plugins.controller';
import { commonJsPlugin, manifest, packageJson } from './test-support/plugin-fixtures';
import { PluginSandbox } from './test-support/plugin-sandbox';

describe(PluginsController.name, () => {
  let sandbox: PluginSandbox;
  let app: INestApplication;

  beforeAll(async () => {
    sandbox = new PluginSandbox();
    sandbox.dropIn('acme', { 'package.json': packageJson('acme'), 'dist/index.js': commonJsPlugin(manifest('acme')) });
    sandbox.dropIn('future', { 'package.json': packageJson('future', { contract: 2 }) });
    const moduleRef = await Test.createTestingModule({
      // forRootAsync as the hub uses it, reading the folders from its configuration (pluginsDir relative to hostRoot)
      imports: [PluginRegistryModule.forRootAsync({ useFactory: async () => ({ hostRoot: sandbox.hostRoot, pluginsDir: '../plugins.d' }) })],
    })
      .setLogger({ log: () => undefined, warn: () => undefined, error: () => undefined })
      .compile();
    app = moduleRef.createNestApplication();
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    sandbox.dispose();
  });

  it('GET /plugins lists the loaded plugins with their capabilities, and the refused packages with the reason', async () => {
    const response = await request(app.getHttpServer()).get('/plugins').expect(200);

    expect(response.text).not.toContain(sandbox.root);
    expect(response.body).toEqual({
      plugins: [
        {
          id: 'acme',
          name: 'acme CRM',
          packageName: '@acme/crm-hub-plugin-acme',
          version: '1.0.0',
          contract: 1,
          source: 'plugins-dir',
          location: 'acme', // relative to PLUGINS_DIR: no absolute path of the server
          capabilities: manifest('acme').capabilities,
          connectionSpec: manifest('acme').connectionSpec,
        },
      ],
      refused: [
        {
          package: '@acme/crm-hub-plugin-future@1.0.0',
          location: 'future',
          source: 'plugins-dir',
          reason: 'built for plugin contract 2, this hub supports contract 1: install a version of the plugin built for contract 1 or upgrade the hub',
        },
      ],
    });
  });

  it('GET /plugins/:id answers one plugin', async () => {
    const response = await request(app.getHttpServer()).get('/plugins/acme').expect(200);

    expect(response.body).toMatchObject({ id: 'acme', name: 'acme CRM', capabilities: { write: { maxBatch: 200 } } });
  });

  it('GET /plugins/:id answers 404 naming the id, with the reason when the plugin was refused', async () => {
    const unknown = await request(app.getHttpServer()).get('/plugins/hubspot').expect(404);
    const refused = await request(app.getHttpServer()).get('/plugins/future').expect(404);

    expect(unknown.body.message).toBe('No CRM plugin "hubspot" is installed');
    expect(refused.body.message).toMatch(/^CRM plugin "future" is not loaded: it was refused: built for plugin contract 2/);
  });

  it('is described in the OpenAPI document', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());

    expect(document.paths['/plugins']?.get?.tags).toEqual(['plugins']);
    expect(document.paths['/plugins']?.get?.responses['200']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/PluginListDto' } } },
    });
    expect(document.paths['/plugins/{id}']?.get?.responses).toHaveProperty('404');
    const schemas = document.components?.schemas ?? {};
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining(['PluginListDto', 'PluginDto', 'PluginRefusalDto', 'PluginCapabilitiesDto', 'PluginWriteCapabilitiesDto']),
    );
    expect(schemas['PluginDto']).toMatchObject({
      required: expect.arrayContaining(['id', 'name', 'packageName', 'version', 'contract', 'source', 'location', 'capabilities', 'connectionSpec']),
    });
  });
});

describe(publicLocation.name, () => {
  const folders = { hostRoot: '/srv/hub', pluginsDir: '/srv/hub/plugins.d' };

  it('shows a drop-in relative to PLUGINS_DIR and a dependency relative to the installation', () => {
    expect(publicLocation('/srv/hub/plugins.d/acme', 'plugins-dir', folders)).toBe('acme');
    expect(publicLocation('/srv/hub/plugins.d/@acme/crm', 'plugins-dir', folders)).toBe('@acme/crm');
    expect(publicLocation('/srv/hub/node_modules/@crm-hub/plugin-salesforce', 'dependency', folders)).toBe('node_modules/@crm-hub/plugin-salesforce');
  });

  it('shows the package name (without version) for a folder outside both', () => {
    expect(publicLocation('/opt/elsewhere/acme', 'plugins-dir', folders, '@acme/crm-hub-plugin-acme@2.0.0')).toBe('@acme/crm-hub-plugin-acme');
    expect(publicLocation('/opt/elsewhere/acme', 'dependency', folders)).toBe('acme');
  });
});

describe(withoutFolders.name, () => {
  it('writes the known folders by name and cuts any other absolute path to its last segment', () => {
    const folders = { hostRoot: '/srv/hub', pluginsDir: '/srv/hub/plugins.d' };
    expect(withoutFolders('already provided by x@1.0.0 (/srv/hub/plugins.d/acme), which was loaded first', folders)).toBe(
      'already provided by x@1.0.0 (PLUGINS_DIR/acme), which was loaded first',
    );
    expect(withoutFolders('cannot read /srv/hub/node_modules/x/package.json', folders)).toBe('cannot read ./node_modules/x/package.json');
    expect(withoutFolders("package.json is a link to '/etc/passwd'", folders)).toBe("package.json is a link to '…/passwd'");
    expect(withoutFolders('use an https://example.com/a/b URL', folders)).toBe('use an https://example.com/a/b URL');
  });
});
