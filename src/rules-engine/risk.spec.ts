import { claimRisk } from './risk.js';

const lines = [
  { lineNumber: 1, chargeCents: 10_000 },
  { lineNumber: 2, chargeCents: 5_000 },
];

describe('claimRisk', () => {
  it('is zero without findings, and info findings carry no risk', () => {
    expect(claimRisk([], lines)).toEqual({ score: 0, expectedDenialCents: 0, chargesAtRiskCents: 0 });
    expect(claimRisk([{ severity: 'info', line: 1 }], lines)).toEqual({
      score: 0,
      expectedDenialCents: 0,
      chargesAtRiskCents: 0,
    });
  });

  it('puts a line finding on its line only', () => {
    expect(claimRisk([{ severity: 'block', line: 2 }], lines)).toEqual({
      score: 0.9,
      expectedDenialCents: 4_500,
      chargesAtRiskCents: 5_000,
    });
  });

  it('puts a claim finding on every line, and combines findings as independent chances', () => {
    const sut = claimRisk(
      [
        { severity: 'warn', line: null },
        { severity: 'block', line: 1 },
      ],
      lines,
    );
    // line 1: 1 - 0.7 × 0.1 = 0.93; line 2: 0.3; claim: 0.93.
    expect(sut).toEqual({ score: 0.93, expectedDenialCents: 9_300 + 1_500, chargesAtRiskCents: 15_000 });
  });
});
