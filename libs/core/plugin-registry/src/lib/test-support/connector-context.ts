import type { ConnectorContext } from '@crm-hub/plugin-sdk';

/** A ConnectorContext whose meter records calls (fixture connectors report dispose() through it). */
export function connectorContext(): ConnectorContext & { meter: { call: jest.Mock; quota: jest.Mock } } {
  const log = jest.fn();
  return {
    accountId: 'account-1',
    config: { instanceUrl: 'https://acme.example.com', apiToken: 'secret-token' },
    http: jest.fn(),
    logger: { debug: log, info: log, warn: log, error: log },
    meter: { call: jest.fn(), quota: jest.fn() },
    signal: new AbortController().signal,
  };
}
