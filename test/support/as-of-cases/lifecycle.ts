/**
 * The lifecycle module's entries in the date-only `asOf` table: each function that takes
 * `asOf`, run on data with an event at 23:30 local time on 2024-06-30 in the zone given.
 */
import { isCompleteAt } from '../../../src/core/as-of.js';
import { parseDayKey } from '../../../src/core/calendar.js';
import { zoneCalendar } from '../../../src/core/time-zone.js';
import {
  compareConversion,
  conversion,
  growthLifecycle,
  hasEvent,
  lifecycle,
  lifecycleFunnel,
  timeToValue,
  type Journey,
} from '../../../src/lifecycle/index.js';
import type { AsOfCase } from '../valid-call.js';


const HOUR = 3_600_000;
const JUNE_30 = parseDayKey('2024-06-30') as number;

/** 23:30 local time on 2024-06-30 in `timeZone`. */
function lateOnJune30(timeZone: string): number {
  return zoneCalendar(timeZone, 'test').startOfDay(JUNE_30) + 23.5 * HOUR;
}

/** 09:00 local time on 2024-06-01: every journey's start. */
function juneFirst(timeZone: string): number {
  return zoneCalendar(timeZone, 'test').startOfDay(JUNE_30 - 29) + 9 * HOUR;
}

/** Two journeys in `timeZone`: 'late' reaches aha at 23:30 on 06-30, 'none' never does. */
function journeysIn(timeZone: string): Journey[] {
  const start = juneFirst(timeZone);
  return [
    { id: 'late', start, events: [{ name: 'aha', timestamp: lateOnJune30(timeZone), record: {} }], timeZone },
    { id: 'none', start, events: [], timeZone },
  ];
}

/**
 * For the functions without calendar periods (the classifier, the funnel, time to value and
 * the conversions): whether the day 2024-06-30 is finished at the `asOf` the result echoes,
 * i.e. whether the echoed instant is the last millisecond of that local day or later.
 */
function dayFinished(echo: { asOf: string | null }, timeZone: string): boolean {
  return echo.asOf !== null && isCompleteAt(JUNE_30, Date.parse(echo.asOf), zoneCalendar(timeZone, 'test'));
}

const aha = hasEvent('aha');

export const asOfCases: AsOfCase[] = [
  {
    name: 'lifecycle',
    run: (asOf, timeZone) => {
      const classify = lifecycle({ aha }, { asOf, timeZone });
      const counted = classify(journeysIn(timeZone)[0] as Journey).stage === 'aha';
      return { counted, complete: dayFinished(classify, timeZone), asOf: classify.asOf, asOfDate: classify.asOfDate };
    },
  },
  {
    name: 'lifecycleFunnel',
    run: (asOf, timeZone) => {
      const result = lifecycleFunnel(journeysIn(timeZone), { aha }, { asOf, timeZone });
      return { counted: result.stages[1]?.reached === 1, complete: dayFinished(result, timeZone), asOf: result.asOf, asOfDate: result.asOfDate };
    },
  },
  {
    name: 'timeToValue',
    run: (asOf, timeZone) => {
      const result = timeToValue(journeysIn(timeZone), aha, { asOf, timeZone });
      return { counted: result.reached === 1, complete: dayFinished(result, timeZone), asOf: result.asOf, asOfDate: result.asOfDate };
    },
  },
  {
    // A 60-day window opened on 06-01 is still open: the conversion counts as pendingConverted.
    name: 'conversion',
    run: (asOf, timeZone) => {
      const result = conversion(journeysIn(timeZone), { goal: aha, withinDays: 60, asOf, timeZone });
      return { counted: result.pendingConverted === 1, complete: dayFinished(result, timeZone), asOf: result.asOf, asOfDate: result.asOfDate };
    },
  },
  {
    name: 'compareConversion',
    run: (asOf, timeZone) => {
      const result = compareConversion(journeysIn(timeZone), { segment: (j: Journey) => j.id === 'late', goal: aha, withinDays: 60, asOf, timeZone });
      return { counted: result.segment.pendingConverted === 1, complete: dayFinished(result, timeZone), asOf: result.asOf, asOfDate: result.asOfDate };
    },
  },
  {
    // 'early' is active on 06-10; 'late' only at 23:30 on 06-30. June is the month ending 06-30.
    name: 'growthLifecycle',
    run: (asOf, timeZone) => {
      const events = [
        { userId: 'early', timestamp: juneFirst(timeZone) + 9 * 24 * HOUR },
        { userId: 'late', timestamp: lateOnJune30(timeZone) },
      ];
      const result = growthLifecycle(events, { period: 'month', asOf, timeZone });
      const june = result.periods.find((p) => p.period === '2024-06');
      return { counted: june?.active === 2, complete: june?.complete === true, asOf: result.asOf, asOfDate: result.asOfDate };
    },
  },
];
