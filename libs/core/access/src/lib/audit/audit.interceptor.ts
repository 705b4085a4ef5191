import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { catchError, from, mergeMap, type Observable, switchMap, throwError } from 'rxjs';
import { callerKeyOf } from '../caller-key';
import { AuditRecorder, isMutating } from './audit-recorder';

/**
 * Records every change made through `/api` in the audit log, succeeded or failed, before its answer
 * is sent (so that whoever reads the log next sees it).
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly audit: AuditRecorder) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const key = callerKeyOf(request);
    if (!key || !isMutating(request.method)) return next.handle();
    return from(this.audit.begin(context, request, key)).pipe(
      switchMap((pending) =>
        next.handle().pipe(
          mergeMap(async (answer: unknown) => {
            await this.audit.finish(pending, { answer });
            return answer;
          }),
          catchError((error: unknown) => from(this.audit.finish(pending, { error })).pipe(mergeMap(() => throwError(() => error)))),
        ),
      ),
    );
  }
}
