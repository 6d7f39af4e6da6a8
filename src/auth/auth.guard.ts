import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  Logger,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { SignInRequiredError } from '../common/domain-errors.js';
import {
  PAGE_KEY,
  PUBLIC_KEY,
  ROLES_KEY,
  type RequestWithActor,
  SESSION_ONLY_KEY,
} from './access.decorators.js';
import { AuthService, type ClientInfo } from './auth.service.js';
import { SESSION_COOKIE, readCookie } from './cookies.js';
import type { Role } from './roles.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every request passes here (APP_GUARD). It finds the actor (Bearer API token, else the session
 * cookie), then applies the route's declaration: `@Public()` routes are open (the actor is still set
 * when there is one); other routes need an actor (401, or a redirect to sign-in for `@Page()`
 * routes) whose role the route's `@Roles(...)` names (403); admin passes everywhere; a route that
 * declares nothing is admin-only (fail closed). Cookie-authenticated changes need the session's
 * CSRF token in `X-CSRF-Token` (403); token-authenticated calls carry no cookie and need none.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');
  private readonly undeclared = new Set<string>();

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<RequestWithActor>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) === true;
    const isPage = this.reflector.getAllAndOverride<boolean>(PAGE_KEY, targets) === true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);

    const client: ClientInfo = { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null };
    let csrfToken: string | null = null;
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (bearer) {
      const actor = await this.auth.token(bearer[1]!, client);
      if (!actor) {
        if (isPublic) return true;
        throw new UnauthorizedException('the API token is unknown, revoked or expired');
      }
      req.actor = actor;
    } else {
      const secret = readCookie(req.get('cookie'), SESSION_COOKIE);
      const session = secret ? await this.auth.session(secret, client) : null;
      if (session) {
        req.actor = session.actor;
        csrfToken = session.csrfToken;
      }
    }
    if (isPublic) return true;
    if (!req.actor) {
      if (isPage) throw new SignInRequiredError(req.originalUrl);
      throw new UnauthorizedException('sign in, or send an API token (Authorization: Bearer …)');
    }
    if (csrfToken !== null && !SAFE_METHODS.has(req.method)) {
      if (!AuthService.csrfMatches(csrfToken, req.get('x-csrf-token'))) {
        throw new ForbiddenException('the X-CSRF-Token header is missing or does not match the session');
      }
    }
    if (
      req.actor.via === 'token' &&
      this.reflector.getAllAndOverride<boolean>(SESSION_ONLY_KEY, targets) === true
    ) {
      throw new ForbiddenException('this is done from a signed-in session, not with an API token');
    }
    if (req.actor.role === 'admin') return true;
    if (roles === undefined) {
      const name = `${context.getClass().name}.${context.getHandler().name}`;
      if (!this.undeclared.has(name)) {
        this.undeclared.add(name);
        this.logger.error(`${name} declares no roles: only admins may use it`);
      }
      throw new ForbiddenException('this route is for administrators');
    }
    if (!roles.includes(req.actor.role)) {
      throw new ForbiddenException(`your role (${req.actor.role}) may not use this`);
    }
    return true;
  }
}
