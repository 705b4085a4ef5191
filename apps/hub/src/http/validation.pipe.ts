import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldProblem } from './problem-details.filter';

/**
 * Request bodies are checked against their DTO classes; unknown properties are refused (a typo
 * must not be silently ignored), and every bad field is named in the problem's `errors`.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (validationErrors) =>
      new BadRequestException({
        message: 'The request has invalid fields (see errors)',
        errors: flatten(validationErrors),
      }),
  });
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
