import { createTestDatabase } from '@crm-hub/persistence/testing';
import { randomBytes } from 'node:crypto';
import { FIXTURE_TOKENS } from '@crm-hub/fixture-plugins';
import { startTestHub } from '../test-support/test-hub';

describe('the key that encrypts account secrets', () => {
  const db = createTestDatabase();
  afterAll(() => db.drop());

  it('must stay the same: a hub restarted with another key refuses to start, and the right key works', async () => {
    const secretKey = randomBytes(32).toString('hex');
    const first = await startTestHub({ database: db.config, secretKey });
    const { body } = await first
      .api()
      .post('/api/accounts')
      .send({ name: 'A', pluginId: 'fixture-crm', config: { baseUrl: 'https://crm.example.com', token: FIXTURE_TOKENS.good } })
      .expect(201);
    await first.close();

    await expect(startTestHub({ database: db.config, secretKey: randomBytes(32).toString('hex') })).rejects.toThrow(
      /is not the one that encrypted the 1 stored account\(s\).*Restore the original HUB_SECRET_KEY/,
    );

    const again = await startTestHub({ database: db.config, secretKey });
    const check = await again.api().post(`/api/accounts/${body.id}/check`).expect(200);
    expect(check.body.ok).toBe(true);
    expect(again.logs.join('')).toContain('checking with token [REDACTED]');
    await again.close();
  });
});
