import { Injectable, type NestMiddleware, UnauthorizedException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { setCallerKey } from '../caller-key';
import { ApiKeysService, type KeyRefusal } from './api-keys.service';

const REFUSALS: Record<KeyRefusal, string> = {
  unknown: 'The API key is not valid',
  revoked: 'The API key was revoked: ask an admin for a new one',
  expired: 'The API key has expired: ask an admin for a new one',
};

/**
 * Guards all of `/api`, matched routes or not (so the API does not reveal which paths exist):
 * `Authorization: Bearer <api key>` or 401. What the key may do is the AccessGuard's business.
 */
@Injectable()
export class ApiKeyMiddleware implements NestMiddleware {
  constructor(private readonly keys: ApiKeysService) {}

  async use(req: Request, _res: Response, next: NextFunction): Promise<void> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!match) {
      throw new UnauthorizedException('This endpoint needs an API key: send Authorization: Bearer <api key>');
    }
    const key = await this.keys.authenticate(match[1] as string);
    if (typeof key === 'string') throw new UnauthorizedException(REFUSALS[key]);
    setCallerKey(req, key);
    next();
  }
}
