import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renewalRate } from '../../src/revenue/renewal-rate.js';
import { errorOf } from '../support/errors.js';
import { addDays, shuffled } from '../support/model.js';

type Renewal = { accountId?: string; dueAt: string | number | Date; renewed: boolean | null };

const RENEWALS: Renewal[] = [
  { accountId: 'acme', dueAt: '2024-01-15', renewed: true },
  { accountId: 'bolt', dueAt: '2024-01-31', renewed: false },
  { accountId: 'cask', dueAt: '2024-02-10', renewed: true },
  { accountId: 'dune', dueAt: '2024-02-20', renewed: true },
  { accountId: 'elm', dueAt: '2024-02-28', renewed: null },
];

describe('renewalRate', () => {
  it('runs the doc example, with Wilson intervals from statsmodels', () => {
    const result = renewalRate(RENEWALS, { from: '2024-01-01', to: '2024-02-29' });
    // Decided: 3 renewed of 4; elm is pending and stays out of the rate.
    expect([result.due, result.renewed, result.notRenewed, result.pending]).toEqual([5, 3, 1, 1]);
    // Python statsmodels proportion_confint(3, 4, method='wilson') -> (0.30064184258240184, 0.9544127391902995).
    expect(result.rate?.value).toBe(0.75);
    expect(result.rate?.lower).toBeCloseTo(0.30064184258240184, 14);
    expect(result.rate?.upper).toBeCloseTo(0.9544127391902995, 14);
    // asOf defaults to the latest due instant, 2024-02-28 00:00 UTC (a date-only dueAt is the
    // start of its day); the period stops at its day, February 28: `to: '2024-02-29'` is cut
    // there, so February is not complete (nor is it at that asOf); January is.
    expect(result).toMatchObject({ timeZone: 'UTC', asOf: '2024-02-28T00:00:00.000Z', asOfDate: '2024-02-28', from: '2024-01-01', to: '2024-02-28', confidence: 0.95 });
    expect(result.byMonth.map((m) => m.complete)).toEqual([true, false]);
    const [jan, feb] = result.byMonth;
    // January 1 of 2: proportion_confint(1, 2, method='wilson') -> (0.09453120573423068, 0.9054687942657693).
    expect(jan).toMatchObject({ month: '2024-01', due: 2, renewed: 1, notRenewed: 1, pending: 0 });
    expect(jan?.rate?.value).toBe(0.5);
    expect(jan?.rate?.lower).toBeCloseTo(0.09453120573423068, 14);
    expect(jan?.rate?.upper).toBeCloseTo(0.9054687942657693, 14);
    // February 2 of 2 (+1 pending): proportion_confint(2, 2, method='wilson') -> (0.342380227506653, 1.0).
    expect(feb).toMatchObject({ month: '2024-02', due: 3, renewed: 2, notRenewed: 0, pending: 1 });
    expect(feb?.rate?.lower).toBeCloseTo(0.342380227506653, 14);
    expect(feb?.rate?.upper).toBe(1);
  });

  it('counts only renewals due from `from` to `to`, inclusive, and lists every month of the period', () => {
    // 2024-01-31 (bolt) .. 2024-02-10 (cask): bolt not renewed, cask renewed.
    const result = renewalRate(RENEWALS, { from: '2024-01-31', to: '2024-02-10' });
    expect([result.due, result.renewed, result.notRenewed]).toEqual([2, 1, 1]);
    // A period reaching past the data, with asOf covering it, lists the empty months with null rates.
    const wide = renewalRate(RENEWALS, { from: '2023-12-01', to: '2024-03-31', asOf: '2024-03-31' });
    expect(wide.byMonth.map((m) => [m.month, m.due, m.rate?.value ?? null])).toEqual([
      ['2023-12', 0, null],
      ['2024-01', 2, 0.5],
      ['2024-02', 3, 1],
      ['2024-03', 0, null],
    ]);
    expect(wide.byMonth.map((m) => m.complete)).toEqual([true, true, true, true]);
    // Without that asOf the period stops at the latest due day (0.1 ran on to March 31).
    expect(renewalRate(RENEWALS, { from: '2023-12-01', to: '2024-03-31' })).toMatchObject({ to: '2024-02-28' });
    // Only one bound: the other is the data's.
    expect(renewalRate(RENEWALS, { from: '2024-02-01' })).toMatchObject({ from: '2024-02-01', to: '2024-02-28', due: 3 });
    expect(renewalRate(RENEWALS, { to: '2024-01-20' })).toMatchObject({ from: '2024-01-15', to: '2024-01-20', due: 1 });
    // Without bounds: the first and last due day.
    expect(renewalRate(RENEWALS)).toMatchObject({ from: '2024-01-15', to: '2024-02-28', due: 5 });
  });

  it('reads due dates as local days of the time zone', () => {
    // 2024-02-01T03:00Z is still January 31 in New York (22:00 EST).
    const renewals = [
      { dueAt: '2024-02-01T03:00:00Z', renewed: true },
      { dueAt: Date.UTC(2024, 1, 1, 6), renewed: false }, // 01:00 EST on Feb 1
    ];
    expect(renewalRate(renewals).byMonth.map((m) => [m.month, m.due])).toEqual([['2024-02', 2]]);
    const local = renewalRate(renewals, { timeZone: 'America/New_York' });
    expect(local.timeZone).toBe('America/New_York');
    expect(local.byMonth.map((m) => [m.month, m.renewed, m.notRenewed])).toEqual([
      ['2024-01', 1, 0],
      ['2024-02', 0, 1],
    ]);
    expect([local.from, local.to]).toEqual(['2024-01-31', '2024-02-01']);
  });

  it('gives zero counts and null rates without renewals', () => {
    const none = { due: 0, renewed: 0, notRenewed: 0, pending: 0, rate: null };
    expect(renewalRate([])).toEqual({ timeZone: 'UTC', asOf: null, asOfDate: null, from: null, to: null, confidence: 0.95, ...none, byMonth: [] });
    // Without data and without asOf, no month is known to be over (and these are cut by from and to).
    expect(renewalRate([], { from: '2024-03-05', to: '2024-04-02' }).byMonth).toEqual([
      { month: '2024-03', complete: false, ...none },
      { month: '2024-04', complete: false, ...none },
    ]);
    // Months as bounds are whole months; with asOf at their end both are complete.
    expect(renewalRate([], { from: '2024-03', to: '2024-04', asOf: '2024-04-30' })).toMatchObject({
      from: '2024-03-01',
      to: '2024-04-30',
      byMonth: [
        { month: '2024-03', complete: true },
        { month: '2024-04', complete: true },
      ],
    });
    // Only pending renewals: nothing decided, no rate.
    expect(renewalRate([{ dueAt: '2024-05-01', renewed: null }])).toMatchObject({ due: 1, pending: 1, rate: null });
  });

  it('counts a renewal due at or before asOf; a date asOf completes its day; later renewals are not due yet', () => {
    // Hand-worked: asOf '2024-02-10' is the end of February 10 (UTC); due by then: acme
    // (renewed), bolt (not), cask (renewed, due at the start of Feb 10). dune and elm are later.
    const result = renewalRate(RENEWALS, { asOf: '2024-02-10' });
    expect([result.due, result.renewed, result.notRenewed, result.pending]).toEqual([3, 2, 1, 0]);
    expect([result.asOf, result.asOfDate, result.from, result.to]).toEqual(['2024-02-10T23:59:59.999Z', '2024-02-10', '2024-01-15', '2024-02-10']);
    // January is whole (the default from is where the data starts) and over; February is in progress.
    expect(result.byMonth.map((m) => [m.month, m.due, m.complete])).toEqual([
      ['2024-01', 2, true],
      ['2024-02', 1, false],
    ]);
    // An instant: one millisecond before cask's due instant leaves it out; the instant itself counts it.
    const caskDue = Date.UTC(2024, 1, 10);
    expect(renewalRate(RENEWALS, { asOf: caskDue - 1 }).due).toBe(2);
    expect(renewalRate(RENEWALS, { asOf: caskDue }).due).toBe(3);
    // A month: through its end, so February is complete and all five are due.
    const february = renewalRate(RENEWALS, { asOf: '2024-02' });
    expect([february.due, february.to, february.byMonth.map((m) => m.complete)]).toEqual([5, '2024-02-29', [true, true]]);
    // A `to` past asOf stops at asOf's day; a period entirely after asOf reports nothing.
    expect(renewalRate(RENEWALS, { to: '2024-12-31', asOf: '2024-02-10' })).toMatchObject({ to: '2024-02-10', due: 3 });
    expect(renewalRate(RENEWALS, { from: '2024-03-01', asOf: '2024-02-10' })).toMatchObject({ from: null, to: null, due: 0, byMonth: [] });
  });

  it('reads a date asOf as the end of that local day in the time zone', () => {
    // 23:30 on June 30 in Berlin is 21:30 UTC.
    const late = [{ dueAt: '2024-06-30T23:30:00+02:00', renewed: true }];
    const berlin = renewalRate(late, { asOf: '2024-06-30', timeZone: 'Europe/Berlin' });
    expect([berlin.due, berlin.asOf, berlin.asOfDate, berlin.byMonth[0]?.complete]).toEqual([1, '2024-06-30T21:59:59.999Z', '2024-06-30', true]);
    // In UTC the same instant is June 30, 21:30: also counted, and the UTC day ends later.
    expect(renewalRate(late, { asOf: '2024-06-30' }).asOf).toBe('2024-06-30T23:59:59.999Z');
    // asOf at the instant itself: counted, June not yet complete.
    const atInstant = renewalRate(late, { asOf: Date.UTC(2024, 5, 30, 21, 30), timeZone: 'Europe/Berlin' });
    expect([atInstant.due, atInstant.byMonth[0]?.complete]).toEqual([1, false]);
  });

  it('reads other fields through accessors and uses the confidence level', () => {
    const rows = RENEWALS.map((r) => ({ termEnd: r.dueAt, outcome: r.renewed }));
    const result = renewalRate(rows, { dueAt: (r) => r.termEnd, renewed: (r) => r.outcome, confidence: 0.9 });
    expect(result.confidence).toBe(0.9);
    // Python statsmodels proportion_confint(3, 4, alpha=0.1, method='wilson') -> (0.35616800859850634, 0.9420926788001414).
    expect(result.rate?.lower).toBeCloseTo(0.35616800859850634, 14);
    expect(result.rate?.upper).toBeCloseTo(0.9420926788001414, 14);
  });

  it('does not mutate its input', () => {
    const frozen = Object.freeze(RENEWALS.map((r) => Object.freeze({ ...r })));
    const first = renewalRate(frozen);
    expect(renewalRate(frozen)).toEqual(first);
    expect(frozen).toEqual(RENEWALS);
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
  });

  it('rejects bad records and options', () => {
    const cases: [unknown, string, string, string][] = [
      [{ dueAt: 'yesterday', renewed: true }, 'invalid-timestamp', 'renewals[1].dueAt', 'renewalRate: renewals[1].dueAt is not a valid timestamp ("yesterday")'],
      [
        { dueAt: '2024-01-15T10:00:00', renewed: true },
        'ambiguous-timestamp',
        'renewals[1].dueAt',
        'renewalRate: renewals[1].dueAt has no time-zone offset; add Z or an offset such as +02:00, or pass epoch milliseconds ("2024-01-15T10:00:00")',
      ],
      [{ renewed: true }, 'invalid-timestamp', 'renewals[1].dueAt', 'renewalRate: renewals[1].dueAt is not a valid timestamp (undefined)'],
      [{ dueAt: '2024-01-15', renewed: 'yes' }, 'invalid-boolean', 'renewals[1].renewed', 'renewalRate: renewals[1].renewed must be true, false or null (not decided yet) ("yes")'],
      [{ dueAt: '2024-01-15' }, 'invalid-boolean', 'renewals[1].renewed', 'renewalRate: renewals[1].renewed must be true, false or null (not decided yet) (undefined)'],
      [{ dueAt: '2024-01-15', renewed: 1 }, 'invalid-boolean', 'renewals[1].renewed', 'renewalRate: renewals[1].renewed must be true, false or null (not decided yet) (1)'],
      // A blank CSV cell is not null: the message says what to write instead.
      [{ dueAt: '2024-01-15', renewed: '' }, 'invalid-boolean', 'renewals[1].renewed', 'renewalRate: renewals[1].renewed is blank; use null for a renewal not decided yet (true or false once it is) ("")'],
      [42, 'invalid-record', 'renewals[1]', 'renewalRate: renewals[1] must be an object (42)'],
    ];
    for (const [bad, code, path, message] of cases) {
      const error = errorOf(() => renewalRate([RENEWALS[0], bad] as Renewal[]));
      expect([error.code, error.path, error.message]).toEqual([code, path, message]);
    }
    // Records outside the period are still validated.
    expect(errorOf(() => renewalRate([{ dueAt: '1999-13-01', renewed: true }], { from: '2024-01-01' })).path).toBe('renewals[0].dueAt');
    const options: [unknown, string, string, string][] = [
      [{ from: '2024-02-01', to: '2024-01-01' }, 'invalid-option', 'options.to', 'renewalRate: options.to must not be before options.from ("2024-01-01")'],
      [{ from: 'soon' }, 'invalid-timestamp', 'options.from', 'renewalRate: options.from is not a valid timestamp ("soon")'],
      [{ timeZone: 'Mars/Olympus' }, 'invalid-time-zone', 'options.timeZone', 'renewalRate: options.timeZone is not a known IANA time zone ("Mars/Olympus")'],
      [{ confidence: 95 }, 'invalid-option', 'options.confidence', 'renewalRate: options.confidence must be a number strictly between 0 and 1 (95)'],
      [{ renewed: 'won' }, 'invalid-option', 'options.renewed', 'renewalRate: options.renewed must be a function that reads the field from a record ("won")'],
      [{ asOf: 'eventually' }, 'invalid-timestamp', 'options.asOf', 'renewalRate: options.asOf is not a valid timestamp ("eventually")'],
      [{ timezone: 'Europe/Berlin' }, 'unknown-option', 'options.timezone', 'renewalRate: options.timezone is not an option; did you mean timeZone? ("Europe/Berlin")'],
      [{ dueDate: (r: Renewal) => r.dueAt }, 'unknown-option', 'options.dueDate', 'renewalRate: options.dueDate is not an option; did you mean dueAt? (a function)'],
      [{ timeZone: null }, 'invalid-option', 'options.timeZone', 'renewalRate: options.timeZone must not be null; leave it out (or pass undefined) for the default (null)'],
    ];
    for (const [opts, code, path, message] of options) {
      const error = errorOf(() => renewalRate(RENEWALS, opts as object));
      expect([error.code, error.path, error.message]).toEqual([code, path, message]);
    }
    expect(errorOf(() => renewalRate(null as unknown as Renewal[])).message).toBe('renewalRate: renewals must be an array or another iterable of records (null)');
  });

  function isLastDayOfMonth(day: string): boolean {
    return addDays(day, 1).endsWith('-01');
  }

  const renewals = fc.array(
    fc.record({ dueAt: fc.integer({ min: 0, max: 120 }).map((d) => addDays('2024-01-01', d)), renewed: fc.constantFrom(true, false, null) }),
    { maxLength: 50 },
  );
  const bounds = fc.tuple(fc.integer({ min: -10, max: 130 }), fc.integer({ min: 0, max: 60 })).map(([a, n]) => ({ from: addDays('2024-01-01', a), to: addDays('2024-01-01', a + n) }));

  it('property: agrees with counting by hand; months add up to the period; order does not matter', () => {
    fc.assert(
      fc.property(renewals, bounds, fc.array(fc.nat(), { minLength: 1, maxLength: 50 }), (rows, { from, to }, picks) => {
        // asOf at the end of the last bound day: nothing is cut (0.1 had no asOf; its periods
        // ran past the data, which now needs an asOf saying the data covers them).
        const result = renewalRate(rows, { from, to, asOf: to });
        const inside = rows.filter((r) => r.dueAt >= from && r.dueAt <= to);
        expect(result.renewed).toBe(inside.filter((r) => r.renewed === true).length);
        expect(result.notRenewed).toBe(inside.filter((r) => r.renewed === false).length);
        expect(result.pending).toBe(inside.filter((r) => r.renewed === null).length);
        expect(result.due).toBe(inside.length);
        expect(result.rate === null).toBe(result.renewed + result.notRenewed === 0);
        const sum = (key: 'due' | 'renewed' | 'notRenewed' | 'pending') => result.byMonth.reduce((s, m) => s + m[key], 0);
        expect([sum('due'), sum('renewed'), sum('notRenewed'), sum('pending')]).toEqual([result.due, result.renewed, result.notRenewed, result.pending]);
        expect(result.byMonth[0]?.month).toBe(from.slice(0, 7));
        expect(result.byMonth.at(-1)?.month).toBe(to.slice(0, 7));
        for (const m of result.byMonth) {
          if (m.rate !== null) {
            expect(m.rate.lower).toBeLessThanOrEqual(m.rate.value);
            expect(m.rate.value).toBeLessThanOrEqual(m.rate.upper);
          }
        }
        for (const m of result.byMonth) expect(m.complete).toBe(m.month > from.slice(0, 7) || from.endsWith('-01') ? m.month < to.slice(0, 7) || isLastDayOfMonth(to) : false);
        expect(renewalRate(shuffled(rows, picks), { from, to, asOf: to })).toEqual(result);
      }),
    );
  });
});
