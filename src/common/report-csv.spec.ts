import { reportCsv, reportRows } from './report-csv.js';

describe('reportCsv', () => {
  it('writes the rows of a grouped report, money as dollars, without the Cents suffix', () => {
    const csv = reportCsv({
      report: 'denials',
      rows: [
        { key: 'P1', denied: 3, deniedCents: 123456, denialRate: 0.125, drill: '/x?a=1' },
        { key: '=cmd()', denied: 0, deniedCents: -5, denialRate: null, drill: '/y' },
      ],
    });
    expect(csv.split('\r\n')).toEqual([
      'key,denied,deniedDollars,denialRate,drill',
      'P1,3,1234.56,0.125,/x?a=1',
      "'=cmd(),0,-0.05,,/y",
      '',
    ]);
  });

  it('writes nested money columns in dollars too', () => {
    const csv = reportCsv({ claims: 2, leakageByKindCents: { denial: 150000, rework: 2500 } });
    expect(csv.split('\r\n').slice(0, 2)).toEqual([
      'claims,leakageByKindDollars.denial,leakageByKindDollars.rework',
      '2,1500.00,25.00',
    ]);
  });

  it('flattens nested objects and joins lists', () => {
    const csv = reportCsv({
      items: [
        {
          claimId: 'c1',
          flags: [{ ruleId: 'A' }, { ruleId: 'B' }],
          denialCarcs: ['16', '197'],
          risk: { milli: 5 },
        },
      ],
    });
    expect(csv.split('\r\n').slice(0, 2)).toEqual([
      'claimId,flags,denialCarcs,risk.milli',
      'c1,A;B,16;197,5',
    ]);
  });

  it('picks the list of each report shape: per-rule backtest, deadlines, calibration, a summary', () => {
    expect(reportRows({ rules: { A: { ruleId: 'A' }, B: { ruleId: 'B' } } })).toHaveLength(2);
    expect(reportRows([{ a: 1 }, { a: 2 }])).toEqual([{ a: 1 }, { a: 2 }]);
    expect(
      reportRows({ appeals: { rows: [{ id: 1 }] }, filing: { rows: [{ id: 2 }, { id: 3 }] } }).map(
        (r) => r['deadlineKind'],
      ),
    ).toEqual(['appeal', 'filing', 'filing']);
    expect(reportRows({ calibration: { reliability: [{ bin: 1 }, { bin: 2 }] } })).toHaveLength(2);
    expect(reportRows({ claims: 3, nested: { rate: 0.5 } })).toEqual([{ claims: 3, 'nested.rate': 0.5 }]);
  });
});
