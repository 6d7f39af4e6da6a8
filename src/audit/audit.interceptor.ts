import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { concatMap, type Observable } from 'rxjs';
import type { RequestWithActor } from '../auth/access.decorators.js';
import type { UserActor } from '../auth/roles.js';
import { AUDITED_KEY, type AuditedSpec } from './audited.decorator.js';
import { type AnonymousActor, AuditService } from './audit.service.js';
import { auditEntryFor, createdId, shownRecords } from './request-audit.js';

/**
 * Records the audit event of @Audited routes and of every CSV download (APP_INTERCEPTOR). The
 * event is written when the handler's answer is ready and before it is sent: if the write fails,
 * the error filter answers 500 instead and the data never leaves. Failed handlers record nothing
 * here. A request without a signed-in actor (a public route) is recorded as anonymous.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<RequestWithActor>();
    const spec = this.reflector.getAllAndOverride<AuditedSpec | undefined>(AUDITED_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const entry = auditEntryFor(spec, {
      path: req.path,
      query: (req.query ?? {}) as Record<string, unknown>,
      params: (req.params ?? {}) as Record<string, string | undefined>,
    });
    if (!entry) return next.handle();
    return next.handle().pipe(
      concatMap(async (answer: unknown) => {
        // A list or export also names what it showed (the ids of a page; a CSV's row count).
        const shown = spec?.idParam === undefined ? shownRecords(answer) : null;
        const detail = shown
          ? { ...entry.detail, shown: shown.count, ...(shown.ids.length ? { ids: shown.ids } : {}) }
          : entry.detail;
        // A change without an id in its path (an upload, an import) names what it created.
        const created =
          entry.targetType !== undefined && entry.targetId === undefined ? createdId(answer) : null;
        await this.audit.record(actorOf(req), {
          ...entry,
          ...(detail === undefined ? {} : { detail }),
          ...(created === null ? {} : { targetId: created }),
        });
        return answer;
      }),
    );
  }
}

/** The request's actor with the client's address and agent, or an anonymous one. */
function actorOf(req: RequestWithActor): UserActor | AnonymousActor {
  const ip = req.ip ?? null;
  const userAgent = req.get('user-agent') ?? null;
  if (!req.actor) return { kind: 'anonymous', name: 'anonymous', ip, userAgent };
  return { ...req.actor, ip: req.actor.ip ?? ip, userAgent: req.actor.userAgent ?? userAgent };
}
