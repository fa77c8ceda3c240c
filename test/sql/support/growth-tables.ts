/**
 * Signups for the growthLifecycleSql conformance property: one row for some of the log's
 * users (and a few ids without events), each placed relative to that user's own first
 * event: days or weeks before it (an earlier period, or earlier in the same period), on
 * its day, or after it, at local midnight ±1 ms or an hour in. This is where "created" in
 * `newBy: 'signup'` turns a first active period from new into resurrecting.
 */
import fc from 'fast-check';
import { zoneCalendar } from '../../../src/core/time-zone.js';
import type { EventLog } from './event-logs.js';
import type { SignupRow } from './journey-tables.js';

const EXTRA_TEXT_IDS = ['dee', 'ünï'] as const;
const EXTRA_INT_IDS = [7, 103] as const;

/** Signups keyed by `key` (the column read as the user): each id at most once. */
export function growthSignupsArbitrary(log: EventLog, key: 'userId' | 'accountId'): fc.Arbitrary<SignupRow[]> {
  const calendar = zoneCalendar(log.timeZone, 'test');
  const firstDay = new Map<string | number, number>();
  for (const e of log.events) if (!firstDay.has(e[key])) firstDay.set(e[key], calendar.dayOf(e.timestamp));
  const extra: readonly (string | number)[] = log.idKind === 'integer' ? EXTRA_INT_IDS : EXTRA_TEXT_IDS;
  const pool = [...new Set<string | number>([...firstDay.keys(), ...extra])];
  // Mostly a few days before the first event (the same week or month, or the one before), at times far before or after.
  const days = fc.oneof({ arbitrary: fc.integer({ min: -6, max: -1 }), weight: 3 }, { arbitrary: fc.constantFrom(-60, -31, -8, -7, 0, 1, 4), weight: 2 });
  const place = fc.option(fc.record({ days, within: fc.constantFrom(0, -1, 1, 3_600_000) }), { freq: 5 });
  return fc.tuple(...pool.map(() => place)).map((list) =>
    pool.flatMap((id, i) => {
      const at = list[i];
      return at === null || at === undefined ? [] : [{ id, signedUpAt: calendar.startOfDay((firstDay.get(id) ?? 19_800) + at.days) + at.within }];
    }),
  );
}
