import { applyConfigPatch, splitSecrets } from './account-views';

describe(splitSecrets.name, () => {
  it('keeps secrets apart from plain settings', () => {
    expect(splitSecrets({ url: 'https://x', clientSecret: 's', apiVersion: '62.0' }, ['clientSecret', 'privateKey'])).toEqual({
      settings: { url: 'https://x', apiVersion: '62.0' },
      secrets: { clientSecret: 's' },
    });
  });
});

describe(applyConfigPatch.name, () => {
  it('replaces given keys, removes nulls and keeps the rest', () => {
    expect(applyConfigPatch({ a: 1, b: 2, secret: 's' }, { b: 3, a: null })).toEqual({ b: 3, secret: 's' });
  });
});
