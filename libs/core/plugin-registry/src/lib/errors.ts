/**
 * Thrown when a caller asks for a plugin the registry does not offer: never installed, or refused
 * at start-up (then `reason` says why, as `GET /api/plugins` does).
 */
export class PluginNotAvailableError extends Error {
  override readonly name = 'PluginNotAvailableError';

  constructor(
    readonly pluginId: string,
    readonly reason?: string,
  ) {
    super(
      reason === undefined
        ? `CRM plugin "${pluginId}" is not installed: install its package or drop it into the plugins folder, then restart the hub`
        : `CRM plugin "${pluginId}" was refused: ${reason}`,
    );
  }
}

/**
 * Thrown when a plugin breaks the contract at run time (its connector lacks a method its manifest
 * promises). The plugin is refused from then on, with the same reason.
 */
export class PluginContractError extends Error {
  override readonly name = 'PluginContractError';

  constructor(
    readonly pluginId: string,
    readonly reason: string,
  ) {
    super(`CRM plugin "${pluginId}" breaks the plugin contract: ${reason}`);
  }
}

/**
 * Internal: one validation or loading step refused a package. The loader turns it into a
 * `PluginRefusal`; any other error is reported as unexpected.
 */
export class PluginRefusedError extends Error {
  override readonly name = 'PluginRefusedError';
}
