import type { ReactNode } from 'react';
import { NavLink } from 'react-router';

const SECTIONS = [
  { to: '/accounts', label: 'Accounts' },
  { to: '/schemas', label: 'Schemas' },
  { to: '/enumerations', label: 'Enumerations' },
  { to: '/jobs', label: 'Jobs' },
  { to: '/plugins', label: 'Plugins' },
  { to: '/keys', label: 'API keys' },
  { to: '/audit', label: 'Audit log' },
];

/** The frame of every screen once signed in: navigation, sign-out, the page. */
export function Shell({ children, onSignOut }: { children: ReactNode; onSignOut: () => void }) {
  return (
    <>
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <header className="top-bar">
        <span className="brand">CRM Hub</span>
        <nav aria-label="Sections">
          <ul>
            {SECTIONS.map((s) => (
              <li key={s.to}>
                <NavLink to={s.to}>{s.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" className="secondary" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main id="content" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
