import { type DynamicModule, Module } from '@nestjs/common';
import {
  PLUGIN_REGISTRY_OPTIONS,
  type PluginRegistryAsyncOptions,
  type PluginRegistryOptions,
} from './plugin-registry.options';
import { PluginRegistry } from './plugin-registry.service';
import { PluginsController } from './plugins.controller';

/**
 * Finds, validates and loads the CRM plugins at start-up and serves `GET /plugins`. Import it once,
 * in the app module, with where to look:
 *
 * @example
 * ```ts
 * PluginRegistryModule.forRoot({ hostRoot: process.cwd(), pluginsDir: process.env.PLUGINS_DIR })
 * ```
 */
@Module({})
export class PluginRegistryModule {
  static forRoot(options: PluginRegistryOptions = {}): DynamicModule {
    return {
      module: PluginRegistryModule,
      global: false,
      controllers: [PluginsController],
      providers: [{ provide: PLUGIN_REGISTRY_OPTIONS, useValue: options }, PluginRegistry],
      exports: [PluginRegistry],
    };
  }

  static forRootAsync(options: PluginRegistryAsyncOptions): DynamicModule {
    return {
      module: PluginRegistryModule,
      global: false,
      imports: options.imports ?? [],
      controllers: [PluginsController],
      providers: [{ provide: PLUGIN_REGISTRY_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] }, PluginRegistry],
      exports: [PluginRegistry],
    };
  }
}
