import { JsonNumber, parseJsonLossless, stringifyJsonLossless } from './lossless-json';

describe(parseJsonLossless.name, () => {
  it('parses like JSON.parse, keeping non-integer and unsafe numbers as their source text', () => {
    const text =
      '{"totalSize":2,"done":true,"records":[{"A":12345678901234567.89,"B":1.0E7,"C":-0.50,"D":9007199254740993,"E":42,"F":null,"G":"x\\"y\\u00e9 1.5"}],"H":[],"I":{}}';
    expect(parseJsonLossless(text)).toEqual({
      totalSize: 2,
      done: true,
      records: [{ A: '12345678901234567.89', B: '1.0E7', C: '-0.50', D: '9007199254740993', E: 42, F: null, G: 'x"yé 1.5' }],
      H: [],
      I: {},
    });
  });

  it("keeps doubles printed the way Java prints them (Salesforce's answers) and Dataverse money scales as their text", () => {
    expect(parseJsonLossless('{"a":1234567.0,"b":1.2345678E7,"c":1.0E-4,"d":-1.5E-7,"e":1E+21,"revenue":5000000.0000,"small":0.1000}')).toEqual({
      a: '1234567.0',
      b: '1.2345678E7',
      c: '1.0E-4',
      d: '-1.5E-7',
      e: '1E+21',
      revenue: '5000000.0000',
      small: '0.1000',
    });
  });

  it('keeps integers as numbers up to 2^53 and as text beyond, whatever their length', () => {
    const text = '[123456789012345,-12345678901234,9007199254740991,-9007199254740991,9007199254740992,-9007199254740993,100000000000000000000,0,-0]';
    expect(parseJsonLossless(text)).toEqual([123456789012345, -12345678901234, 9007199254740991, -9007199254740991, '9007199254740992', '-9007199254740993', '100000000000000000000', 0, -0]);
  });

  it('gives the same result as JSON.parse when no number needs keeping', () => {
    const text = ' [ 1 , { "a" : [ true , false, null ], "b": "1.5,2" } ] \n';
    expect(parseJsonLossless(text)).toEqual(JSON.parse(text));
  });

  it('finds the end of strings that end in backslashes or hold escaped quotes before numbers', () => {
    const text = String.raw`{"a":"x\\","b":1.5,"c":"say \"2.5\" \\\"","d":2.50,"e":"\\\\"}`;
    expect(parseJsonLossless(text)).toEqual({ a: 'x\\', b: '1.5', c: 'say "2.5" \\"', d: '2.50', e: '\\\\' });
  });

  it.each(['{"a":1', '[1,]', '{"a" 1}', '[1] x', '"open', 'nul', '{a:1}', '{"a":01}', '[1-2]', '[-]', '[00012345678901234]'])('refuses malformed JSON %j', (text) => {
    expect(() => parseJsonLossless(text)).toThrow(SyntaxError);
  });
});

describe(stringifyJsonLossless.name, () => {
  it('writes JsonNumber values as bare numbers, digit for digit, and everything else as JSON.stringify does', () => {
    const body = stringifyJsonLossless({ records: [{ Amount__c: new JsonNumber('1234567890123456.78'), Name: 'a "q" \uE000' }, { n: new JsonNumber('-1E5') }] });
    expect(body).toBe('{"records":[{"Amount__c":1234567890123456.78,"Name":"a \\"q\\" \uE000"},{"n":-1E5}]}');
    expect(parseJsonLossless(body)).toEqual({ records: [{ Amount__c: '1234567890123456.78', Name: 'a "q" \uE000' }, { n: '-1E5' }] });
  });

  it.each(['12,5', '1; drop', '', '.5', 'NaN'])('refuses to build a JsonNumber from %j', (text) => {
    expect(() => new JsonNumber(text)).toThrow(TypeError);
  });
});
