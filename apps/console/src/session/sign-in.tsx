import { useState, type FormEvent } from 'react';
import { hub } from '../api/hub-client';
import { HubError, unwrap } from '../api/problem';
import { ErrorNotice } from '../ui/error-notice';
import { apiKeyStorage } from './api-key-storage';

/** Asks for an API key and keeps it for this tab once the hub accepts it. */
export function SignIn({ notice, onSignedIn }: { notice?: string; onSignedIn: () => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<HubError | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      // Any authenticated read proves the key; the plugin list is small.
      await unwrap(hub.GET('/api/plugins', { headers: { Authorization: `Bearer ${key.trim()}` } }));
      apiKeyStorage.set(key.trim());
      onSignedIn();
    } catch (e) {
      setError(e instanceof HubError ? e : undefined);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <h1>CRM Hub console</h1>
      {notice && <p role="status">{notice}</p>}
      <form onSubmit={submit} aria-describedby="sign-in-help">
        <label htmlFor="api-key">API key</label>
        <input id="api-key" type="password" autoComplete="off" required value={key} onChange={(e) => setKey(e.target.value)} aria-invalid={error ? true : undefined} />
        <p id="sign-in-help" className="hint">
          A key from <code>HUB_API_KEYS</code> or the one the hub printed at its first start. It is kept in this tab only and forgotten when you sign out or close it.
        </p>
        <ErrorNotice error={error} />
        <button type="submit" disabled={busy || key.trim() === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
