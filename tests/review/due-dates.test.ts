/**
 * Review due dates in business days (the policy's calendar, or the built-in Monday-Friday one),
 * and the policy's defaults.
 */
import { describe, expect, it } from 'vitest';
import { reviewDueDate, reviewPolicy } from '../../scripts/derive/review-policy.ts';
import type { OpsbookConfig } from '../../scripts/model/types.ts';

const h = ['08:00-17:00'];
function config(review?: OpsbookConfig['review']): OpsbookConfig {
  return {
    organization: { name: 'T', timezone: 'Europe/Berlin' },
    services: {},
    calendars: {
      'mon-fri': {
        timezone: 'Europe/Berlin',
        hours: { mon: h, tue: h, wed: h, thu: h, fri: h },
        holidays: { dates: ['2026-04-06'] },
      },
    },
    sla: {},
    ...(review ? { review } : {}),
  } as unknown as OpsbookConfig;
}

describe('review due dates', () => {
  it.each([
    // Friday 10:00 + 2: the weekend and the holiday Monday are skipped.
    ['2026-04-03T10:00:00+02:00', 2, '2026-04-08'],
    // After closing: counting starts at the next opening (Tuesday 08:00).
    ['2026-04-03T18:00:00+02:00', 2, '2026-04-09'],
    // Saturday: from the next opening as well.
    ['2026-04-04T11:00:00+02:00', 1, '2026-04-08'],
    // 0 days: the day of the resolution.
    ['2026-04-03T18:00:00+02:00', 0, '2026-04-03'],
    // Late in the evening UTC is the next day in Berlin.
    ['2026-04-08T23:30:00Z', 1, '2026-04-10'],
  ])('resolved %s + %i business days on mon-fri → %s', (resolved, days, due) => {
    const policy = reviewPolicy(config({ due_business_days: days, calendar: 'mon-fri' }));
    expect(reviewDueDate(policy, Date.parse(resolved))).toBe(due);
  });

  it('uses Monday to Friday without holidays in the organisation zone by default', () => {
    const policy = reviewPolicy(config());
    expect(policy).toMatchObject({
      requiredPriorities: ['P1', 'P2'],
      onBreach: true,
      dueBusinessDays: 5,
      calendarId: null,
    });
    // Friday 20:00 (the whole day counts) + 5 → the next Friday; the holiday of mon-fri does not count.
    expect(reviewDueDate(policy, Date.parse('2026-04-03T20:00:00+02:00'))).toBe('2026-04-10');
    // Sunday → from Monday 00:00: + 1 → Tuesday.
    expect(
      reviewDueDate(reviewPolicy(config({ due_business_days: 1 })), Date.parse('2026-04-05T12:00:00+02:00')),
    ).toBe('2026-04-07');
  });

  it('refuses an unknown calendar', () => {
    expect(() => reviewPolicy(config({ calendar: 'nope' }))).toThrow(
      'review.calendar "nope" is not a calendar in calendars',
    );
  });
});
