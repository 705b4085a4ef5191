import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { SecretRedactor } from '@crm-hub/accounts';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';

/** One bad field of a request, as listed in a problem's `errors`. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** An RFC 9457 problem document. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  errors?: FieldProblem[];
}

export const VALIDATION_PROBLEM_TYPE = 'urn:crm-hub:problem:validation-error';

/**
 * Every error leaves the API as `application/problem+json` (RFC 9457), with `errors[]` naming each
 * bad field, and with any known secret masked. Unexpected errors are logged and shown without
 * internals, with an id to find them in the log.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  constructor(private readonly redactor: SecretRedactor) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const problem = this.toProblem(exception, req);
    if (problem.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="crm-hub"');
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, req: Request): ProblemDetails {
    const instance = req.originalUrl.split('?')[0] ?? req.originalUrl;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const { detail, errors } = readBody(body, exception.message);
      return this.problem(status, detail, instance, errors);
    }
    const errorId = randomUUID();
    const message = exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
    this.logger.error(this.redactor.redact(`Unexpected error ${errorId} on ${req.method} ${instance}: ${message}`));
    return this.problem(500, `An unexpected error occurred; the hub log has the details under error id ${errorId}`, instance);
  }

  private problem(status: number, detail: string, instance: string, errors?: FieldProblem[]): ProblemDetails {
    return {
      type: errors?.length ? VALIDATION_PROBLEM_TYPE : 'about:blank',
      title: STATUS_CODES[status] ?? 'Error',
      status,
      detail: this.redactor.redact(detail),
      instance,
      ...(errors?.length ? { errors: errors.map((e) => ({ field: e.field, message: this.redactor.redact(e.message) })) } : {}),
    };
  }
}

function readBody(body: string | object, fallback: string): { detail: string; errors?: FieldProblem[] } {
  if (typeof body === 'string') return { detail: body };
  const { message, errors } = body as { message?: unknown; errors?: unknown };
  const detail = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : fallback;
  return Array.isArray(errors) ? { detail, errors: errors as FieldProblem[] } : { detail };
}
