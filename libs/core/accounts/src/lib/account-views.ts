import type { AccountView } from './dto/account.view';
import type { ExternalAccountEntity } from './external-account.entity';

/** The API's view of an account: settings without secrets, and which secrets are set. */
export function toAccountView(account: ExternalAccountEntity, secretKeys: readonly string[] | undefined): AccountView {
  const keys = new Set([...(secretKeys ?? []), ...Object.keys(account.sealedSecrets)]);
  return {
    id: account.id,
    name: account.name,
    pluginId: account.pluginId,
    pluginAvailable: secretKeys !== undefined,
    config: { ...account.settings },
    secrets: Object.fromEntries([...keys].sort().map((k) => [k, { set: k in account.sealedSecrets }])),
    lastCheck:
      account.lastCheckStatus && account.lastCheckAt
        ? {
            status: account.lastCheckStatus,
            at: account.lastCheckAt.toISOString(),
            ...(account.lastCheckReason ? { reason: account.lastCheckReason } : {}),
            durationMs: account.lastCheckDurationMs ?? 0,
          }
        : null,
    createdAt: account.createdAt.toISOString(),
    updatedAt: account.updatedAt.toISOString(),
  };
}

/** Splits validated settings into plain ones and secrets (string values of secret keys). */
export function splitSecrets(
  config: Record<string, unknown>,
  secretKeys: readonly string[],
): { settings: Record<string, unknown>; secrets: Record<string, string> } {
  const settings: Record<string, unknown> = {};
  const secrets: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (secretKeys.includes(key) && typeof value === 'string') secrets[key] = value;
    else if (!secretKeys.includes(key)) settings[key] = value;
  }
  return { settings, secrets };
}

/** Applies a PATCH to the full settings: given keys replace, `null` removes, the rest is kept. */
export function applyConfigPatch(current: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const next = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}
