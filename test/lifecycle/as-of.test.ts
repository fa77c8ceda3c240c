/**
 * The one rule for `asOf` in the lifecycle module (1.0): an event counts when at or before
 * `asOf`; a date-only `asOf` is the end of that local day, so an event at 23:30 that day
 * counts and a period ending that day is complete; every result echoes `asOf` and
 * `asOfDate`.
 */
import { describe, expect, it } from 'vitest';
import {
  compareConversion,
  conversion,
  growthLifecycle,
  hasEvent,
  lifecycle,
  lifecycleFunnel,
  timeToValue,
  type Journey,
} from '../../src/lifecycle/index.js';
import { asOfCases } from '../support/as-of-cases/lifecycle.js';

const at = (iso: string): number => Date.parse(iso);
const aha = hasEvent('aha');

describe('asOf in the lifecycle module', () => {
  // The shared table's three readings, in UTC and Berlin.
  const late = { UTC: at('2024-06-30T23:30:00Z'), 'Europe/Berlin': at('2024-06-30T21:30:00Z') };
  describe.each(Object.entries(late))('in %s', (timeZone, lateInstant) => {
    it.each(asOfCases.map((c) => [c.name, c] as const))('%s counts the late event with the date-only asOf, and completes the day', (_, c) => {
      expect(c.run('2024-06-30', timeZone)).toEqual({
        counted: true,
        complete: true,
        asOf: timeZone === 'UTC' ? '2024-06-30T23:59:59.999Z' : '2024-06-30T21:59:59.999Z',
        asOfDate: '2024-06-30',
      });
    });
    it.each(asOfCases.map((c) => [c.name, c] as const))('%s counts an event exactly at asOf, the day not complete', (_, c) => {
      expect(c.run(lateInstant, timeZone)).toEqual({ counted: true, complete: false, asOf: new Date(lateInstant).toISOString(), asOfDate: '2024-06-30' });
    });
    it.each(asOfCases.map((c) => [c.name, c] as const))('%s leaves out an event 1 ms after asOf', (_, c) => {
      expect(c.run(lateInstant - 1, timeZone)).toMatchObject({ counted: false, complete: false, asOfDate: '2024-06-30' });
    });
  });

  // Hand-worked: a journey starting 2024-06-01T00:00Z reaches aha at 2024-06-30T23:30Z.
  const journey: Journey = { id: 'late', start: at('2024-06-01T00:00:00Z'), events: [{ name: 'aha', timestamp: at('2024-06-30T23:30:00Z'), record: {} }] };

  it('lifecycle and lifecycleFunnel: a stage reached at 23:30 on the asOf day counts', () => {
    // 0.1 read '2024-06-30' as its first instant and left the stage out.
    expect(lifecycle({ aha }, { asOf: '2024-06-30' })(journey)).toEqual({
      id: 'late',
      stage: 'aha',
      reached: { 'signed-up': '2024-06-01', aha: '2024-06-30' },
      at: { 'signed-up': at('2024-06-01T00:00:00Z'), aha: at('2024-06-30T23:30:00Z') },
    });
    expect(lifecycle({ aha }, { asOf: '2024-06-29' })(journey).stage).toBe('signed-up');
    // YYYY-MM is the end of the month.
    expect(lifecycle({ aha }, { asOf: '2024-06', timeZone: 'UTC' })(journey).stage).toBe('aha');
    const funnel = lifecycleFunnel([journey], { aha }, { asOf: '2024-06-30' });
    expect(funnel.stages.map((s) => s.reached)).toEqual([1, 1]);
    // Days from signed-up to aha: 29 days and 23.5 hours = 29 + 23.5/24.
    expect(funnel.stages[1]?.medianDaysFromPrevious).toBe(29 + 23.5 / 24);
  });

  it('timeToValue: reached at 29 + 23.5/24 days, not censored', () => {
    const result = timeToValue([journey], aha, { asOf: '2024-06-30', horizons: [29, 30] });
    expect([result.asOf, result.asOfDate, result.n, result.reached, result.censored]).toEqual(['2024-06-30T23:59:59.999Z', '2024-06-30', 1, 1, 0]);
    // One subject, one event: S drops from 1 to 0 at 29.979 days; the median is that time.
    expect(result.median.value).toBe(29 + 23.5 / 24);
    expect(result.reachedWithin.map((r) => r.share?.value)).toEqual([0, 1]);
    // One millisecond before the event: censored at 29 + 23.5/24 days less 1 ms.
    const before = timeToValue([journey], aha, { asOf: at('2024-06-30T23:30:00Z') - 1 });
    expect([before.reached, before.censored, before.median]).toEqual([0, 1, { value: null, lower: null, upper: null }]);
  });

  it('conversion and compareConversion: a window closing late on the asOf day is eligible, its conversion counted', () => {
    // Start 06-15T23:00Z, 15 days: the window closes at 06-30T23:00Z; paid at 06-30T22:30Z.
    const trial: Journey = { id: 't', start: at('2024-06-15T23:00:00Z'), events: [{ name: 'paid', timestamp: at('2024-06-30T22:30:00Z'), record: {} }] };
    const options = { goal: hasEvent('paid'), withinDays: 15, asOf: '2024-06-30' };
    const result = conversion([trial], options);
    // asOf is 06-30T23:59:59.999Z: the window has closed and the payment is in it.
    expect([result.asOf, result.asOfDate, result.eligible, result.converted, result.pending]).toEqual(['2024-06-30T23:59:59.999Z', '2024-06-30', 1, 1, 0]);
    expect(result.medianDaysToConvert).toBe(15 - 0.5 / 24);
    // At 22:59:59.999 the window is still open: pending, already converted.
    const open = conversion([trial], { ...options, asOf: at('2024-06-30T23:00:00Z') - 1 });
    expect([open.eligible, open.pending, open.pendingConverted]).toEqual([0, 1, 1]);
    const compared = compareConversion([trial, { id: 'u', start: trial.start, events: [] }], { ...options, segment: (j) => j.id === 't' });
    expect([compared.asOfDate, compared.segment.converted, compared.control.eligible, compared.control.converted]).toEqual(['2024-06-30', 1, 1, 0]);
  });

  it('growthLifecycle: with asOf 2024-06-30 June is complete and counts its 06-30 events', () => {
    const events = [
      { userId: 'a', timestamp: '2024-05-10T12:00:00Z' },
      { userId: 'a', timestamp: '2024-06-10T12:00:00Z' },
      { userId: 'b', timestamp: '2024-06-30T23:30:00Z' },
      { userId: 'c', timestamp: '2024-07-02T08:00:00Z' },
    ];
    const june = growthLifecycle(events, { period: 'month', asOf: '2024-06-30' });
    // May: a new. June: a returning, b new (23:30 on 06-30 counts); c (July) is after asOf.
    expect([june.asOf, june.asOfDate, june.to]).toEqual(['2024-06-30T23:59:59.999Z', '2024-06-30', '2024-06-30']);
    expect(june.periods.map((p) => [p.period, p.complete, p.new, p.returning, p.active])).toEqual([
      ['2024-05', true, 1, 0, 1],
      ['2024-06', true, 1, 1, 2],
    ]);
    // An instant during 06-30 leaves June incomplete (0.1 said complete) and b's 23:30 out.
    const noon = growthLifecycle(events, { period: 'month', asOf: '2024-06-30T12:00:00Z' });
    expect(noon.periods.map((p) => [p.period, p.complete, p.active])).toEqual([
      ['2024-05', true, 1],
      ['2024-06', false, 1],
    ]);
    // Periods after asOf are not reported: the default range ends on asOf's day.
    expect(growthLifecycle(events, { period: 'day', asOf: '2024-06-30' }).periods.at(-1)?.period).toBe('2024-06-30');
    // In Berlin (UTC+2) b's event is at 01:30 on 07-01, after the end of 06-30 there.
    const berlin = growthLifecycle(events, { period: 'month', asOf: '2024-06-30', timeZone: 'Europe/Berlin' });
    expect([berlin.asOf, berlin.periods.at(-1)?.active]).toEqual(['2024-06-30T21:59:59.999Z', 1]);
  });
});
