import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { AccountPage } from './accounts/account-page';
import { AccountsPage } from './accounts/accounts-page';
import { NewAccountPage } from './accounts/new-account-page';
import { whenUnauthorized } from './api/hub-client';
import { AuditPage } from './audit/audit-page';
import { DiscoveryWizard } from './discovery/discovery-wizard';
import { EnumSyncPage } from './enumerations/enum-sync-page';
import { EnumerationsPage } from './enumerations/enumerations-page';
import { JobPage } from './jobs/job-page';
import { JobsPage } from './jobs/jobs-page';
import { NewJobPage } from './jobs/new-job-page';
import { RunPage } from './jobs/run-page';
import { KeysPage } from './keys/keys-page';
import { NewKeyPage } from './keys/new-key-page';
import { Shell } from './layout/shell';
import { PluginsPage } from './plugins/plugins-page';
import { RecordsPage } from './records/records-page';
import { SchemaPage } from './schemas/schema-page';
import { SchemasPage } from './schemas/schemas-page';
import { apiKeyStorage } from './session/api-key-storage';
import { SignIn } from './session/sign-in';

export function App() {
  const queries = useQueryClient();
  const [signedIn, setSignedIn] = useState(() => apiKeyStorage.get() !== null);
  const [expired, setExpired] = useState(false);

  const signOut = useCallback(() => {
    apiKeyStorage.clear();
    queries.clear();
    setSignedIn(false);
  }, [queries]);

  useEffect(
    () =>
      whenUnauthorized(() => {
        setExpired(true);
        signOut();
      }),
    [signOut],
  );

  if (!signedIn) {
    return (
      <SignIn
        notice={expired ? 'The hub no longer accepts that API key: sign in with a valid one.' : undefined}
        onSignedIn={() => {
          setExpired(false);
          setSignedIn(true);
        }}
      />
    );
  }
  return (
    <Shell onSignOut={signOut}>
      <Routes>
        <Route path="/" element={<Navigate to="/accounts" replace />} />
        <Route path="/plugins" element={<PluginsPage />} />
        <Route path="/accounts" element={<AccountsPage />} />
        <Route path="/accounts/new" element={<NewAccountPage />} />
        <Route path="/accounts/:id" element={<AccountPage />} />
        <Route path="/accounts/:id/discover" element={<DiscoveryWizard />} />
        <Route path="/accounts/:id/enumerations" element={<EnumSyncPage />} />
        <Route path="/schemas" element={<SchemasPage />} />
        <Route path="/schemas/:id" element={<SchemaPage />} />
        <Route path="/schemas/:id/records" element={<RecordsPage />} />
        <Route path="/enumerations" element={<EnumerationsPage />} />
        <Route path="/jobs" element={<JobsPage />} />
        <Route path="/jobs/new" element={<NewJobPage />} />
        <Route path="/jobs/:id" element={<JobPage />} />
        <Route path="/runs/:id" element={<RunPage />} />
        <Route path="/keys" element={<KeysPage />} />
        <Route path="/keys/new" element={<NewKeyPage />} />
        <Route path="/audit" element={<AuditPage />} />
        <Route path="*" element={<Navigate to="/accounts" replace />} />
      </Routes>
    </Shell>
  );
}
