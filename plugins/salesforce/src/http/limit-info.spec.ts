import { parseLimitInfo } from './limit-info';

describe(parseLimitInfo.name, () => {
  it('reads every name=used/limit pair, in any order and spacing', () => {
    expect(parseLimitInfo('api-usage=25/15000; api-bursts=1/100')).toEqual([
      { name: 'api-usage', used: 25, limit: 15000 },
      { name: 'api-bursts', used: 1, limit: 100 },
    ]);
    expect(parseLimitInfo(' API-Usage = 7 / 100 ,per-app-api-usage=1/50(appName=x)')).toEqual([
      { name: 'api-usage', used: 7, limit: 100 },
      { name: 'per-app-api-usage', used: 1, limit: 50 },
    ]);
  });

  it('ignores what it cannot read instead of failing', () => {
    expect(parseLimitInfo('garbage')).toEqual([]);
    expect(parseLimitInfo(undefined)).toEqual([]);
    expect(parseLimitInfo('api-usage=abc/100')).toEqual([]);
  });
});
