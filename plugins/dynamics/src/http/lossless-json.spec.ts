import { parseLosslessJson, rawNumber, stringifyWithRawNumbers } from './lossless-json';

describe(parseLosslessJson.name, () => {
  it('keeps the digits of decimals and big integers, and safe integers as numbers', () => {
    const text = '{"revenue":12345678901234.5678,"small":0.1000,"n":-42,"big":9007199254740993,"e":1e-7,"s":"1.5 \\"q\\" 2.25","a":[1.10,2]}';
    expect(parseLosslessJson(text)).toEqual({
      revenue: '12345678901234.5678',
      small: '0.1000',
      n: -42,
      big: '9007199254740993',
      e: '1e-7',
      s: '1.5 "q" 2.25',
      a: ['1.10', 2],
    });
  });

  it('parses JSON without numbers to need rewriting as JSON.parse does', () => {
    const text = '{"value":[{"name":"a,b","ok":true,"none":null}]}';
    expect(parseLosslessJson(text)).toEqual(JSON.parse(text));
  });
});

describe(stringifyWithRawNumbers.name, () => {
  it('writes raw numbers verbatim and everything else as JSON.stringify does', () => {
    expect(stringifyWithRawNumbers({ revenue: rawNumber('12345678901234.5678'), name: 'x "1"', list: [rawNumber('-0.10')] })).toBe(
      '{"revenue":12345678901234.5678,"name":"x \\"1\\"","list":[-0.10]}',
    );
  });

  it('refuses text that is not a number literal', () => {
    expect(() => rawNumber('1; drop')).toThrow(TypeError);
  });
});
