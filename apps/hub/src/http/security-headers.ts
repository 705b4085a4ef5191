import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/**
 * The API and the open endpoints serve data, never pages: nothing may be loaded, framed or run
 * from their answers.
 */
const API_CSP = {
  useDefaults: false,
  directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
} as const;

/**
 * `/docs` is Swagger UI: its scripts and stylesheet come from the hub itself, it sets inline
 * styles and `data:` images, and it fetches `/docs/openapi.json`. Nothing else is allowed, it may
 * not be framed (clickjacking of "Try it out"), and `upgrade-insecure-requests` is left out because
 * a hub served over plain HTTP (localhost, behind a proxy) would then load its own scripts over
 * HTTPS and fail.
 */
const DOCS_CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
} as const;

/**
 * `/console` is the web console: a built single-page app whose scripts, styles and fonts all come
 * from the hub, and which talks only to the hub's own `/api`. No inline script or style, no eval.
 */
const CONSOLE_CSP = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
} as const;

const common = {
  xFrameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  // Honoured only over HTTPS (behind a TLS proxy); other hosts of the domain are not the hub's to pin.
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
} as const;

const apiHeaders = helmet({ ...common, contentSecurityPolicy: API_CSP });
const docsHeaders = helmet({ ...common, contentSecurityPolicy: DOCS_CSP });
const consoleHeaders = helmet({ ...common, contentSecurityPolicy: CONSOLE_CSP });

/**
 * Security headers on every answer (helmet): `X-Content-Type-Options: nosniff`, a CSP and
 * `X-Frame-Options: DENY`, `Referrer-Policy: no-referrer`; and `Cache-Control: no-store` on `/api`,
 * whose answers hold account settings that no browser or proxy cache should keep.
 */
export function useSecurityHeaders(app: NestExpressApplication): void {
  app.disable('x-powered-by');
  app.use((req: Request, res: Response, next: NextFunction) => {
    const path = req.path;
    if (path === '/api' || path.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store');
    const headers =
      path === '/docs' || path.startsWith('/docs/') || path.startsWith('/docs-') ? docsHeaders : path === '/console' || path.startsWith('/console/') ? consoleHeaders : apiHeaders;
    headers(req, res, next);
  });
}
