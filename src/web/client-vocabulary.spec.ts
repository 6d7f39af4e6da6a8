import { DENIAL_CATEGORIES } from '../reporting/carc-categories.js';
import { GAP_STATUSES } from '../coding-gaps/coding-gaps.js';
import { DEADLINE_ALERT_DAYS } from '../deadlines/deadline-alert.js';
import { DEADLINE_ALERT_KINDS } from '../deadlines/deadline-window.js';
import { WORKLIST_ALERT_FILTERS } from '../worklist/dto/worklist-query.dto.js';
import { WORK_STATUSES, allowedNext } from '../worklist/work-status.js';
import * as sut from './client/domain.js';

describe('the browser copies of server vocabularies', () => {
  it('lists the same categories as the server', () => {
    expect([...sut.CATEGORIES]).toEqual([...DENIAL_CATEGORIES]);
  });

  it('knows the same statuses and workflow moves as the server', () => {
    expect([...sut.WORK_STATUSES]).toEqual([...WORK_STATUSES]);
    for (const s of WORK_STATUSES) expect([...sut.NEXT_STATUS[s]]).toEqual([...allowedNext(s)]);
  });

  it('knows the same coding gap statuses as the server', () => {
    expect([...sut.GAP_STATUSES]).toEqual([...GAP_STATUSES]);
  });

  it('knows the deadline alerts as the server raises and filters them', () => {
    expect([...sut.DEADLINE_ALERT_KINDS]).toEqual([...DEADLINE_ALERT_KINDS]);
    expect(sut.DEADLINE_ALERT_DAYS).toBe(DEADLINE_ALERT_DAYS);
    expect([...sut.WORKLIST_ALERT_FILTERS]).toEqual([...WORKLIST_ALERT_FILTERS]);
  });

  it('labels every move', () => {
    expect(sut.moveLabel('new', 'in-progress')).toBe('Start work');
    expect(sut.moveLabel('resolved', 'in-progress')).toBe('Reopen');
    for (const s of sut.WORK_STATUSES) {
      for (const to of sut.NEXT_STATUS[s]) expect(sut.moveLabel(s, to)).not.toBe(to);
    }
  });
});
