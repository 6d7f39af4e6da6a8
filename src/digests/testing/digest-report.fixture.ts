/** A digest with a little of everything, for the renderer specs. */
import type { OpenDeadlineAlert } from '../../deadlines/deadline-alert.js';
import {
  type DigestReport,
  type NewDenialRow,
  summarizeDeadlines,
  summarizeNewDenials,
} from '../digest-content.js';

export const CLAIM_A = '0190a5a1-0000-7000-8000-00000000000a';
export const CLAIM_B = '0190a5a1-0000-7000-8000-00000000000b';
export const CLAIM_C = '0190a5a1-0000-7000-8000-00000000000c';

export const DENIALS: NewDenialRow[] = [
  {
    claimId: CLAIM_A,
    payerId: 'AETNA',
    billingNpi: '1234567893',
    firstRemitDate: '2026-03-01',
    firstPass: 'denied',
    deniedCents: 123_456,
    denialCarcs: ['16', '197'],
    denialCategories: ['coding', 'authorization'],
  },
  {
    claimId: CLAIM_B,
    payerId: '=HYPERLINK("http://evil")',
    billingNpi: '1234567893',
    firstRemitDate: '2026-03-01',
    firstPass: 'partial',
    deniedCents: 5,
    denialCarcs: ['16'],
    denialCategories: ['coding'],
  },
];

export const ALERTS: OpenDeadlineAlert[] = [
  {
    id: '0190a5a1-0000-7000-8000-0000000000f1',
    claimId: CLAIM_C,
    kind: 'filing',
    deadline: '2026-03-05',
    raisedAt: '2026-03-02T06:00:00.000Z',
    runId: null,
    payerId: 'BCBS <script>',
    billingNpi: '1234567893',
    chargeCents: 50_000,
    atRiskCents: 12_345,
    daysLeft: 3,
  },
];

export function digestReport(overrides: Partial<DigestReport> = {}): DigestReport {
  return {
    period: { kind: 'daily', from: '2026-03-01', to: '2026-03-01' },
    today: '2026-03-02',
    timeZone: 'America/Chicago',
    generatedAt: '2026-03-02T12:00:00.000Z',
    newDenials: summarizeNewDenials(DENIALS, (carc) =>
      carc === '16' ? 'Missing or invalid information' : null,
    ),
    moneyAtRisk: {
      openFlagged: {
        key: 'total',
        claims: 3,
        expectedDeniedCents: 250_001,
        byPayer: [
          { key: 'AETNA', claims: 2, expectedDeniedCents: 250_000 },
          { key: 'BCBS', claims: 1, expectedDeniedCents: 1 },
        ],
      },
      awaitingAnswer: { key: 'total', claims: 40, expectedDeniedCents: 1_000_000_00 },
    },
    leakage: {
      byKind: [
        { kind: 'denial', items: 4, amountCents: 400_000 },
        { kind: 'underpayment', items: 2, amountCents: -1250 },
      ],
      totalCents: 398_750,
      reworkAvoidedCents: 9_900,
    },
    deadlines: summarizeDeadlines(ALERTS),
    ...overrides,
  };
}
