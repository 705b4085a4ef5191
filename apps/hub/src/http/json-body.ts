import { BadRequestException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type NextFunction, type Request, type Response, json } from 'express';

export const JSON_BODY_LIMIT = '1mb';

/**
 * JSON request bodies, with parser failures turned into errors that say what is wrong with the
 * body (Nest's default parser reports only the raw JSON.parse message).
 */
export function useJsonBodies(app: NestExpressApplication): void {
  app.use(json({ limit: JSON_BODY_LIMIT }));
  app.use((err: { type?: string; message?: string }, _req: Request, _res: Response, next: NextFunction) => {
    switch (err?.type) {
      case 'entity.parse.failed':
        return next(new BadRequestException(`The request body is not valid JSON (${err.message})`));
      case 'entity.too.large':
        return next(new PayloadTooLargeException(`The request body is larger than ${JSON_BODY_LIMIT}`));
      case 'charset.unsupported':
      case 'encoding.unsupported':
        return next(new UnsupportedMediaTypeException(`Send JSON bodies as UTF-8 (${err.message})`));
      default:
        return next(err);
    }
  });
}
