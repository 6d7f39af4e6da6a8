import { BadRequestException, type INestApplication, ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { HttpExceptionFilter } from './http-exception.filter.js';

/**
 * The Content-Security-Policy of every answer: scripts, styles, images and requests from the app
 * itself only (no inline script or style, no eval), no plugins, no framing, no <base>, forms posted
 * to the app only.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
};

/** Form (urlencoded) bodies: sign-in and small forms only; files travel as multipart uploads. */
export const URLENCODED_LIMIT = '64kb';

/** Deepest JSON body accepted (the API's own bodies nest a few levels). */
export const MAX_JSON_DEPTH = 64;

/** True when `value` nests arrays or objects deeper than `max` (checked without recursion). */
export function jsonDepthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** True when a string in `value` (at any depth, keys included) holds a NUL character. */
export function containsNul(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return true;
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (k.includes('\u0000')) return true;
        stack.push(child);
      }
    }
  }
  return false;
}

/**
 * Security headers (helmet) with the strict CSP above; HSTS only when the app is served over HTTPS
 * (COOKIE_SECURE, which says so), since a browser would otherwise refuse plain HTTP to the host for
 * a year. The OpenAPI page (/api/docs) alone may use inline styles: Swagger UI's page has them.
 */
function securityHeaders(app: INestApplication) {
  const config = app.get<AppConfig | undefined>(APP_CONFIG, { strict: false });
  const hsts = config?.cookieSecure === true;
  const options = (directives: Record<string, string[]>) =>
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives },
      strictTransportSecurity: hsts ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      xFrameOptions: { action: 'deny' },
    });
  const strict = options({ ...CSP_DIRECTIVES });
  const docs = options({ ...CSP_DIRECTIVES, 'style-src': ["'self'", "'unsafe-inline'"] });
  return (req: Request, res: Response, next: NextFunction) =>
    (req.path === '/api/docs' || req.path.startsWith('/api/docs/') ? docs : strict)(req, res, next);
}

/**
 * What every HTTP entry point applies, the real server and the e2e tests alike: security headers
 * (CSP, no x-powered-by), body size limits, validation of query and body DTOs (every problem
 * listed, unknown fields refused), the error filter, and OpenAPI at /api/docs.
 */
export function configureApp(app: INestApplication): INestApplication {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  // Behind a reverse proxy the client's address is in X-Forwarded-For (sign-in limits, audit log).
  const config = app.get<AppConfig | undefined>(APP_CONFIG, { strict: false });
  if (config?.trustProxy === true) express.set('trust proxy', true);
  app.use(securityHeaders(app));
  // Answers of the API carry patient data: never kept by a browser or a shared cache.
  app.use('/api/v1', (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'private, no-store');
    next();
  });
  express.useBodyParser('urlencoded', { limit: URLENCODED_LIMIT, extended: false });
  // JSON bodies up to 512 kB (Express's default is 100 kB): a rule file sent to the dry-run may be
  // 200 kB of YAML, more once escaped in JSON. Files travel as multipart uploads, not JSON.
  (app as NestExpressApplication).useBodyParser('json', { limit: '512kb' });
  // A JSON body nested thousands deep would overflow the stack of the validation (class-transformer
  // recurses), and a NUL character is refused by PostgreSQL as text: both answered 400 up front.
  app.use((req: Request, _res: Response, next: NextFunction) => {
    if (jsonDepthExceeds(req.body, MAX_JSON_DEPTH)) {
      next(new BadRequestException(`the JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`));
    } else if (containsNul(req.query) || containsNul(req.body)) {
      next(new BadRequestException('text must not contain NUL (\\u0000) characters'));
    } else next();
  });
  app.useGlobalPipes(
    new ValidationPipe({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      stopAtFirstError: false,
    }),
  );
  app.useGlobalFilters(new HttpExceptionFilter());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('claimguard')
      .setDescription('Claims denial prevention and revenue-cycle analysis: files, claims and remittances.')
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
