/**
 * The engagement module's entries in the date-only `asOf` table: each function that takes
 * `asOf`, run on data with an event at 23:30 local time on 2024-06-30 in the zone given
 * (user 'late'), beside earlier events of another user.
 */
import { parseDayKey } from '../../../src/core/calendar.js';
import { zoneCalendar } from '../../../src/core/time-zone.js';
import {
  activeUsers,
  activeUsersAccumulator,
  activeUsersByPeriod,
  engagedEvaluation,
  featureAdoption,
  licenseUtilizationByAccount,
  sessionsPerUserDay,
  stickiness,
} from '../../../src/engagement/index.js';
import type { AsOfCase } from '../valid-call.js';

const HOUR = 3_600_000;
const JUNE_30 = parseDayKey('2024-06-30') as number;

/** `hours` after local midnight of 2024-06-30 plus `days` days, in `timeZone`. */
function local(timeZone: string, days: number, hours: number): number {
  return zoneCalendar(timeZone, 'test').startOfDay(JUNE_30 + days) + hours * HOUR;
}

/**
 * 'early' on 06-29 at 10:00 and 06-30 at 08:00 (a login each), 'late' at 23:30 on 06-30 (an
 * export), local times.
 */
function eventsIn(timeZone: string): { userId: string; accountId: string; name: string; timestamp: number }[] {
  return [
    { userId: 'early', accountId: 'acme', name: 'login', timestamp: local(timeZone, -1, 10) },
    { userId: 'early', accountId: 'acme', name: 'login', timestamp: local(timeZone, 0, 8) },
    { userId: 'late', accountId: 'acme', name: 'export', timestamp: local(timeZone, 0, 23.5) },
  ];
}

const echo = (result: { asOf: string | null; asOfDate: string | null }): { asOf: string | null; asOfDate: string | null } => ({
  asOf: result.asOf,
  asOfDate: result.asOfDate,
});

/** The day 2024-06-30 of an activeUsers result: counted when its DAU holds both users. */
function june30(result: { days: { date: string; complete: boolean; dau: number }[]; asOf: string | null; asOfDate: string | null }) {
  const day = result.days.find((d) => d.date === '2024-06-30');
  return { counted: day?.dau === 2, complete: day?.complete === true, ...echo(result) };
}

export const asOfCases: AsOfCase[] = [
  {
    name: 'activeUsers',
    run: (asOf, timeZone) => june30(activeUsers(eventsIn(timeZone), { timeZone, asOf })),
  },
  {
    name: 'activeUsersAccumulator',
    run: (asOf, timeZone) => june30(activeUsersAccumulator({ timeZone, asOf }).add(eventsIn(timeZone)).result()),
  },
  {
    name: 'activeUsersByPeriod',
    run: (asOf, timeZone) => {
      // June, a whole month from 06-01: counted when both users are in it; complete when June has ended.
      const result = activeUsersByPeriod(eventsIn(timeZone), { timeZone, asOf, period: 'month', from: '2024-06' });
      const june = result.periods.find((p) => p.period === '2024-06');
      return { counted: june?.activeUsers === 2, complete: june?.complete === true, ...echo(result) };
    },
  },
  {
    // stickiness is over complete days only (its doc comment): a day in progress at asOf is
    // left out of the range, with its events. So at an instant asOf on 06-30 before its end
    // (the late event's own instant included) the late event is NOT counted: this case reports
    // counted: false there, truthfully, and the table's "counted at the event's instant" row
    // does not hold for stickiness by design. With the date-only asOf the day is complete
    // and the event counts; 1 ms before the event it does not.
    name: 'stickiness',
    completeDaysOnly: true,
    run: (asOf, timeZone) => {
      const result = stickiness(eventsIn(timeZone), { timeZone, asOf });
      return { counted: result.activeUsers === 2, complete: result.to === '2024-06-30', ...echo(result) };
    },
  },
  {
    name: 'featureAdoption',
    run: (asOf, timeZone) => {
      // The late event is the only export: counted when June has an adopter.
      const result = featureAdoption(eventsIn(timeZone), { timeZone, asOf, feature: 'export', period: 'month', from: '2024-06' });
      const june = result.periods.find((p) => p.period === '2024-06');
      return { counted: june?.adopters === 1, complete: june?.complete === true, ...echo(result) };
    },
  },
  {
    name: 'sessionsPerUserDay',
    run: (asOf, timeZone) => {
      // 06-30 has early's 08:00 session and, when counted, late's 23:30 session.
      const result = sessionsPerUserDay(eventsIn(timeZone), { timeZone, asOf });
      const day = result.days.find((d) => d.date === '2024-06-30');
      return { counted: day?.sessionCount === 2, complete: day?.complete === true, ...echo(result) };
    },
  },
  {
    name: 'engagedEvaluation',
    run: (asOf, timeZone) => {
      // A trial of acme from 06-17 (local): its 14-day window is 06-17 .. 06-30, complete when
      // 06-30 has ended. Its events: 06-29 10:00 and the late one, the only one of 06-30 (the
      // 08:00 login is left out here), so the late event is counted when 06-30 is active: 2 days.
      const events = eventsIn(timeZone).filter((e) => e.userId === 'late' || e.timestamp < local(timeZone, 0, 0));
      const result = engagedEvaluation(events, { trials: [{ accountId: 'acme', trialStart: '2024-06-17' }], timeZone, asOf });
      const trial = result.trials[0];
      return { counted: trial?.activeDays === 2, complete: trial?.pending === false, ...echo(result) };
    },
  },
  {
    name: 'licenseUtilizationByAccount',
    run: (asOf, timeZone) => {
      // A one-day window ending on 06-30: counted when both users are active in it.
      const result = licenseUtilizationByAccount(eventsIn(timeZone), { licenses: [{ accountId: 'acme', licenses: 2 }], timeZone, asOf, windowDays: 1 });
      return { counted: result.accounts[0]?.activeUsers === 2, complete: result.complete, ...echo(result) };
    },
  },
];
