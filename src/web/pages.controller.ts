import { Controller, Get, Header, Param, Redirect, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Page, Public, Roles } from '../auth/access.decorators.js';
import type { UserActor } from '../auth/roles.js';
import { type PageName, ROLE_HOME, renderErrorPage, renderPage, type ShellUser } from './page-shell.js';

const HTML = 'text/html; charset=utf-8';
/** Pages carry the user's name: never cached by a shared cache, always revalidated. */
const NO_STORE = 'private, no-store';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const shellUser = (a: UserActor): ShellUser => ({
  username: a.username,
  displayName: a.displayName,
  role: a.role,
});

function page(name: PageName, title: string, actor: UserActor, path: string, scripts?: string[]): string {
  return renderPage({ page: name, title, user: shellUser(actor), path, scripts });
}

/**
 * The HTML pages. Each declares its roles like an API route does; the AuthGuard sends a request
 * without a session to `/sign-in?next=…` and answers a wrong role with the HTML 403 page (`@Page()`).
 * The content is drawn in the browser from the JSON API, which checks the roles again.
 */
@ApiExcludeController()
@Controller()
export class PagesController {
  /** The start page of the signed-in user's role. */
  @Get()
  @Page()
  @Roles('billing', 'coding', 'finance')
  @Redirect('/sign-in', 302)
  home(@CurrentActor() actor: UserActor): { url: string } {
    return { url: ROLE_HOME[actor.role] };
  }

  @Get('sign-in')
  @Public()
  @Page()
  @Header('Content-Type', HTML)
  @Header('Cache-Control', NO_STORE)
  signIn(): string {
    return renderPage({ page: 'sign-in', title: 'Sign in', user: null });
  }

  @Get('worklist')
  @Page()
  @Roles('billing')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', NO_STORE)
  worklist(@CurrentActor() actor: UserActor): string {
    return page('worklist', 'Worklist', actor, '/worklist');
  }

  @Get('claims/:id')
  @Page()
  @Roles('billing', 'coding', 'finance')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', NO_STORE)
  claim(
    @CurrentActor() actor: UserActor,
    @Param('id') id: string,
    @Res({ passthrough: true }) res: Response,
  ): string {
    if (!UUID.test(id)) {
      res.status(404);
      return renderErrorPage({
        status: 404,
        title: 'No such claim',
        message: 'A claim address ends with the claim id (a UUID).',
        user: shellUser(actor),
      });
    }
    return page('claim', 'Claim', actor, '/claims');
  }

  @Get('coding')
  @Page()
  @Roles('coding')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', NO_STORE)
  coding(@CurrentActor() actor: UserActor): string {
    return page('coding', 'Coding gaps', actor, '/coding');
  }

  @Get('dashboard')
  @Page()
  @Roles('finance')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', NO_STORE)
  dashboard(@CurrentActor() actor: UserActor): string {
    return page('dashboard', 'Dashboard', actor, '/dashboard', ['/assets/vendor/chart.umd.js']);
  }

  /** The daily and weekly digests, to open as HTML or download as CSV. */
  @Get('digests')
  @Page()
  @Roles('billing', 'finance')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', NO_STORE)
  digests(@CurrentActor() actor: UserActor): string {
    return page('digests', 'Digests', actor, '/digests');
  }

  @Get('uploads')
  @Page()
  @Roles('billing', 'coding')
  @Header('Content-Type', HTML)
  @Header('Cache-Control', NO_STORE)
  uploads(@CurrentActor() actor: UserActor): string {
    return page('uploads', 'Uploads', actor, '/uploads');
  }

  /** Administration: users, API tokens, the audit log and job runs (admin only). */
  @Get('admin')
  @Page()
  @Roles()
  @Header('Content-Type', HTML)
  @Header('Cache-Control', NO_STORE)
  admin(@CurrentActor() actor: UserActor): string {
    return page('admin', 'Administration', actor, '/admin');
  }
}
