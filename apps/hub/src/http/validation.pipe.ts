import { type ArgumentMetadata, BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldProblem } from './problem-details.filter';

const INVALID = 'The request has invalid fields (see errors)';

/**
 * Request bodies and queries are checked against their DTO classes; unknown properties are refused
 * (a typo must not be silently ignored), and every bad field is named in the problem's `errors`.
 */
export function createValidationPipe(): ValidationPipe {
  return new HubValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (validationErrors) => new BadRequestException({ message: INVALID, errors: flatten(validationErrors) }),
  });
}

/**
 * Numbers in a query are whole numbers in decimal digits. A DTO's `@Type(() => Number)` converts
 * with `Number()`, which also reads `0x10`, `1e2`, `16.0` or ` 16` — so an odd spelling would pass
 * as another number. Checked here, for every query DTO property declared as a number, before the
 * conversion.
 */
class HubValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'query' && metadata.metatype && typeof value === 'object' && value !== null) {
      const problems = strictNumberProblems(value as Record<string, unknown>, metadata.metatype);
      if (problems.length) throw new BadRequestException({ message: INVALID, errors: problems });
    }
    return super.transform(value, metadata);
  }
}

/** The query values of number-typed DTO properties that are not written as plain decimal integers. */
export function strictNumberProblems(query: Record<string, unknown>, dto: abstract new (...args: never[]) => unknown): FieldProblem[] {
  return Object.entries(query)
    .filter(([key]) => Reflect.getMetadata('design:type', dto.prototype as object, key) === Number)
    .filter(([, raw]) => typeof raw !== 'string' || !/^-?\d{1,15}$/.test(raw))
    .map(([key]) => ({ field: key, message: `${key} must be a whole number written in decimal digits (e.g. ${key}=50)` }));
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      message: rule === 'whitelistValidation' ? `'${field}' is not a known field` : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
