import { NotFoundException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { extname, join, sep } from 'node:path';

/**
 * Serves the web console's build at `/console`: its files as they are (hashed assets cached for a
 * year), and `index.html` for any other page path so that deep links (`/console/accounts/…`) open
 * the app. A path with a file extension that does not exist stays a 404, as does every method but
 * GET/HEAD. The console is only a client of `/api`: serving it needs no API key, reading data does.
 */
export function serveConsole(app: NestExpressApplication, consoleDir: string): void {
  const index = join(consoleDir, 'index.html');
  app.use('/console', express.static(consoleDir, { index: false, redirect: false, setHeaders: cacheAssets }));
  app.use('/console', (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (extname(req.path) !== '') return next(new NotFoundException(`There is no console file ${req.path}`));
    if (!existsSync(index)) {
      return next(new NotFoundException('The web console is not built: run `npx nx run console:build` (npm start builds it), then reload'));
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

function cacheAssets(res: Response, path: string): void {
  res.setHeader('Cache-Control', path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
}
