import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { UserActor } from '../auth/roles.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/domain-errors.js';
import { decodeCursor, type Page, parseSort, toPage } from '../common/pagination.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { newId, nowIso } from '../database/column-types.js';
import { WriteLock } from '../database/write-lock.js';
import { dateIn } from '../jobs/job-types.js';
import { addDays } from '../reporting/deadlines.js';
import { RULES_RUNTIME, type RulesRuntime } from '../rules/rules-runtime.js';
import { WORKLIST_SORT_FIELDS, type WorklistQueryDto } from './dto/worklist-query.dto.js';
import { moveProblem, type WorkStatus } from './work-status.js';
import { toCsvRow, toWorklistItem, type WorklistItem, type WorklistRow } from './worklist-item.js';
import {
  type WorkItemRow,
  type WorklistFilter,
  WorklistRepository,
  type WorklistSort,
} from './worklist.repository.js';

/** Rows a CSV export holds at most (from the cursor on). */
export const EXPORT_MAX_ROWS = 10_000;
/** Rows read per query while exporting. */
const EXPORT_PAGE = 500;

/** A claim's work: status, assignee, the reason of the last change. A claim nobody touched is `new`. */
export interface WorkView {
  claimId: string;
  status: WorkStatus;
  assignee: { id: string; username: string; displayName: string } | null;
  reason: string | null;
  updatedAt: string | null;
  updatedBy: { id: string; username: string } | null;
}

export interface NoteView {
  id: string;
  at: string;
  actorName: string;
  text: string;
}

/**
 * The billing worklist: the queue (flagged claims not yet answered, denied claims not yet worked),
 * and the work on each claim (status workflow, assignee, notes). Every change is written with its
 * history row and its audit event in one transaction: a change that cannot be audited is not made.
 */
@Injectable()
export class WorklistService {
  private titles: Map<string, string> | null = null;

  constructor(
    private readonly repo: WorklistRepository,
    private readonly lock: WriteLock,
    private readonly audit: AuditService,
    @Inject(RULES_RUNTIME) private readonly runtime: RulesRuntime,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'jobs'>,
  ) {}

  /** A page of the worklist (or, for `format=csv`, every row of the view up to EXPORT_MAX_ROWS, flat). */
  async list(
    q: WorklistQueryDto,
    actor: UserActor,
  ): Promise<Page<WorklistItem> | { items: Record<string, unknown>[] }> {
    const sortKey: WorklistSort = q.sort ?? 'risk';
    const sort = parseSort(sortKey, WORKLIST_SORT_FIELDS);
    const decoded = q.cursor ? decodeCursor(q.cursor, sort, WORKLIST_SORT_FIELDS) : null;
    let after = decoded && { value: decoded.value as number | string, claimId: decoded.id };
    const filter = this.filterOf(q, actor);
    // The alerts' days left count from the deadlines job's today (JOB_TIMEZONE), as the digest does.
    const today = q.today ?? dateIn(this.config.jobs.timeZone, new Date());
    const position = (r: WorklistRow) => ({
      value: sortKey === 'risk' ? r.moneyAtRiskCents : r.deadlineKey,
      id: r.claimId,
    });

    if (q.format === 'csv') {
      const items: Record<string, unknown>[] = [];
      while (items.length < EXPORT_MAX_ROWS) {
        const want = Math.min(EXPORT_PAGE, EXPORT_MAX_ROWS - items.length);
        const rows = await this.repo.page(filter, sortKey, after, want);
        items.push(...(await this.present(rows, today)).map(toCsvRow));
        if (rows.length < want) break;
        const last = position(rows[rows.length - 1]!);
        after = { value: last.value, claimId: last.id };
      }
      return { items };
    }

    const limit = q.limit ?? 50;
    const rows = await this.repo.page(filter, sortKey, after, limit + 1);
    const shown = rows.slice(0, limit);
    const items = await this.present(shown, today);
    const byId = new Map(items.map((i) => [i.claimId, i]));
    return toPage(rows, limit, sort, position, (r) => byId.get(r.claimId)!);
  }

  /**
   * Assigns claims to a user (or unassigns them: null). The assignee must be an enabled user who works
   * claims (not finance), and every claim must exist (else 400, naming the unknown ids, and nothing is
   * changed). Claims already assigned to that user are left as they are; `updated` counts the others.
   */
  async assign(
    actor: UserActor,
    claimIds: readonly string[],
    assigneeIdGiven: string | null,
  ): Promise<{ updated: number }> {
    const assigneeId = assigneeIdGiven?.toLowerCase() ?? null;
    const ids = [...new Set(claimIds.map((id) => id.toLowerCase()))];
    let assigneeName: string | null = null;
    if (assigneeId !== null) {
      const user = await this.repo.user(assigneeId);
      if (!user) throw new InvalidInputError(`assigneeId: there is no user ${assigneeId}`);
      if (user.disabled) throw new InvalidInputError(`assigneeId: user ${user.username} is disabled`);
      // As the assignee pickers offer (GET /users/assignable): the worklist is billing's (and admins');
      // coding and finance have no worklist to see an assignment in.
      if (user.role !== 'billing' && user.role !== 'admin') {
        throw new InvalidInputError(
          `assigneeId: user ${user.username} has the ${user.role} role and cannot be assigned claims (billing or admin only)`,
        );
      }
      assigneeName = user.username;
    }
    const existing = await this.repo.existingClaimIds(ids);
    const unknown = ids.filter((id) => !existing.has(id));
    if (unknown.length) {
      throw new InvalidInputError(
        `claimIds: ${unknown.length} unknown claim id${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}`,
        unknown.map((id) => `claimIds: there is no claim ${id}`),
      );
    }
    return this.lock.run(() =>
      this.repo.transaction(async (tx) => {
        const current = await this.repo.assigneesOf(tx, ids);
        const changed = ids.filter((id) => (current.get(id) ?? null) !== assigneeId);
        if (changed.length === 0) return { updated: 0 };
        const at = nowIso();
        await this.repo.insertWorkItems(
          tx,
          changed
            .filter((id) => !current.has(id))
            .map((claimId) => ({ claimId, status: 'new', assigneeId, reason: null, at, by: actor.userId })),
        );
        await this.repo.setAssignee(
          tx,
          changed.filter((id) => current.has(id)),
          assigneeId,
          at,
          actor.userId,
        );
        await this.repo.insertEvents(
          tx,
          changed.map((claimId) => ({
            id: newId(),
            claimId,
            at,
            actorId: actor.userId,
            actorName: actor.username,
            kind: 'assign',
            fromStatus: null,
            toStatus: null,
            assigneeId,
            text: null,
          })),
        );
        for (const claimId of changed) {
          await this.audit.record(
            actor,
            {
              action: 'work.assign',
              targetType: 'claim',
              targetId: claimId,
              detail: {
                assigneeId,
                assignee: assigneeName,
                previousAssigneeId: current.get(claimId) ?? null,
                claims: changed.length,
              },
            },
            tx,
          );
        }
        return { updated: changed.length };
      }),
    );
  }

  /** Moves a claim's work along the workflow (409 when the move is not allowed from where it stands). */
  async setStatus(
    actor: UserActor,
    claimId: string,
    to: WorkStatus,
    reason: string | undefined,
  ): Promise<WorkView> {
    if (!(await this.repo.claimExists(claimId))) throw new NotFoundError('claim', claimId);
    return this.lock.run(() =>
      this.repo.transaction(async (tx) => {
        const item = await this.repo.workItem(claimId, tx);
        const from: WorkStatus = item?.status ?? 'new';
        const problem = moveProblem(from, to, reason);
        if (problem?.kind === 'conflict') throw new ConflictError(problem.message);
        if (problem) throw new InvalidInputError(problem.message);
        const why = reason?.trim() || null;
        const at = nowIso();
        if (!item) {
          await this.repo.insertWorkItems(tx, [
            { claimId, status: to, assigneeId: null, reason: why, at, by: actor.userId },
          ]);
        } else if (!(await this.repo.moveStatus(tx, claimId, from, to, why, at, actor.userId))) {
          throw new ConflictError(
            `the claim's work changed while this was sent (it is no longer ${from}); reload it`,
          );
        }
        await this.repo.insertEvents(tx, [
          {
            id: newId(),
            claimId,
            at,
            actorId: actor.userId,
            actorName: actor.username,
            kind: 'status',
            fromStatus: from,
            toStatus: to,
            assigneeId: null,
            text: why,
          },
        ]);
        // The reason stays in the history (free text may name the patient); the audit event says there was one.
        await this.audit.record(
          actor,
          {
            action: 'work.status',
            targetType: 'claim',
            targetId: claimId,
            detail: { from, to, ...(why === null ? {} : { reasonLength: why.length }) },
          },
          tx,
        );
        return toWorkView(claimId, await this.repo.workItem(claimId, tx));
      }),
    );
  }

  /** Adds a note to a claim's work (the text is kept in the history, not in the audit log). */
  async addNote(actor: UserActor, claimId: string, text: string): Promise<NoteView> {
    const body = text.trim();
    if (body === '') throw new InvalidInputError('text must not be blank');
    if (!(await this.repo.claimExists(claimId))) throw new NotFoundError('claim', claimId);
    const note: NoteView = { id: newId(), at: nowIso(), actorName: actor.username, text: body };
    await this.lock.run(() =>
      this.repo.transaction(async (tx) => {
        await this.repo.insertEvents(tx, [
          {
            id: note.id,
            claimId,
            at: note.at,
            actorId: actor.userId,
            actorName: actor.username,
            kind: 'note',
            fromStatus: null,
            toStatus: null,
            assigneeId: null,
            text: body,
          },
        ]);
        // Notes may name the patient: the audit event says that a note was added, not what it says.
        await this.audit.record(
          actor,
          {
            action: 'work.note',
            targetType: 'claim',
            targetId: claimId,
            detail: { noteId: note.id, length: body.length },
          },
          tx,
        );
      }),
    );
    return note;
  }

  async work(claimId: string): Promise<WorkView> {
    return toWorkView(claimId, await this.repo.workItem(claimId));
  }

  private filterOf(q: WorklistQueryDto, actor: UserActor): WorklistFilter {
    const assignee = q.assignee?.toLowerCase();
    return {
      queue: q.queue ?? 'all',
      payerId: q.payerId,
      providerNpi: q.providerNpi,
      category: q.category,
      severity: q.severity,
      status: q.status,
      assignee:
        assignee === undefined
          ? undefined
          : assignee === 'none'
            ? { kind: 'none' }
            : { kind: 'user', id: assignee === 'me' ? actor.userId : assignee },
      deadlineUntil:
        q.deadlineWithin === undefined
          ? undefined
          : addDays(q.today ?? dateIn(this.config.jobs.timeZone, new Date()), q.deadlineWithin),
      alert: q.alert,
    };
  }

  private async present(rows: readonly WorklistRow[], today: string): Promise<WorklistItem[]> {
    const findings = await this.repo.findingSummaries(
      rows.filter((r) => r.flags.length > 0).map((r) => r.claimId),
    );
    const title = (ruleId: string) => this.ruleTitles().get(ruleId);
    return rows.map((r) => toWorklistItem(r, findings.get(r.claimId) ?? [], title, today));
  }

  private ruleTitles(): Map<string, string> {
    this.titles ??= new Map(this.runtime.ruleSet.rules.map((r) => [r.definition.id, r.definition.title]));
    return this.titles;
  }
}

export function toWorkView(claimId: string, row: WorkItemRow | null): WorkView {
  if (!row) return { claimId, status: 'new', assignee: null, reason: null, updatedAt: null, updatedBy: null };
  return {
    claimId,
    status: row.status,
    assignee:
      row.assigneeId === null
        ? null
        : {
            id: row.assigneeId,
            username: row.assigneeUsername ?? '(unknown user)',
            displayName: row.assigneeDisplayName ?? '',
          },
    reason: row.reason,
    updatedAt: row.updatedAt,
    updatedBy:
      row.updatedById === null
        ? null
        : { id: row.updatedById, username: row.updatedByUsername ?? '(unknown user)' },
  };
}
