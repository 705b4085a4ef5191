import { Injectable, type NestMiddleware, UnauthorizedException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ApiKeysService } from './api-keys.service';

/**
 * Guards all of `/api`, matched routes or not (so the API does not reveal which paths exist):
 * `Authorization: Bearer <api key>` or 401.
 */
@Injectable()
export class ApiKeyMiddleware implements NestMiddleware {
  constructor(private readonly keys: ApiKeysService) {}

  use(req: Request, _res: Response, next: NextFunction): void {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!match) {
      throw new UnauthorizedException('This endpoint needs an API key: send Authorization: Bearer <api key>');
    }
    if (!this.keys.isValid(match[1] as string)) throw new UnauthorizedException('The API key is not valid');
    next();
  }
}
