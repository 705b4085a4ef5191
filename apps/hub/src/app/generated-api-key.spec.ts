import { createTestDatabase } from '@crm-hub/persistence/testing';
import { DataSource } from 'typeorm';
import { startTestHub } from '../test-support/test-hub';
import { KEY_PREFIX } from '@crm-hub/access';

describe('API keys generated on first start', () => {
  const db = createTestDatabase();
  afterAll(() => db.drop());

  it('prints a new key once, stores only its hash, and keeps accepting it after a restart', async () => {
    const printed: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    let key: string;
    try {
      const first = await startTestHub({ database: db.config, apiKeys: [] });
      const match = new RegExp(`${KEY_PREFIX}[A-Za-z0-9_-]{43}`).exec(printed.join(''));
      expect(match).not.toBeNull();
      key = (match as RegExpExecArray)[0];
      await first.anonymous().get('/api/plugins').set('authorization', `Bearer ${key}`).expect(200);
      const stored = (await first.app.get(DataSource).query('SELECT * FROM api_key')) as { key_hash: string }[];
      expect(stored).toHaveLength(1);
      expect(JSON.stringify(stored)).not.toContain(key.slice(KEY_PREFIX.length + 4));
      expect(first.logs.join('')).not.toContain(key);
      await first.close();

      printed.length = 0;
      const second = await startTestHub({ database: db.config, apiKeys: [] });
      expect(printed.join('')).not.toContain(KEY_PREFIX);
      await second.anonymous().get('/api/plugins').set('authorization', `Bearer ${key}`).expect(200);
      await second.close();
    } finally {
      spy.mockRestore();
    }
  });
});
