import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWorkingDays, dueDate, isWorkingDay, localDate, workingDaysBetween, type Pause, type WorkingCalendar } from './working-days.js';

const senegal: WorkingCalendar = { country: 'SN', closures: [] };
const morocco: WorkingCalendar = { country: 'MA', closures: [] };
const nowhere: WorkingCalendar = { country: 'XX', closures: [] };

describe('isWorkingDay', () => {
  it('excludes weekends', () => {
    expect(isWorkingDay('2026-11-20', senegal)).toBe(true); // Friday
    expect(isWorkingDay('2026-11-21', senegal)).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-22', senegal)).toBe(false); // Sunday
    expect(isWorkingDay('2026-11-23', senegal)).toBe(true); // Monday
  });

  it("excludes the country's public holidays, and only that country's", () => {
    expect(isWorkingDay('2026-05-27', senegal)).toBe(false); // Tabaski, a Wednesday
    expect(isWorkingDay('2026-05-26', senegal)).toBe(true);
    expect(isWorkingDay('2026-04-06', senegal)).toBe(false); // Easter Monday
    expect(isWorkingDay('2026-11-18', morocco)).toBe(false); // Independence Day, a Wednesday
    expect(isWorkingDay('2026-11-18', senegal)).toBe(true);
    expect(isWorkingDay('2026-04-06', morocco)).toBe(true);
    expect(isWorkingDay('2026-04-09', { country: 'TN', closures: [] })).toBe(false); // Martyrs' Day, a Thursday
  });

  it('excludes commune closures, bounds included', () => {
    const closed: WorkingCalendar = { country: 'SN', closures: [{ from: '2026-06-02', to: '2026-06-04' }] };
    expect(['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05'].map((day) => isWorkingDay(day, closed))).toEqual([
      true,
      false,
      false,
      false,
      true,
    ]);
  });

  it('treats an unknown or malformed country as weekends only, without throwing', () => {
    expect(isWorkingDay('2026-05-27', nowhere)).toBe(true);
    expect(isWorkingDay('2026-05-27', { country: '', closures: [] })).toBe(true);
    expect(isWorkingDay('2026-05-30', { country: 'not a country', closures: [] })).toBe(false); // Saturday
  });

  it('accepts a lower-case country code', () => {
    expect(isWorkingDay('2026-05-27', { country: 'sn', closures: [] })).toBe(false);
  });

  it('rejects dates that are not calendar dates', () => {
    expect(() => isWorkingDay('2026-02-30', senegal)).toThrow(RangeError);
    expect(() => isWorkingDay('26-11-2026', senegal)).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it('does not count the day of submission, and returns it for zero days', () => {
    expect(addWorkingDays('2026-11-23', 1, senegal)).toBe('2026-11-24');
    expect(addWorkingDays('2026-11-21', 0, senegal)).toBe('2026-11-21');
    expect(addWorkingDays('2026-11-20', 1, senegal)).toBe('2026-11-23'); // Friday → Monday
  });

  it('skips a long holiday weekend', () => {
    // Saturday 4 April 2026 is the Senegalese national day, then Sunday, then Easter Monday.
    expect(addWorkingDays('2026-04-03', 1, senegal)).toBe('2026-04-07');
  });

  it('crosses the year end with Christmas and New Year', () => {
    // Thu 25 Dec and Thu 1 Jan are holidays in Senegal: 26, 29, 30, 31 Dec, then 2 Jan.
    expect(addWorkingDays('2025-12-24', 5, senegal)).toBe('2026-01-02');
    expect(addWorkingDays('2025-12-24', 5, nowhere)).toBe('2025-12-31');
  });

  it('counts the Moroccan 20-working-day answer deadline around Green March and Independence Day', () => {
    // From Mon 2 Nov 2026: Fri 6 Nov and Wed 18 Nov are holidays, so 20 working days end on Wed 2 Dec.
    expect(addWorkingDays('2026-11-02', 20, morocco)).toBe('2026-12-02');
    expect(addWorkingDays('2026-11-02', 20, nowhere)).toBe('2026-11-30');
  });

  it('pushes the deadline past a commune closure', () => {
    const closed: WorkingCalendar = { country: 'SN', closures: [{ from: '2026-06-01', to: '2026-06-05' }] };
    expect(addWorkingDays('2026-05-29', 1, closed)).toBe('2026-06-08');
  });

  it('ignores a closure whose end precedes its start', () => {
    const backwards: WorkingCalendar = { country: 'SN', closures: [{ from: '2026-06-05', to: '2026-06-01' }] };
    expect(addWorkingDays('2026-05-29', 1, backwards)).toBe('2026-06-01');
  });

  it('handles spans of several years', () => {
    const due = addWorkingDays('2026-01-01', 2_500, senegal);
    expect(due > '2035-01-01' && due < '2036-06-01').toBe(true);
    expect(workingDaysBetween('2026-01-01', due, senegal)).toBe(2_500);
  });

  it('rejects negative or fractional day counts', () => {
    expect(() => addWorkingDays('2026-11-23', -1, senegal)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-11-23', 1.5, senegal)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts (from, to]', () => {
    expect(workingDaysBetween('2026-11-20', '2026-11-23', senegal)).toBe(1);
    expect(workingDaysBetween('2026-11-23', '2026-11-27', senegal)).toBe(4);
    expect(workingDaysBetween('2026-05-25', '2026-05-29', senegal)).toBe(3); // Whit Monday excluded anyway (from), Tabaski excluded
  });

  it('is 0 when to is not after from', () => {
    expect(workingDaysBetween('2026-11-23', '2026-11-23', senegal)).toBe(0);
    expect(workingDaysBetween('2026-11-27', '2026-11-23', senegal)).toBe(0);
  });
});

describe('dueDate', () => {
  it('without pauses is the working-day deadline', () => {
    expect(dueDate({ submittedOn: '2026-11-02', workingDays: 20, calendar: morocco })).toBe('2026-12-02');
  });

  it('adds the working days in (from, to] of a pause', () => {
    // Senegal, 8 working days from Mon 9 Nov 2026 → Thu 19 Nov. Clarification asked Wed 11 Nov, answered Mon 16 Nov:
    // Thu 12, Fri 13, Mon 16 are paused (3 days), so the deadline moves to Tue 24 Nov.
    expect(dueDate({ submittedOn: '2026-11-09', workingDays: 8, calendar: senegal })).toBe('2026-11-19');
    const pauses: Pause[] = [{ from: '2026-11-11', to: '2026-11-16' }];
    expect(dueDate({ submittedOn: '2026-11-09', workingDays: 8, calendar: senegal, pauses })).toBe('2026-11-24');
  });

  it('ignores a pause asked and answered the same day, or starting on the deadline day', () => {
    const sameDay: Pause[] = [{ from: '2026-11-11', to: '2026-11-11' }];
    expect(dueDate({ submittedOn: '2026-11-09', workingDays: 8, calendar: senegal, pauses: sameDay })).toBe('2026-11-19');
    const onDeadline: Pause[] = [{ from: '2026-11-19', to: '2026-11-30' }];
    expect(dueDate({ submittedOn: '2026-11-09', workingDays: 8, calendar: senegal, pauses: onDeadline })).toBe('2026-11-19');
  });

  it('stops the clock while a pause is open, unless the deadline had already passed', () => {
    expect(dueDate({ submittedOn: '2026-11-09', workingDays: 8, calendar: senegal, pauses: [{ from: '2026-11-18', to: null }] })).toBeNull();
    expect(dueDate({ submittedOn: '2026-11-09', workingDays: 8, calendar: senegal, pauses: [{ from: '2026-11-19', to: null }] })).toBe('2026-11-19');
  });

  it('does not pause twice for overlapping pauses', () => {
    const overlapping: Pause[] = [
      { from: '2026-11-11', to: '2026-11-16' },
      { from: '2026-11-13', to: '2026-11-17' },
    ];
    // Paused: 12, 13, 16, 17 Nov → 4 days.
    expect(dueDate({ submittedOn: '2026-11-09', workingDays: 8, calendar: senegal, pauses: overlapping })).toBe('2026-11-25');
  });
});

describe('localDate', () => {
  it('is the calendar date in the commune time zone', () => {
    const lateEvening = new Date('2026-11-22T23:30:00Z');
    expect(localDate(lateEvening, 'Africa/Dakar')).toBe('2026-11-22');
    expect(localDate(lateEvening, 'Africa/Lagos')).toBe('2026-11-23'); // Niamey and Porto-Novo are UTC+1
  });
});

// Property tests: random dates in 2024–2031, countries with and without holiday data, random closures and pauses.
const DAY_MS = 86_400_000;
const base = Date.UTC(2024, 0, 1);
const arbDate = fc.integer({ min: 0, max: 8 * 365 }).map((offset) => new Date(base + offset * DAY_MS).toISOString().slice(0, 10));
const arbRange = fc.tuple(arbDate, fc.integer({ min: 0, max: 20 })).map(([from, length]) => ({ from, to: shift(from, length) }));
const arbCalendar = fc.record({
  country: fc.constantFrom('SN', 'GN', 'GW', 'NE', 'BJ', 'BF', 'MA', 'TN', 'XX'),
  closures: fc.array(arbRange, { maxLength: 4 }),
});
const arbDays = fc.integer({ min: 0, max: 120 });

function shift(date: string, days: number): string {
  return new Date(Date.parse(date) + days * DAY_MS).toISOString().slice(0, 10);
}

const laterOf = (a: string, b: string) => (a > b ? a : b);

describe('working-day properties', () => {
  it('the n-th working day after a date is a working day, later than it', () => {
    fc.assert(
      fc.property(arbDate, fc.integer({ min: 1, max: 120 }), arbCalendar, (start, n, calendar) => {
        const due = addWorkingDays(start, n, calendar);
        expect(isWorkingDay(due, calendar)).toBe(true);
        expect(due > start).toBe(true);
      }),
    );
  });

  it('workingDaysBetween inverts addWorkingDays', () => {
    fc.assert(
      fc.property(arbDate, arbDays, arbCalendar, (start, n, calendar) => {
        expect(workingDaysBetween(start, addWorkingDays(start, n, calendar), calendar)).toBe(n);
      }),
    );
  });

  it('is strictly increasing in n', () => {
    fc.assert(
      fc.property(arbDate, arbDays, arbCalendar, (start, n, calendar) => {
        expect(addWorkingDays(start, n + 1, calendar) > addWorkingDays(start, n, calendar)).toBe(true);
      }),
    );
  });

  it('adding a closure never brings a deadline earlier', () => {
    fc.assert(
      fc.property(arbDate, arbDays, arbCalendar, arbRange, (start, n, calendar, closure) => {
        const withClosure = { ...calendar, closures: [...calendar.closures, closure] };
        expect(addWorkingDays(start, n, withClosure) >= addWorkingDays(start, n, calendar)).toBe(true);
      }),
    );
  });

  it('a closed pause pushes the deadline by the working days it covers before the deadline', () => {
    fc.assert(
      fc.property(arbDate, fc.integer({ min: 1, max: 60 }), arbCalendar, arbDate, fc.integer({ min: -3, max: 30 }), (submittedOn, n, calendar, from, length) => {
        const pause = { from, to: shift(from, length) };
        const unpaused = addWorkingDays(submittedOn, n, calendar);
        const expected = from >= unpaused ? unpaused : addWorkingDays(submittedOn, n + workingDaysBetween(laterOf(from, submittedOn), pause.to, calendar), calendar);
        expect(dueDate({ submittedOn, workingDays: n, calendar, pauses: [pause] })).toBe(expected);
      }),
    );
  });

  it('an open pause stops the clock exactly when it starts before the deadline', () => {
    fc.assert(
      fc.property(arbDate, fc.integer({ min: 1, max: 60 }), arbCalendar, arbDate, (submittedOn, n, calendar, from) => {
        const unpaused = addWorkingDays(submittedOn, n, calendar);
        expect(dueDate({ submittedOn, workingDays: n, calendar, pauses: [{ from, to: null }] })).toBe(from < unpaused ? null : unpaused);
      }),
    );
  });

  it('the order of pauses does not matter, and a repeated pause counts once', () => {
    fc.assert(
      fc.property(arbDate, arbDays, arbCalendar, arbRange, arbRange, (submittedOn, n, calendar, first, second) => {
        const once = dueDate({ submittedOn, workingDays: n, calendar, pauses: [first, second] });
        expect(dueDate({ submittedOn, workingDays: n, calendar, pauses: [second, first] })).toBe(once);
        expect(dueDate({ submittedOn, workingDays: n, calendar, pauses: [first, second, first] })).toBe(once);
      }),
    );
  });
});
