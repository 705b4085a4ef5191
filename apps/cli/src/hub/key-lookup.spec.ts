import { UsageError } from '../usage-error';
import type { Schema } from './hub-client';
import { pickKey } from './key-lookup';

type KeyView = Schema<'KeyView'>;

const key = (id: string, name: string, prefix: string, status: KeyView['status'] = 'active'): KeyView => ({
  id,
  name,
  prefix,
  scope: 'read',
  accounts: null,
  source: id.startsWith('env:') ? 'environment' : 'stored',
  createdAt: null,
  expiresAt: null,
  lastUsedAt: null,
  revokedAt: status === 'revoked' ? '2026-12-01T00:00:00.000Z' : null,
  status,
});

describe('pickKey', () => {
  const keys = [
    key('env:1', 'HUB_API_KEYS #1', 'e2e-key-cli-'),
    key('7d7c1a52-0000-4000-8000-000000000001', 'dashboard', 'chub_Ab3xY7q'),
    key('7d7c1a52-0000-4000-8000-000000000002', 'Dashboard', 'chub_Zz9kLm2'),
    key('7d7c1a52-0000-4000-8000-000000000003', 'bot', 'chub_Qq1wEr4', 'revoked'),
    key('7d7c1a52-0000-4000-8000-000000000004', 'bot', 'chub_Tt5yUi6'),
  ];

  it('finds a key by id, by its prefix as lists print it (with or without …, or the whole key), and by name', () => {
    expect(pickKey(keys, 'env:1').name).toBe('HUB_API_KEYS #1');
    expect(pickKey(keys, 'chub_Ab3xY7q…').name).toBe('dashboard');
    expect(pickKey(keys, 'chub_Ab3xY7q').name).toBe('dashboard');
    expect(pickKey(keys, 'chub_Zz9kLm2-the-rest-of-the-secret').name).toBe('Dashboard');
    expect(pickKey(keys, 'dashboard').prefix).toBe('chub_Ab3xY7q');
  });

  it('prefers the key still in use when a revoked one has the same name', () => {
    expect(pickKey(keys, 'bot').prefix).toBe('chub_Tt5yUi6');
  });

  it('refuses a piece of a prefix, which could as well be the start of a name', () => {
    expect(() => pickKey(keys, 'chub_')).toThrow(/no API key with the id, prefix or name 'chub_'.*crm-hub keys list/);
  });

  it('lists the candidates when a reference names several keys', () => {
    expect(() => pickKey(keys, 'DASHBOARD')).toThrow(UsageError);
    expect(() => pickKey(keys, 'DASHBOARD')).toThrow(/names 2 API keys: pass the id[\s\S]*0001 +chub_Ab3xY7q… +'dashboard'[\s\S]*0002 +chub_Zz9kLm2… +'Dashboard'/);
  });
});
