import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { UpdateAccountDto } from './update-account.dto';

const problems = (body: object) =>
  validateSync(plainToInstance(UpdateAccountDto, body)).map((e) => [e.property, Object.values(e.constraints ?? {})] as const);

describe(UpdateAccountDto.name, () => {
  it('accepts an absent field (unchanged) and real values', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ name: 'New name', config: { apiVersion: 'v2', token: null } })).toEqual([]);
  });

  it('refuses null for the name and for the settings object (a null inside config removes a setting)', () => {
    expect(problems({ name: null })).toEqual([['name', expect.arrayContaining(['name must be a string (omit it to keep the current name)'])]]);
    expect(problems({ config: null })).toEqual([['config', [expect.stringMatching(/^config must be an object of settings/)]]]);
    expect(problems({ config: 'x', name: '  ' })).toEqual([
      ['name', ['name must not be blank']],
      ['config', [expect.stringMatching(/^config must be an object/)]],
    ]);
  });
});
