import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { components } from '../generated/hub-api';

type Created = components['schemas']['CreatedKeyView'];

/**
 * The key just created, the only time the hub shows it: a read-only field, Copy, and a warning. The
 * key lives in this component's props only (the mutation's answer): nothing writes it to storage,
 * the URL or the list of keys.
 */
export function CreatedKey({ created, onAnother }: { created: Created; onAnother: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'refused' | undefined>();
  // The form the user was in is gone: move them to what replaced it, so screen readers announce it.
  useEffect(() => heading.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied('yes');
    } catch {
      // Clipboard access can be refused (browser policy, no permission): leave the key selected for Ctrl+C.
      field.current?.select();
      setCopied('refused');
    }
  }

  return (
    <section className="created-key" aria-labelledby="created-key-title">
      <h2 id="created-key-title" tabIndex={-1} ref={heading}>
        Key "{created.name}" created
      </h2>
      <p className="warning" role="note">
        <strong>Copy the key now: it will not be shown again.</strong> The hub keeps only a hash of it. If it is lost, revoke it and create another one.
      </p>
      <div className="field">
        <label htmlFor="created-key">The new API key</label>
        <div className="buttons">
          <input id="created-key" ref={field} readOnly value={created.key} size={created.key.length} autoComplete="off" spellCheck={false} onFocus={(e) => e.target.select()} />
          <button type="button" onClick={copy}>
            Copy
          </button>
        </div>
        <p role="status" className={copied === 'refused' ? 'failed' : 'ok'}>
          {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'refused' ? 'The browser refused the clipboard: the key is selected, copy it with Ctrl+C (⌘C).' : ''}
        </p>
      </div>
      <p>
        Scope <strong>{created.scope}</strong>, {created.accounts === null ? 'every account' : `${created.accounts.length} account${created.accounts.length === 1 ? '' : 's'}`},{' '}
        {created.expiresAt ? `expires ${new Date(created.expiresAt).toLocaleString()}` : 'does not expire'}. Send it as <code>Authorization: Bearer &lt;key&gt;</code>.
      </p>
      <div className="buttons">
        <Link className="button" to="/keys">
          Done
        </Link>
        <button type="button" className="secondary" onClick={onAnother}>
          Create another key
        </button>
      </div>
    </section>
  );
}
