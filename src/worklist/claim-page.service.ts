import { Inject, Injectable } from '@nestjs/common';
import { ClaimsService } from '../claims/claims.service.js';
import type { ClaimDetailDto } from '../claims/dto/claim-response.dto.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DeadlineAlertsRepository } from '../deadlines/deadline-alerts.repository.js';
import { alertBadge, type AlertBadge } from '../deadlines/deadline-window.js';
import { type ClaimFindingsView, FindingsService } from '../findings/findings.service.js';
import { dateIn } from '../jobs/job-types.js';
import type { ReportClaimRow } from '../reports/reports.repository.js';
import { queuePlace, type QueuePlace } from './worklist-item.js';
import {
  type LinkedAuthorization,
  type LinkedDocument,
  type LinkedEligibility,
  type OverrideEventRow,
  type WorkEventView,
  WorklistRepository,
} from './worklist.repository.js';
import { type NoteView, toWorkView, type WorkView } from './worklist.service.js';

/** One step of a claim's story: what the files did to it, the findings' overrides, the work on it. */
export interface HistoryEntry {
  at: string;
  /** Who did it (null: the service itself, e.g. a file received). */
  actorName: string | null;
  /**
   * `claim.<event>` (received, replaced, payment linked…), `finding.override`, `finding.revoke`,
   * `work.status`, `work.assign`, `work.note`.
   */
  kind: string;
  /** One line for people. */
  text: string;
  fromStatus?: string;
  toStatus?: string;
  assignee?: { id: string; username: string | null } | null;
  ruleId?: string;
  fileId?: string | null;
  relatedId?: string | null;
}

type ClaimHeader = Omit<
  ClaimDetailDto,
  | 'lines'
  | 'diagnoses'
  | 'providers'
  | 'history'
  | 'remittances'
  | 'patientLastName'
  | 'patientFirstName'
  | 'patientBirthDate'
  | 'subscriberMemberId'
>;

/** `GET /api/v1/worklist/claims/:id`: everything the claim page shows, in one answer. */
export interface ClaimPage {
  claim: ClaimHeader & {
    patient: { lastName: string; firstName: string; birthDate: string | null; memberId: string };
    lines: ClaimDetailDto['lines'];
    diagnoses: ClaimDetailDto['diagnoses'];
    providers: ClaimDetailDto['providers'];
  };
  findings: ClaimFindingsView;
  documentation: LinkedDocument[];
  authorizations: LinkedAuthorization[];
  eligibility: LinkedEligibility[];
  remittances: ClaimDetailDto['remittances'];
  work: WorkView;
  /** Oldest first. */
  history: HistoryEntry[];
  /** Newest first. */
  notes: NoteView[];
  /** The claim's reporting row (outcome, denial, risk, deadlines); null until the reports have it. */
  report: ReportClaimRow | null;
  /** Whether (and why) the claim is in the worklist's queue; null without a report row. */
  worklist: QueuePlace | null;
  /**
   * The claim's open deadline alert (raised by the deadlines job), days left counted from today in
   * JOB_TIMEZONE; null: none.
   */
  alert: (AlertBadge & { raisedAt: string }) | null;
}

/** Gathers the claim page from the claims, findings, inputs, remittances, reports and worklist areas. */
@Injectable()
export class ClaimPageService {
  constructor(
    private readonly claims: ClaimsService,
    private readonly findings: FindingsService,
    private readonly repo: WorklistRepository,
    private readonly alerts: DeadlineAlertsRepository,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'jobs'>,
  ) {}

  async page(claimId: string): Promise<ClaimPage> {
    // The claim first: an unknown id is a 404 before anything else is read.
    const detail = await this.claims.get(claimId, {});
    const today = dateIn(this.config.jobs.timeZone, new Date());
    const [findings, linked, work, events, overrides, report, alert] = await Promise.all([
      this.findings.claimFindings(claimId),
      this.repo.linkedRecords(claimId),
      this.repo.workItem(claimId),
      this.repo.events(claimId),
      this.repo.overrideEvents(claimId),
      this.repo.reportRow(claimId),
      this.alerts.openAlertOf(claimId, today),
    ]);
    const {
      lines,
      diagnoses,
      providers,
      history,
      remittances,
      patientLastName,
      patientFirstName,
      patientBirthDate,
      subscriberMemberId,
      ...header
    } = detail;
    return {
      claim: {
        ...header,
        patient: {
          lastName: patientLastName,
          firstName: patientFirstName,
          birthDate: patientBirthDate,
          memberId: subscriberMemberId,
        },
        lines,
        diagnoses,
        providers,
      },
      findings,
      ...linked,
      remittances,
      work: toWorkView(claimId, work),
      history: storyOf(history, overrides, events),
      notes: events
        .filter((e) => e.kind === 'note')
        .map((e) => ({ id: e.id, at: e.at, actorName: e.actorName, text: e.text ?? '' }))
        .reverse(),
      report,
      worklist: report && queuePlace(report),
      alert: alert && { ...alertBadge(alert.kind, alert.deadline, today)!, raisedAt: alert.raisedAt },
    };
  }
}

/** The claim's events, the findings' overrides and the work on it, as one story, oldest first. */
export function storyOf(
  claimEvents: ClaimDetailDto['history'],
  overrides: readonly OverrideEventRow[],
  work: readonly WorkEventView[],
): HistoryEntry[] {
  const entries: HistoryEntry[] = [
    ...claimEvents.map((e) => ({
      at: e.at,
      actorName: null,
      kind: `claim.${e.kind}`,
      text: e.detail || e.kind,
      fileId: e.fileId,
      relatedId: e.relatedId,
    })),
    ...overrides.map((o) => ({
      at: o.at,
      actorName: o.actor,
      kind: o.action === 'revoke' ? 'finding.revoke' : 'finding.override',
      text: `${o.action === 'revoke' ? 'override revoked' : 'overridden'}: ${o.ruleId}${
        o.lineNumber ? ` (line ${o.lineNumber})` : ''
      }: ${o.reason}`,
      ruleId: o.ruleId,
    })),
    ...work.map((e): HistoryEntry => {
      switch (e.kind) {
        case 'status':
          return {
            at: e.at,
            actorName: e.actorName,
            kind: 'work.status',
            text: `${e.fromStatus ?? 'new'} → ${e.toStatus ?? ''}${e.text ? `: ${e.text}` : ''}`,
            fromStatus: e.fromStatus ?? 'new',
            toStatus: e.toStatus ?? '',
          };
        case 'assign':
          return {
            at: e.at,
            actorName: e.actorName,
            kind: 'work.assign',
            text: e.assigneeId === null ? 'unassigned' : `assigned to ${e.assigneeUsername ?? e.assigneeId}`,
            assignee: e.assigneeId === null ? null : { id: e.assigneeId, username: e.assigneeUsername },
          };
        default:
          return { at: e.at, actorName: e.actorName, kind: 'work.note', text: e.text ?? '' };
      }
    }),
  ];
  // A stable sort by time: at equal times the claim's events, then overrides, then work, as listed.
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.at < b.e.at ? -1 : a.e.at > b.e.at ? 1 : a.i - b.i))
    .map((x) => x.e);
}
