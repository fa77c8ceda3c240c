import { asOfEcho, isCompleteAt, readAsOf } from '../core/as-of.js';
import { dayKey, firstDayOfMonth, monthKey, monthOfDay } from '../core/calendar.js';
import { readDayBounds } from '../core/day-range.js';
import { fail } from '../core/errors.js';
import { optionsOf } from '../core/options.js';
import { accessorFor, readConfidence, requireIterable, requireRecord } from '../core/read.js';
import { failInstant, instantOf } from '../core/timestamp.js';
import { zoneCalendar, type ZoneCalendar } from '../core/time-zone.js';
import type { Accessor } from '../core/types.js';
import { wilsonInterval } from '../stats/wilson-interval.js';
import { RENEWAL_RATE_OPTION_KEYS, type RenewalFigures, type RenewalMonth, type RenewalRateOptions, type RenewalRateResult } from './types.js';

/**
 * Renewal rate: of the subscriptions that came up for renewal in a period, the share that
 * renewed, with a Wilson interval and a per-month breakdown.
 *
 * Definition: the input is one record per renewal that fell due, `{ dueAt, renewed }`:
 * `dueAt` is the end of the term (a `YYYY-MM-DD` date or any timestamp, read as a local day
 * in `timeZone`), `renewed` is `true` (renewed), `false` (not renewed: cancelled or lapsed)
 * or `null` (not decided yet). A customer with two subscriptions, or a subscription
 * renewing every year, has one record per renewal; other fields, such as `accountId`, are
 * ignored. The renewals due in the period are those whose local due day lies from `from` to
 * `to` inclusive; `rate = renewed / (renewed + notRenewed)`, with undecided renewals
 * reported as `pending` and kept out of the rate (counting them either way would bias it).
 * The months are the local calendar months of the due days.
 *
 * Source: the logo (count) renewal rate of contract-based SaaS: renewals won over renewals
 * decided among those due in the period; the interval is E. B. Wilson's (1927), as
 * `wilsonInterval`.
 *
 * Cost: O(n) time, one pass, no allocation per record; memory O(months).
 *
 * Time: `asOf` says when the outcomes are known (the one rule of the library: a date means
 * the end of that local day in `timeZone`, a month the end of that month, an instant
 * itself; a renewal due exactly at `asOf` counts). It defaults to the latest due instant,
 * so every record counts; pass the day of the export to leave out renewals scheduled
 * after it (they are not due yet). The period runs from `from` (default: the earliest due
 * day counted) to `to` (default: the day of `asOf`), whole local days, and never past the
 * day of `asOf`; a month is `complete` when no `from` or `to` you pass cuts it and its
 * last local day ends by `asOf`.
 *
 * Edge cases: no renewals gives zero counts, `rate: null` and `byMonth: []` (or zero months
 * over a given period, none complete without an `asOf`); a month where nothing was decided
 * has `rate: null`. Records due outside the period or after `asOf` are validated and not
 * counted; a period entirely after `asOf` reports nothing (`from` and `to` `null`).
 *
 * @param renewals Records `{ dueAt, renewed }` (or accessors `dueAt` and `renewed` in
 * `options`); an array or any iterable.
 * @param options `{ from?, to?, asOf?, timeZone? = 'UTC', confidence? = 0.95, dueAt?, renewed? }`.
 * @throws {MetricsInputError} `renewals[i].dueAt` not a valid timestamp (`'invalid-timestamp'`
 * or `'ambiguous-timestamp'`); `renewals[i].renewed` not `true`, `false` or `null`
 * (`'invalid-boolean'`; a blank string says to use `null`); `'unknown-option'` for a key
 * that is not an option; `options.from`, `options.to` or `options.asOf` not a date, month or
 * timestamp (the timestamp codes), `to` before `from`, a `null` option, a bad confidence or
 * an accessor that is not a function (`'invalid-option'`), an unknown time zone
 * (`'invalid-time-zone'`); `'invalid-input'` when `renewals` is not iterable.
 *
 * @example
 * ```ts
 * import { renewalRate } from 'customer-success-metrics/revenue';
 * const renewals = [
 *   { accountId: 'acme', dueAt: '2024-01-15', renewed: true },
 *   { accountId: 'bolt', dueAt: '2024-01-31', renewed: false },
 *   { accountId: 'cask', dueAt: '2024-02-10', renewed: true },
 *   { accountId: 'dune', dueAt: '2024-02-20', renewed: true },
 *   { accountId: 'elm', dueAt: '2024-02-28', renewed: null }, // still open
 * ];
 * const result = renewalRate(renewals, { from: '2024-01-01', to: '2024-02-29' });
 * [result.due, result.renewed, result.notRenewed, result.pending]; // => [5, 3, 1, 1]
 * result.rate; // ~> { value: 0.75, lower: 0.301, upper: 0.954 }
 * result.byMonth.map((m) => [m.month, m.rate?.value]); // => [['2024-01', 0.5], ['2024-02', 1]]
 * // Known through February 15: the renewals due later are not due yet, February is in progress.
 * const midFebruary = renewalRate(renewals, { asOf: '2024-02-15' });
 * [midFebruary.due, midFebruary.to, midFebruary.asOfDate]; // => [3, '2024-02-15', '2024-02-15']
 * midFebruary.byMonth.map((m) => [m.month, m.complete]); // => [['2024-01', true], ['2024-02', false]]
 * ```
 */
export function renewalRate<R>(renewals: Iterable<R>, options?: RenewalRateOptions<R>): RenewalRateResult {
  const fn = 'renewalRate';
  const opts = optionsOf(options, fn, RENEWAL_RATE_OPTION_KEYS);
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  const confidence = readConfidence(opts.confidence, fn);
  const bounds = readDayBounds(fn, opts, zone);
  const givenAsOf = readAsOf(opts.asOf, zone, fn);
  const readDue = accessorFor<R>(opts.dueAt, 'dueAt', fn);
  const readRenewed = accessorFor<R>(opts.renewed, 'renewed', fn);
  const tally = tallyRenewals(fn, requireIterable<R>(renewals, fn, 'renewals'), readDue, readRenewed, zone, bounds, givenAsOf);
  const asOf = givenAsOf ?? tally.latest;
  const head = { timeZone: zone.timeZone, ...asOfEcho(asOf, zone) };
  const range = periodOf(bounds, tally.firstDay, asOf === null ? null : zone.dayOf(asOf));
  const byMonth: RenewalMonth[] = [];
  let renewed = 0;
  let notRenewed = 0;
  let pending = 0;
  if (range !== null) {
    for (let m = monthOfDay(range.from); m <= monthOfDay(range.to); m++) {
      const [r, n, p] = tally.counts.get(m) ?? [0, 0, 0];
      renewed += r;
      notRenewed += n;
      pending += p;
      const lastDay = firstDayOfMonth(m + 1) - 1;
      // Cut only by a bound the caller gave: a default `from` is where the data starts.
      const whole = (bounds.from === null || firstDayOfMonth(m) >= bounds.from) && (bounds.to === null || lastDay <= bounds.to);
      const complete = whole && isCompleteAt(lastDay, asOf, zone);
      byMonth.push({ month: monthKey(m), complete, ...figures(r, n, p, confidence) });
    }
  }
  const from = range === null ? null : dayKey(range.from);
  const to = range === null ? null : dayKey(range.to);
  return { ...head, from, to, confidence, ...figures(renewed, notRenewed, pending, confidence), byMonth };
}

/** The renewals counted, per month number: renewed, not renewed, pending. */
interface RenewalTally {
  readonly counts: Map<number, [number, number, number]>;
  /** The earliest local due day counted, `null` when none is. */
  readonly firstDay: number | null;
  /** The latest due instant of every record (counted or not), `null` without records. */
  readonly latest: number | null;
}

/**
 * Validates every renewal and counts those due in the given bounds and at or before the
 * given `asOf`. O(n), no allocation per record.
 */
function tallyRenewals<R>(
  fn: string,
  renewals: Iterable<R>,
  readDue: Accessor<R, unknown>,
  readRenewed: Accessor<R, unknown>,
  zone: ZoneCalendar,
  bounds: { readonly from: number | null; readonly to: number | null },
  asOf: number | null,
): RenewalTally {
  const counts = new Map<number, [number, number, number]>();
  let firstDay = Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  let index = 0;
  for (const record of renewals) {
    requireRecord(record, fn, 'renewals', index);
    const dueValue = readDue(record, index);
    const t = instantOf(dueValue, zone);
    if (t !== t) failInstant(dueValue, fn, `renewals[${index}].dueAt`);
    const outcome = readRenewed(record, index);
    if (outcome !== true && outcome !== false && outcome !== null) failOutcome(fn, index, outcome);
    index++;
    if (t > latest) latest = t;
    const day = zone.dayOf(t);
    if ((asOf !== null && t > asOf) || (bounds.from !== null && day < bounds.from) || (bounds.to !== null && day > bounds.to)) continue;
    if (day < firstDay) firstDay = day;
    const month = monthOfDay(day);
    let cell = counts.get(month);
    if (cell === undefined) {
      cell = [0, 0, 0];
      counts.set(month, cell);
    }
    cell[outcome === true ? 0 : outcome === false ? 1 : 2]++;
  }
  return { counts, firstDay: firstDay === Number.POSITIVE_INFINITY ? null : firstDay, latest: index === 0 ? null : latest };
}

/** Throws for a renewal outcome that is not `true`, `false` or `null`; a blank string gets its own hint. */
function failOutcome(fn: string, index: number, outcome: unknown): never {
  const blank = typeof outcome === 'string' && outcome.trim() === '';
  const problem = blank ? 'is blank; use null for a renewal not decided yet (true or false once it is)' : 'must be true, false or null (not decided yet)';
  return fail(fn, `renewals[${index}].renewed`, 'invalid-boolean', problem, outcome);
}

/**
 * The period: `from` (default: the first day counted) to `to` (default: the day of
 * `asOf`), cut at the day of `asOf`. With one bound given and no data on its side, the
 * period shrinks to that day; `null` when there is nothing to report (no data, no bounds
 * and no `asOf`, or a period entirely after `asOf`).
 */
function periodOf(bounds: { readonly from: number | null; readonly to: number | null }, firstDay: number | null, asOfDay: number | null): { from: number; to: number } | null {
  let to = bounds.to ?? asOfDay ?? bounds.from;
  let from = bounds.from ?? firstDay ?? to;
  if (from === null || to === null) return null;
  if (asOfDay !== null && to > asOfDay) to = asOfDay;
  if (to < from) {
    if (bounds.from !== null) return null;
    from = to;
  }
  return { from, to };
}
function figures(renewed: number, notRenewed: number, pending: number, confidence: number): RenewalFigures {
  return { due: renewed + notRenewed + pending, renewed, notRenewed, pending, rate: wilsonInterval(renewed, renewed + notRenewed, { confidence }) };
}
