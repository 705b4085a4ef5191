import { SecretRedactor } from './secret-redactor';

describe(SecretRedactor.name, () => {
  it('masks every known secret, longest first, in raw and JSON-escaped form', () => {
    const redactor = new SecretRedactor();
    redactor.add('abc"def\\ghi');
    redactor.add('token-123');
    redactor.add('token-123456');
    const line = JSON.stringify({ msg: 'auth with token-123456 and abc"def\\ghi' });
    expect(redactor.redact(line)).toBe('{"msg":"auth with [REDACTED] and [REDACTED]"}');
    expect(redactor.redact('a token-123.')).toBe('a [REDACTED].');
  });

  it('treats secrets as text, not as patterns, and ignores very short values', () => {
    const redactor = new SecretRedactor();
    redactor.add('a.b*c(d)');
    redactor.add('ab');
    expect(redactor.redact('x a.b*c(d) aXbbbc ab')).toBe('x [REDACTED] aXbbbc ab');
  });

  it('redacts nested structured fields', () => {
    const redactor = new SecretRedactor();
    redactor.add('hunter22');
    expect(redactor.redactValue({ a: ['x hunter22'], b: { c: 'hunter22' }, n: 1 })).toEqual({
      a: ['x [REDACTED]'],
      b: { c: '[REDACTED]' },
      n: 1,
    });
  });
});
