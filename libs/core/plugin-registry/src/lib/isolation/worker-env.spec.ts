import { pluginEnvironment } from './worker-env';

describe(pluginEnvironment.name, () => {
  it("passes what a connector needs to reach a CRM and none of the hub's settings", () => {
    const env = pluginEnvironment({
      PATH: '/usr/bin',
      TZ: 'UTC',
      LC_ALL: 'C.UTF-8',
      NODE_EXTRA_CA_CERTS: '/etc/ssl/corp-ca.pem',
      HTTPS_PROXY: 'http://proxy.internal:3128',
      HUB_SECRET_KEY: 'k'.repeat(64),
      HUB_API_KEYS: 'chub_1234567890abcdefghijklmn',
      DATABASE_URL: 'postgres://hub:pw@db/hub',
      PGPASSWORD: 'pw',
      AWS_SECRET_ACCESS_KEY: 'aws',
      NODE_OPTIONS: '--require /tmp/x.js',
    });

    expect(env).toEqual({ PATH: '/usr/bin', TZ: 'UTC', LC_ALL: 'C.UTF-8', NODE_EXTRA_CA_CERTS: '/etc/ssl/corp-ca.pem', HTTPS_PROXY: 'http://proxy.internal:3128' });
  });
});
