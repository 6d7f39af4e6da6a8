import { type ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import type { Role, UserActor } from './roles.js';

export const ROLES_KEY = 'claimguard:roles';
export const PUBLIC_KEY = 'claimguard:public';

/**
 * The roles allowed on a route (on a handler, or on a controller for all its handlers; the handler's
 * list wins). `admin` is always allowed. A route that declares neither `@Roles` nor `@Public` is
 * refused to everyone but admin (fail closed), and the route × role test names it.
 */
export const Roles = (...roles: Exclude<Role, 'admin'>[]) => SetMetadata(ROLES_KEY, roles);

/** A route anyone may call without signing in (sign-in, health, static assets). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The request's user; set by the AuthGuard (so only on non-public routes, or public ones with a session). */
export interface RequestWithActor extends Request {
  actor?: UserActor;
}

/** The signed-in user (or token owner) making the request. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): UserActor => {
  const req = ctx.switchToHttp().getRequest<RequestWithActor>();
  if (!req.actor) throw new Error('CurrentActor used on a route without an authenticated actor');
  return req.actor;
});

export const PAGE_KEY = 'claimguard:page';

/**
 * Marks a route as an HTML page: without a session the guard redirects (302) to
 * `/sign-in?next=<path>` instead of answering 401, and a wrong role gets an HTML 403 page.
 */
export const Page = () => SetMetadata(PAGE_KEY, true);

export const SESSION_ONLY_KEY = 'claimguard:session-only';

/** A route a signed-in browser session may use but an API token may not (403 before validation). */
export const SessionOnly = () => SetMetadata(SESSION_ONLY_KEY, true);
