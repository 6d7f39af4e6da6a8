import * as sut from './deadline-alert-view.js';

describe('deadline alert badges', () => {
  it.each([
    ['filing', 3, 'Filing deadline in 3 days'],
    ['filing', 1, 'Filing deadline in 1 day'],
    ['filing', 0, 'Filing deadline today'],
    ['filing', -2, 'Filing deadline passed 2 days ago'],
    ['appeal', 7, 'Appeal due in 7 days'],
    ['appeal', 0, 'Appeal due today'],
    ['appeal', -1, 'Appeal was due 1 day ago'],
  ] as const)('%s with %i days left reads %p', (kind, daysLeft, text) => {
    expect(sut.deadlineAlertText({ kind, daysLeft })).toBe(text);
  });

  it('is red on the last day and after, amber before', () => {
    expect(sut.deadlineAlertClass({ daysLeft: 0 })).toBe('deadline-alert overdue');
    expect(sut.deadlineAlertClass({ daysLeft: -1 })).toBe('deadline-alert overdue');
    expect(sut.deadlineAlertClass({ daysLeft: 1 })).toBe('deadline-alert warn');
  });
});
