import { validateSync } from 'class-validator';
import { IsIsoDateTime } from './iso-date-time.validator';

class Probe {
  @IsIsoDateTime('since', '2026-12-01T00:00:00Z') since!: unknown;
}

const problems = (since: unknown) => validateSync(Object.assign(new Probe(), { since })).flatMap((e) => Object.values(e.constraints ?? {}));

describe('IsIsoDateTime', () => {
  it('accepts dates and date-times a Date can hold', () => {
    for (const ok of ['2026-12-01', '2026-12-01T00:00:00Z', '2026-12-01T10:00:00.123+02:00', '9999-12-31T23:59:59.999Z']) expect(problems(ok)).toEqual([]);
  });

  it('refuses the basic format, impossible dates, extended years and non-strings, naming the field once', () => {
    for (const bad of ['20261201', '2026-02-30T00:00:00Z', '+275760-09-13T00:00:00Z', 'yesterday', 20261201]) {
      expect(problems(bad)).toEqual(['since must be an ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z']);
    }
  });
});
