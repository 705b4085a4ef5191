/** Injection token of the validated {@link HubConfig}. */
export const HUB_CONFIG = Symbol('HUB_CONFIG');
