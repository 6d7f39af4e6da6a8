import { Body, Controller, Get, HttpCode, HttpException, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { CurrentActor, Public, type RequestWithActor, Roles } from './access.decorators.js';
import { AuthService } from './auth.service.js';
import { SESSION_COOKIE, readCookie, sessionCookie } from './cookies.js';
import { SignInDto } from './dto/auth.dto.js';
import type { UserActor } from './roles.js';

/** Sign-in, sign-out and who am I, for the browser (cookie session + CSRF token). */
@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('sign-in')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in: sets the HttpOnly session cookie and answers the CSRF token' })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password (the same answer for both).' })
  @ApiTooManyRequestsResponse({
    description: 'Too many failed attempts; Retry-After says when to try again.',
  })
  async signIn(
    @Body() body: SignInDto,
    @Req() req: RequestWithActor,
    @Res({ passthrough: true }) res: Response,
  ) {
    // JSON only: a cross-site HTML form cannot send it, so another site cannot sign a browser in
    // to an account of its choosing (login CSRF).
    if (!req.is('application/json')) {
      throw new HttpException('sign in with a JSON body (Content-Type: application/json)', 415);
    }
    const r = await this.auth.signIn(body.username, body.password, {
      ip: req.ip ?? null,
      userAgent: req.get('user-agent') ?? null,
    });
    if (!r.ok && r.reason === 'throttled') {
      res.setHeader('Retry-After', String(r.retryAfterSeconds));
      throw new HttpException(
        `too many failed sign-in attempts: try again in ${Math.ceil(r.retryAfterSeconds / 60)} minute(s)`,
        429,
      );
    }
    if (!r.ok) throw new HttpException('wrong username or password', 401);
    res.setHeader(
      'Set-Cookie',
      sessionCookie(r.sessionSecret, {
        secure: this.config.cookieSecure,
        maxAgeSeconds: this.config.sessionMaxHours * 3600,
      }),
    );
    return { user: r.user, csrfToken: r.csrfToken, expiresAt: r.expiresAt };
  }

  @Post('sign-out')
  @Roles('billing', 'coding', 'finance')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: ends the session and clears the cookie' })
  async signOut(@CurrentActor() actor: UserActor, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.signOut(actor);
    res.setHeader('Set-Cookie', sessionCookie('', { secure: this.config.cookieSecure, maxAgeSeconds: 0 }));
  }

  @Get('me')
  @Roles('billing', 'coding', 'finance')
  @ApiOperation({
    summary: 'The signed-in user, the CSRF token to send with changes, and when the session ends',
  })
  @ApiOkResponse({ description: 'The user.' })
  async me(@CurrentActor() actor: UserActor, @Req() req: RequestWithActor) {
    const user = {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      role: actor.role,
    };
    if (actor.via !== 'session') return { user, csrfToken: null, expiresAt: null, via: actor.via };
    const secret = readCookie(req.get('cookie'), SESSION_COOKIE);
    const s = secret ? await this.auth.session(secret, { ip: actor.ip, userAgent: actor.userAgent }) : null;
    return { user, csrfToken: s?.csrfToken ?? null, expiresAt: s?.expiresAt ?? null, via: actor.via };
  }
}
