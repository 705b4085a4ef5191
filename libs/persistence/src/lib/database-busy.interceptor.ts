import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, ServiceUnavailableException } from '@nestjs/common';
import { catchError, type Observable, throwError } from 'rxjs';
import { isDatabaseBusy } from './startup/database-errors';

/** Seconds a client is told to wait before retrying a request that met a busy database. */
export const BUSY_RETRY_AFTER_SECONDS = 1;

/**
 * A request that met a database held by another writer (another hub process on the same SQLite
 * file beyond the busy timeout, a PostgreSQL deadlock or lock timeout) failed as a whole and can be
 * retried as it is: answer 503 with `Retry-After`, not a 500 that reads as a bug.
 */
@Injectable()
export class DatabaseBusyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((err: unknown) => {
        if (!isDatabaseBusy(err)) return throwError(() => err);
        if (context.getType() === 'http') {
          context.switchToHttp().getResponse<{ setHeader(name: string, value: string): void }>().setHeader('Retry-After', String(BUSY_RETRY_AFTER_SECONDS));
        }
        return throwError(
          () => new ServiceUnavailableException(`The database is busy with another writer; retry in ${BUSY_RETRY_AFTER_SECONDS} s`, { cause: err }),
        );
      }),
    );
  }
}
