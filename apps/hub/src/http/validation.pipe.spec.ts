import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString } from 'class-validator';
import { strictNumberProblems } from './validation.pipe';

class PageQuery {
  @IsOptional() @Type(() => Number) @IsInt() limit?: number;
  @IsOptional() @IsString() cursor?: string;
}

describe(strictNumberProblems.name, () => {
  it('accepts decimal integers for number properties, and leaves other properties alone', () => {
    expect(strictNumberProblems({ limit: '50', cursor: '0x10' }, PageQuery)).toEqual([]);
    expect(strictNumberProblems({ limit: '-3' }, PageQuery)).toEqual([]); // the DTO's @Min refuses it, by its own rule
  });

  it.each(['0x10', '1e2', '16.0', ' 16', '+16', 'Infinity', '', '1234567890123456'])('refuses limit=%j', (raw) => {
    expect(strictNumberProblems({ limit: raw }, PageQuery)).toEqual([{ field: 'limit', message: expect.stringMatching(/decimal digits/) }]);
  });

  it('refuses a repeated parameter (an array)', () => {
    expect(strictNumberProblems({ limit: ['1', '2'] }, PageQuery)).toHaveLength(1);
  });
});
