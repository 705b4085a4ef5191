/** Settings of the accounts feature, from the host's configuration. */
export interface AccountsOptions {
  /** Folder where a generated secret key is kept when `secretKey` is not given. */
  dataDir: string;
  /** `HUB_SECRET_KEY`: 32 bytes as hex or base64. */
  secretKey?: string;
  /** `HUB_SECRET_KEY_PREVIOUS`: keys that only decrypt, while a rotation re-seals what they sealed. */
  previousSecretKeys?: string[];
  /** Time limit of "test connection" (plugin check), in milliseconds. */
  checkTimeoutMs: number;
}

export const ACCOUNTS_OPTIONS = Symbol('ACCOUNTS_OPTIONS');
