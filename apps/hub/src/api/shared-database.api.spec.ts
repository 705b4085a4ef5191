import { createTestDatabase } from '@crm-hub/persistence/testing';
import { FIXTURE_TOKENS } from '@crm-hub/fixture-plugins';
import { randomBytes } from 'node:crypto';
import { startTestHub } from '../test-support/test-hub';

/** Two hubs on one database, each with its own redactor (as two processes have). */
describe('hubs sharing a database', () => {
  const db = createTestDatabase();
  afterAll(() => db.drop());

  it('each mask a secret stored through the other after they started: logs, check answers, stored reasons', async () => {
    const secretKey = randomBytes(32).toString('base64');
    const a = await startTestHub({ database: db.config, secretKey });
    const b = await startTestHub({ database: db.config, secretKey });
    try {
      const refused = `refused-${randomBytes(12).toString('base64url')}`;
      const seen: string[] = [];
      for (const token of [refused, FIXTURE_TOKENS.echoedInError]) {
        const created = await a
          .api()
          .post('/api/accounts')
          .send({ name: `shared ${token.slice(0, 8)}`, pluginId: 'fixture-crm', config: { baseUrl: 'https://crm.example.com', token } })
          .expect(201);
        const check = await b.api().post(`/api/accounts/${created.body.id}/check`).expect(200);
        expect(check.body).toMatchObject({ ok: false, reason: expect.stringContaining('[REDACTED]') });
        const stored = await a.api().get(`/api/accounts/${created.body.id}`).expect(200);
        expect(stored.body.lastCheck.reason).toContain('[REDACTED]');
        seen.push(JSON.stringify(check.body), JSON.stringify(stored.body));
      }
      const everything = [...seen, ...a.logs, ...b.logs].join('\n');
      expect(b.logs.join('')).toContain('checking with token [REDACTED]');
      expect(everything).not.toContain(refused);
      expect(everything).not.toContain(FIXTURE_TOKENS.echoedInError);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
