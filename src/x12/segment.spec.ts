import { DEFAULT_DELIMITERS } from './delimiters.js';
import { Segment } from './segment.js';

function seg(text: string, delimiters = DEFAULT_DELIMITERS): Segment {
  const elements = text.split(delimiters.element);
  return new Segment(elements[0]!, elements, 7, 3, 100, delimiters);
}

describe('Segment', () => {
  it('addresses elements and components 1-based, as the spec names them', () => {
    const sut = seg('CLM*PCN1*150***11:B:1*Y*A*Y*Y');
    expect(sut.get(1)).toBe('PCN1');
    expect(sut.get(2)).toBe('150');
    expect(sut.get(3)).toBe('');
    expect(sut.get(99)).toBe('');
    expect(sut.element(5).component(1)).toBe('11');
    expect(sut.element(5).component(3)).toBe('1');
    expect(sut.component(5, 2)).toBe('B');
    expect(sut.component(5, 4)).toBe('');
    expect(sut.component(1, 1)).toBe('PCN1');
    expect(sut.component(1, 2)).toBe('');
    expect(sut.components(5)).toEqual(['11', 'B', '1']);
    expect(sut.length).toBe(9);
  });

  it('splits repetitions and reads components of the first one', () => {
    const sut = seg('HI*ABK:J20^ABF:R05');
    expect(sut.element(1).repetitions()).toEqual(['ABK:J20', 'ABF:R05']);
    expect(sut.component(1, 2)).toBe('J20');
    const noRep = seg('HI*ABK:J20^X', { ...DEFAULT_DELIMITERS, repetition: null });
    expect(noRep.element(1).repetitions()).toEqual(['ABK:J20^X']);
  });

  it('computes element byte offsets, counting multi-byte characters as bytes', () => {
    const sut = seg('NM1*IL*1*MÜLLER*ANA');
    expect(sut.elementOffset(0)).toBe(100);
    expect(sut.elementOffset(1)).toBe(104);
    expect(sut.elementOffset(4)).toBe(100 + 'NM1*IL*1*MÜLLER*'.length + 1);
  });

  it('re-joins with its own delimiters', () => {
    expect(seg('REF*G1*AUTH123').toString()).toBe('REF*G1*AUTH123');
  });
});
