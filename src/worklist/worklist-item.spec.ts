import type { FindingFact } from '../reporting/types.js';
import {
  categoriesOf,
  queuePlace,
  deadlineOf,
  queueOf,
  toCsvRow,
  topFinding,
  toWorklistItem,
  type FindingSummary,
  type WorklistRow,
} from './worklist-item.js';

const flag = (ruleId: string, severity: 'block' | 'warn', category = 'authorization'): FindingFact => ({
  ruleId,
  category,
  severity,
  line: null,
  carc: [],
});

const finding = (ruleId: string, amountCents: number, message = `${ruleId} message`): FindingSummary => ({
  ruleId,
  severity: 'warn',
  message,
  amountCents,
});

const titles: Record<string, string> = { 'AUTH-MISSING': 'Authorization missing' };
const ruleTitle = (id: string) => titles[id];
const TODAY = '2026-06-27';

function row(over: Partial<WorklistRow> = {}): WorklistRow {
  return {
    claimId: '019a0000-0000-7000-8000-000000000001',
    patientControlNumber: 'PCN1',
    payerId: 'P1',
    providerNpi: '1234567893',
    claimType: 'professional',
    serviceDate: '2026-03-02',
    month: '2026-03',
    chargeCents: 25_000,
    riskMilli: 640,
    firstPass: 'pending',
    flags: [flag('AUTH-MISSING', 'block')],
    denialCarcs: [],
    denialCategories: [],
    anticipated: false,
    filingDeadline: '2026-06-30',
    appealDeadline: null,
    moneyAtRiskCents: 16_000,
    deadlineKey: '2026-06-30',
    workStatus: null,
    assigneeId: null,
    assigneeUsername: null,
    alertKind: null,
    alertDeadline: null,
    ...over,
  };
}

describe('worklist items', () => {
  it('puts unanswered claims in the flagged queue, denials in the denied queue, paid ones apart', () => {
    expect(queueOf('pending')).toBe('flagged');
    expect(queueOf('denied')).toBe('denied');
    expect(queueOf('partial')).toBe('denied');
    // a paid claim is listed only while someone works it: never labelled a denial
    expect(queueOf('paid')).toBe('answered');
    expect(deadlineOf(row({ firstPass: 'paid', appealDeadline: '2026-05-01' }))).toEqual({
      deadline: null,
      deadlineKind: null,
    });
  });

  it('takes the filing limit while unanswered and the appeal deadline once denied', () => {
    expect(deadlineOf(row())).toEqual({ deadline: '2026-06-30', deadlineKind: 'filing' });
    expect(deadlineOf(row({ firstPass: 'denied', appealDeadline: '2026-05-01' }))).toEqual({
      deadline: '2026-05-01',
      deadlineKind: 'appeal',
    });
    // Denied as filed late: written off, no appeal deadline (the filing limit no longer applies).
    expect(deadlineOf(row({ firstPass: 'denied', appealDeadline: null }))).toEqual({
      deadline: null,
      deadlineKind: null,
    });
    expect(deadlineOf(row({ filingDeadline: null }))).toEqual({ deadline: null, deadlineKind: null });
  });

  it('picks a block before a warn, then the costliest, then the stored order', () => {
    const flags = [flag('W1', 'warn'), flag('B1', 'block'), flag('B2', 'block')];
    expect(
      topFinding(flags, [finding('B1', 100), finding('B2', 500), finding('W1', 9999)], ruleTitle),
    ).toEqual({
      ruleId: 'B2',
      severity: 'block',
      message: 'B2 message',
    });
    expect(topFinding(flags, [], ruleTitle)?.ruleId).toBe('B1');
    expect(topFinding([flag('W1', 'warn'), flag('W2', 'warn')], [], ruleTitle)?.ruleId).toBe('W1');
  });

  it("uses the costliest stored finding's message, else the rule's title, else nothing", () => {
    const flags = [flag('AUTH-MISSING', 'block')];
    expect(
      topFinding(
        flags,
        [finding('AUTH-MISSING', 10, 'line 1'), finding('AUTH-MISSING', 90, 'line 2')],
        ruleTitle,
      )?.message,
    ).toBe('line 2');
    expect(topFinding(flags, [], ruleTitle)?.message).toBe('Authorization missing');
    expect(topFinding([flag('UNKNOWN', 'warn')], [], ruleTitle)?.message).toBe('');
    expect(topFinding([], [finding('X', 1)], ruleTitle)).toBeNull();
  });

  it("lists the denial's categories first, then the findings', once each", () => {
    const denied = row({
      firstPass: 'denied',
      denialCategories: ['eligibility', 'authorization'],
      flags: [flag('A', 'warn', 'authorization'), flag('C', 'warn', 'coding')],
    });
    expect(categoriesOf(denied)).toEqual(['eligibility', 'authorization', 'coding']);
    // Not yet answered: only the findings'.
    expect(categoriesOf({ ...denied, firstPass: 'pending' })).toEqual(['authorization', 'coding']);
  });

  it('shapes a flagged item: new without a work item, no CARCs, not anticipated', () => {
    const item = toWorklistItem(
      row({ denialCarcs: ['197'], anticipated: true }),
      [finding('AUTH-MISSING', 100)],
      ruleTitle,
      TODAY,
    );
    expect(item).toMatchObject({
      queue: 'flagged',
      status: 'new',
      assignee: null,
      moneyAtRiskCents: 16_000,
      denialCarcs: [],
      anticipated: false,
      deadline: '2026-06-30',
      deadlineKind: 'filing',
      topFinding: { ruleId: 'AUTH-MISSING', severity: 'block', message: 'AUTH-MISSING message' },
    });
  });

  it('shapes a denied item with its CARCs, anticipation, status and assignee', () => {
    const item = toWorklistItem(
      row({
        firstPass: 'partial',
        denialCarcs: ['197', 'N54'],
        anticipated: true,
        appealDeadline: '2026-07-01',
        workStatus: 'in-progress',
        assigneeId: '019a0000-0000-7000-8000-0000000000aa',
        assigneeUsername: 'biller1',
      }),
      [],
      ruleTitle,
      TODAY,
    );
    expect(item).toMatchObject({
      queue: 'denied',
      denialCarcs: ['197', 'N54'],
      anticipated: true,
      deadline: '2026-07-01',
      deadlineKind: 'appeal',
      status: 'in-progress',
      assignee: { id: '019a0000-0000-7000-8000-0000000000aa', username: 'biller1' },
    });
  });

  it('flattens an item for CSV: no nested objects, lists joined', () => {
    const item = toWorklistItem(
      row({
        firstPass: 'denied',
        denialCarcs: ['197', '16'],
        anticipated: true,
        appealDeadline: '2026-07-01',
      }),
      [],
      ruleTitle,
      TODAY,
    );
    const csv = toCsvRow(item);
    for (const v of Object.values(csv)) expect(typeof v === 'object' && v !== null).toBe(false);
    expect(csv).toMatchObject({
      denialCarcs: '197;16',
      topRuleId: 'AUTH-MISSING',
      topMessage: 'Authorization missing',
      anticipated: 'yes',
      riskPercent: '64.0',
      moneyAtRiskCents: 16_000,
      assignee: '',
    });
    expect(toCsvRow(toWorklistItem(row(), [], ruleTitle, TODAY)).anticipated).toBe('');
  });

  it('carries the open deadline alert with its days left from today, and none without one', () => {
    const alerted = toWorklistItem(
      row({ filingDeadline: '2026-06-30', alertKind: 'filing', alertDeadline: '2026-06-30' }),
      [],
      ruleTitle,
      TODAY,
    );
    expect(alerted.alert).toEqual({ kind: 'filing', deadline: '2026-06-30', daysLeft: 3 });
    expect(toCsvRow(alerted)).toMatchObject({
      alertKind: 'filing',
      alertDeadline: '2026-06-30',
      alertDaysLeft: 3,
    });
    const dueToday = toWorklistItem(
      row({ firstPass: 'denied', appealDeadline: TODAY, alertKind: 'appeal', alertDeadline: TODAY }),
      [],
      ruleTitle,
      TODAY,
    );
    expect(dueToday.alert).toEqual({ kind: 'appeal', deadline: TODAY, daysLeft: 0 });
    const none = toWorklistItem(row(), [], ruleTitle, TODAY);
    expect(none.alert).toBeNull();
    expect(toCsvRow(none)).toMatchObject({ alertKind: '', alertDeadline: '', alertDaysLeft: '' });
  });
});

describe('queuePlace', () => {
  const facts = {
    worked: false,
    firstPass: 'pending',
    currentOutcome: 'pending',
    findingCount: 2,
    expectedDenialCents: 1200,
    deniedCents: 0,
    filingDeadline: '2026-09-01',
    appealDeadline: null,
  };

  it('queues a flagged claim the payer has not answered, with its expected denied money', () => {
    expect(queuePlace(facts)).toEqual({
      inQueue: true,
      queue: 'flagged',
      moneyAtRiskCents: 1200,
      deadline: '2026-09-01',
      deadlineKind: 'filing',
    });
    expect(queuePlace({ ...facts, findingCount: 0 }).inQueue).toBe(false);
    expect(queuePlace({ ...facts, worked: true }).inQueue).toBe(false);
  });

  it('queues a claim denied at first pass and still denied, with its denied money', () => {
    const denied = {
      ...facts,
      firstPass: 'partial',
      currentOutcome: 'partial',
      findingCount: 0,
      deniedCents: 5000,
      appealDeadline: '2026-08-01',
    };
    expect(queuePlace(denied)).toEqual({
      inQueue: true,
      queue: 'denied',
      moneyAtRiskCents: 5000,
      deadline: '2026-08-01',
      deadlineKind: 'appeal',
    });
    // Paid after an appeal, or corrected and sent again: no longer work.
    expect(queuePlace({ ...denied, currentOutcome: 'paid' }).inQueue).toBe(false);
    expect(queuePlace({ ...denied, worked: true }).inQueue).toBe(false);
    // Paid at first pass: never in the queue.
    expect(queuePlace({ ...denied, firstPass: 'paid', currentOutcome: 'paid' }).inQueue).toBe(false);
  });
});
