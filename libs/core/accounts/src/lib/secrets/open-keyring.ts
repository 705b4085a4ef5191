import type { AccountsOptions } from '../accounts.options';
import { loadSecretKey, parseSecretKey } from './secret-key';
import { SecretKeyring } from './secret-keyring';

/**
 * Builds the keyring from the settings: the current key (HUB_SECRET_KEY, else data/secret.key,
 * generated on first start unless `generate` is false) and the previous keys. The description
 * names where the key came from and its fingerprint, never the key.
 */
export function openKeyring(
  options: Pick<AccountsOptions, 'dataDir' | 'secretKey' | 'previousSecretKeys'>,
  generate = true,
): { keyring: SecretKeyring; describe: { message: string; generated: boolean } } {
  const loaded = loadSecretKey({ dataDir: options.dataDir, generate, ...(options.secretKey ? { envKey: options.secretKey } : {}) });
  const previous = (options.previousSecretKeys ?? []).map((k, i) => parseSecretKey(k.trim(), `HUB_SECRET_KEY_PREVIOUS (key ${i + 1})`));
  const keyring = new SecretKeyring(loaded.key, previous);
  const fingerprint = keyring.current.fingerprint;
  const others = keyring.fingerprints.slice(1);
  const also = others.length ? `; previous key(s) ${others.join(', ')} only decrypt` : '';
  if (loaded.source === 'generated') {
    return {
      keyring,
      describe: {
        generated: true,
        message: `Generated a new secret key in ${loaded.path} (mode 0600, fingerprint ${fingerprint}). Back it up, or set HUB_SECRET_KEY: without it the stored CRM secrets cannot be decrypted.`,
      },
    };
  }
  const from = loaded.source === 'env' ? 'HUB_SECRET_KEY' : loaded.path;
  return { keyring, describe: { generated: false, message: `Account secrets are encrypted with the key from ${from} (fingerprint ${fingerprint})${also}` } };
}
