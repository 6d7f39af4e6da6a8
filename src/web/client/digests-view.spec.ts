import * as sut from './digests-view.js';

describe('digests view', () => {
  it('labels the kinds', () => {
    expect(sut.kindLabel('daily')).toBe('Daily');
    expect(sut.kindLabel('weekly')).toBe('Weekly');
  });

  it('shows one day for a daily digest and the range for a weekly one', () => {
    const date = (s: string) => `<${s}>`;
    expect(sut.periodText({ periodFrom: '2026-03-01', periodTo: '2026-03-01' }, date)).toBe('<2026-03-01>');
    expect(sut.periodText({ periodFrom: '2026-02-23', periodTo: '2026-03-01' }, date)).toBe(
      '<2026-02-23> – <2026-03-01>',
    );
  });

  it('reads the kind filter from the address', () => {
    expect(sut.kindFilter('?kind=weekly')).toBe('weekly');
    expect(sut.kindFilter('?kind=daily&x=1')).toBe('daily');
    expect(sut.kindFilter('?kind=monthly')).toBeNull();
    expect(sut.kindFilter('')).toBeNull();
  });
});
