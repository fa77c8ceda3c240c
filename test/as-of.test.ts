/// <reference types="vite/client" />
/**
 * One meaning for `asOf`, in every function that takes it: a table of cases (one per
 * function, from test/support/as-of-cases/*.ts) each run on data with an event late on
 * 2024-06-30 (23:30 local) in UTC and in Europe/Berlin.
 *
 * - A date-only `asOf: '2024-06-30'` means the data is complete through the end of that
 *   local day: the late event counts and the period ending that day is complete.
 * - An instant `asOf` means that instant, inclusive: at the late event's own instant the
 *   event counts and the day is not yet complete; 1 ms earlier the event does not count
 *   (a monthly snapshot has no time of day: it counts while its month has begun).
 * - Every result echoes `asOf` as an ISO instant and as the local day.
 */
import { describe, expect, it } from 'vitest';
import { zoneCalendar } from '../src/core/time-zone.js';
import type { AsOfCase } from './support/valid-call.js';

const caseFiles = import.meta.glob<{ asOfCases: AsOfCase[] }>('./support/as-of-cases/*.ts', { eager: true });
const cases = Object.values(caseFiles).flatMap((file) => file.asOfCases);

/** Every export whose options declare `asOf` must have a case: listed from the sources. */
// The SQL builders (src/sql) are left out: they take the in-process functions' options and
// are proven equal to them, asOf included, by the conformance properties of test/sql/.
const sources = import.meta.glob<string>(['../src/**/*.ts', '!../src/sql/**'], { eager: true, query: '?raw', import: 'default' });
const entries = import.meta.glob<Record<string, unknown>>('../src/*/index.ts', { eager: true });

/** 23:30 local time on 2024-06-30 in the zone, as epoch ms. */
function lateEvent(timeZone: string): number {
  const zone = zoneCalendar(timeZone, 'test');
  const dayStart = zone.startOfDay(Date.UTC(2024, 5, 30) / 86_400_000);
  return dayStart + (23 * 60 + 30) * 60_000;
}

describe('asOf means one thing everywhere', () => {
  it('has cases for the functions that take asOf', () => {
    const names = cases.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    // Every exported function whose options interface (`<Name>Options`, wherever it is
    // declared) has an `asOf` option.
    const exported = new Set(Object.values(entries).flatMap((module) => Object.keys(module)));
    const withAsOf = Object.values(sources)
      .flatMap((text) => [...text.matchAll(/export interface (\w+?Options)\b[^{]*\{([\s\S]*?)\n\}/g)])
      .filter((match) => /readonly asOf\?:/.test(match[2] as string))
      .map((match) => match[1] as string);
    // The functions whose signature takes one of those options (`netRevenueRetention(snapshots,
    // options?: RevenueRetentionOptions)`), and factories named after their options.
    const taking = [
      ...new Set(
        Object.values(sources).flatMap((text) =>
          [...text.matchAll(/export function (\w+)(?:<[^(]*>)?\(([^)]*)\)/g)]
            .filter((match) => withAsOf.some((options) => new RegExp(`\\b${options}\\b`).test(match[2] as string)))
            .map((match) => match[1] as string),
        ),
      ),
    ].filter((name) => exported.has(name));
    expect(taking.length).toBeGreaterThan(15);
    expect(taking.filter((name) => !names.includes(name))).toEqual([]);
  });

  const table = cases.flatMap((c) => ['UTC', 'Europe/Berlin'].map((timeZone) => ({ c, timeZone })));
  for (const { c, timeZone } of table) {
    describe(`${c.name} in ${timeZone}`, () => {
      const late = lateEvent(timeZone);

      it("date-only asOf '2024-06-30': the late event counts and the day is complete", () => {
        const outcome = c.run('2024-06-30', timeZone);
        expect(outcome.counted).toBe(true);
        expect(outcome.complete).toBe(true);
        expect(outcome.asOfDate).toBe('2024-06-30');
        expect(outcome.asOf).toBe(new Date(zoneCalendar(timeZone, 'test').startOfDay(Date.UTC(2024, 6, 1) / 86_400_000) - 1).toISOString());
      });

      it('instant asOf at the late event: counted (unless only complete days count), the day not complete', () => {
        const outcome = c.run(new Date(late).toISOString(), timeZone);
        expect(outcome.counted).toBe(c.completeDaysOnly !== true);
        expect(outcome.complete).toBe(false);
        expect(outcome.asOf).toBe(new Date(late).toISOString());
        expect(outcome.asOfDate).toBe('2024-06-30');
      });

      it('instant asOf 1 ms before the late event: not counted (a monthly snapshot still counts)', () => {
        const outcome = c.run(late - 1, timeZone);
        expect(outcome.counted).toBe(c.granularity === 'month');
        expect(outcome.complete).toBe(false);
        expect(outcome.asOfDate).toBe('2024-06-30');
      });
    });
  }
});
