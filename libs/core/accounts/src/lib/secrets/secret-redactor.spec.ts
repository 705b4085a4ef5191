import { randomBytes } from 'node:crypto';
import { SecretRedactor } from './secret-redactor';

describe(SecretRedactor.name, () => {
  it('masks every known secret, overlapping ones included, in raw and JSON-escaped form', () => {
    const redactor = new SecretRedactor();
    redactor.add('abc"def\\ghi');
    redactor.add('token-123');
    redactor.add('token-123456');
    const line = JSON.stringify({ msg: 'auth with token-123456 and abc"def\\ghi' });
    expect(redactor.redact(line)).toBe('{"msg":"auth with [REDACTED] and [REDACTED]"}');
    expect(redactor.redact('a token-123.')).toBe('a [REDACTED].');
    expect(redactor.redact('token-123token-123456')).toBe('[REDACTED]');
  });

  it('treats secrets as text, not as patterns, and ignores very short values', () => {
    const redactor = new SecretRedactor();
    redactor.add('a.b*c(d)');
    redactor.add('ab');
    expect(redactor.redact('x a.b*c(d) aXbbbc ab')).toBe('x [REDACTED] aXbbbc ab');
  });

  it('redacts nested structured fields, never their keys', () => {
    const redactor = new SecretRedactor();
    redactor.add('hunter22');
    expect(redactor.redactValue({ a: ['x hunter22'], b: { c: 'hunter22' }, hunter22: 1 })).toEqual({
      a: ['x [REDACTED]'],
      b: { c: '[REDACTED]' },
      hunter22: 1,
    });
  });

  it('copes with secrets far beyond what one regular expression can hold (a 40 KB secret among 2,000)', () => {
    const redactor = new SecretRedactor();
    const huge = randomBytes(30_000).toString('base64');
    redactor.add(huge);
    for (let i = 0; i < 2_000; i++) redactor.add(`secret-${i}-${randomBytes(8).toString('hex')}`);
    const started = Date.now();
    expect(redactor.redact(`before ${huge} after`)).toBe('before [REDACTED] after');
    expect(redactor.redactJsonLine(`${JSON.stringify({ msg: `x${huge}y` })}\n`)).toBe('{"msg":"x[REDACTED]y"}\n');
    for (let i = 0; i < 100; i++) redactor.redactJsonLine('{"level":30,"msg":"an ordinary line of about this length, without any secret"}\n');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  describe('a secret that is an ordinary word', () => {
    const redactor = new SecretRedactor();
    redactor.add('level');
    redactor.add('context');
    redactor.add('Password');

    it('masks it as a whole word inside values, and leaves keys and longer words alone', () => {
      const line = '{"level":30,"context":"Http","msg":"sea level rising, levels and contexts; Passwords: Password"}\n';
      expect(redactor.redactJsonLine(line)).toBe(
        '{"level":30,"context":"Http","msg":"sea [REDACTED] rising, levels and contexts; Passwords: [REDACTED]"}\n',
      );
      expect(redactor.redact('level')).toBe('[REDACTED]');
      expect(redactor.redact('levelled')).toBe('levelled');
    });

    it('returns a line that only has the word as a key unchanged (the very same text)', () => {
      const line = '{"level":30,  "context":"Http"}\n';
      expect(redactor.redactJsonLine(line)).toBe(line);
    });
  });

  it('redacts a log line value by value and keeps it valid JSON, whatever characters the secret has', () => {
    const redactor = new SecretRedactor();
    redactor.add('p"w\\d\n-long-enough');
    const line = `${JSON.stringify({ level: 30, msg: 'refused p"w\\d\n-long-enough!', fields: ['p"w\\d\n-long-enough'] })}\n`;
    const out = redactor.redactJsonLine(line);
    expect(JSON.parse(out)).toEqual({ level: 30, msg: 'refused [REDACTED]!', fields: ['[REDACTED]'] });
    expect(out.endsWith('\n')).toBe(true);
    expect(redactor.redactJsonLine('not json p"w\\d\n-long-enough')).toBe('not json [REDACTED]');
  });
});
