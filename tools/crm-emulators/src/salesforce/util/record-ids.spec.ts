import { canonicalId, idSuffix, makeId, seqOfId } from './record-ids';

describe(canonicalId.name, () => {
  it('computes the case-safe suffix as Salesforce does (documented example 001D000000IRFma → IAH)', () => {
    expect(idSuffix('001D000000IRFma')).toBe('IAH');
    expect(canonicalId('001D000000IRFma')).toBe('001D000000IRFmaIAH');
  });

  it('restores the case of an 18-character id from its suffix, and refuses what is not an id', () => {
    expect(canonicalId('001d000000irfmaiah')).toBe('001D000000IRFmaIAH');
    expect(canonicalId('001D000000IRFmaIAH')).toBe('001D000000IRFmaIAH');
    expect(canonicalId('001D000000IRFm')).toBeUndefined();
    expect(canonicalId("001D000000IRFma'")).toBeUndefined();
    expect(canonicalId('001D000000IRFma999')).toBeUndefined();
  });

  it('mints ids with the key prefix that sort like their sequence numbers', () => {
    const ids = [1, 61, 62, 3843, 1_000_000].map((n) => makeId('003', n));
    expect(ids.every((id) => id.startsWith('003') && id.length === 18 && canonicalId(id) === id)).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(ids.map((id) => seqOfId(id, '003'))).toEqual([1, 61, 62, 3843, 1_000_000]);
    expect(seqOfId(ids[0] as string, '001')).toBeUndefined();
  });
});
