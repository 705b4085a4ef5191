import { JsonNumber, parseJsonLossless, stringifyJsonLossless } from './lossless-json';

describe(parseJsonLossless.name, () => {
  it('parses like JSON.parse, keeping non-integer and unsafe numbers as their source text', () => {
    const text = '{"totalSize":2,"done":true,"records":[{"A":12345678901234567.89,"B":1.0E7,"C":-0.50,"D":9007199254740993,"E":42,"F":null,"G":"x\\"y\\u00e9"}],"H":[],"I":{}}';
    expect(parseJsonLossless(text)).toEqual({
      totalSize: 2,
      done: true,
      records: [{ A: '12345678901234567.89', B: '1.0E7', C: '-0.50', D: '9007199254740993', E: 42, F: null, G: 'x"yé' }],
      H: [],
      I: {},
    });
  });

  it("keeps doubles printed the way Java prints them (Salesforce's REST answers) as their text, exponents included", () => {
    expect(parseJsonLossless('{"a":1234567.0,"b":1.2345678E7,"c":1.0E-4,"d":-1.5E-7,"e":9.999999999999998E13,"f":1E+21}')).toEqual({
      a: '1234567.0',
      b: '1.2345678E7',
      c: '1.0E-4',
      d: '-1.5E-7',
      e: '9.999999999999998E13',
      f: '1E+21',
    });
  });

  it('accepts whitespace anywhere JSON allows it', () => {
    expect(parseJsonLossless(' [ 1 , { "a" : [ true , false ] } ] \n')).toEqual([1, { a: [true, false] }]);
  });

  it.each(['{"a":1', '[1,]', '{"a" 1}', '[1] x', '"open', 'nul', '{a:1}'])('refuses malformed JSON %j', (text) => {
    expect(() => parseJsonLossless(text)).toThrow(SyntaxError);
  });
});

describe(stringifyJsonLossless.name, () => {
  it('writes JsonNumber values as bare numbers, digit for digit', () => {
    const body = stringifyJsonLossless({ records: [{ Amount__c: new JsonNumber('1234567890123456.78'), Name: 'a "q" \uE000' }, { n: new JsonNumber('-1E5') }] });
    expect(body).toBe('{"records":[{"Amount__c":1234567890123456.78,"Name":"a \\"q\\" \uE000"},{"n":-1E5}]}');
    expect(parseJsonLossless(body)).toEqual({ records: [{ Amount__c: '1234567890123456.78', Name: 'a "q" \uE000' }, { n: '-1E5' }] });
  });

  it('refuses to build a JsonNumber from text that is not a number', () => {
    expect(() => new JsonNumber('12,5')).toThrow(TypeError);
  });
});
