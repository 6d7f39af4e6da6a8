import { SetMetadata } from '@nestjs/common';

export const AUDITED_KEY = 'claimguard:audited';

export interface AuditedOptions {
  /** What the route's `:idParam` names (`claim`, `user` …): the event's target type. */
  targetType?: string;
  /** The route parameter holding the target's id (`id`, `claimId` …). */
  idParam?: string;
  /**
   * The action recorded instead when the request asks for `format=csv` (`audit.export` for the
   * audit log). Without it, a CSV answer is recorded as `claim.export` under claims and the worklist,
   * `report.export` elsewhere, like every other CSV download.
   */
  exportAction?: string;
}

/** An @Audited route's metadata. */
export interface AuditedSpec extends AuditedOptions {
  action: string;
}

/**
 * Records an audit event for every successful call of the route (a view of patient data, an
 * export), after the handler succeeded and before the answer is sent: when the event cannot be
 * written the request fails with a 500 and the data is not sent. Actor, IP and user agent come from
 * the request. Routes that change data record their own events inside the change (AuditService).
 * A handler that writes the answer itself (`@Res()`) has sent it before the event is written: such
 * routes must record their event explicitly instead.
 */
export const Audited = (action: string, options: AuditedOptions = {}) =>
  SetMetadata(AUDITED_KEY, { action, ...options } satisfies AuditedSpec);
