import { dayKey, monthKey, monthOfDay } from '../core/calendar.js';
import { fail } from '../core/errors.js';
import { accessorFor, optionsOf, readConfidence, requireIterable, requireRecord } from '../core/read.js';
import { failInstant, instantOf, readInstant } from '../core/timestamp.js';
import { zoneCalendar } from '../core/time-zone.js';
import type { Accessor, Estimate, Timestamp } from '../core/types.js';
import { wilsonInterval } from '../stats/wilson-interval.js';

/** Options of {@link renewalRate}. */
export interface RenewalRateOptions<R> {
  /** First local day of the period, inclusive: `YYYY-MM-DD` or any timestamp (default: the earliest due date). */
  readonly from?: Timestamp;
  /** Last local day of the period, inclusive (default: the latest due date). */
  readonly to?: Timestamp;
  /** IANA time zone whose calendar days and months count (default `'UTC'`). */
  readonly timeZone?: string;
  /** Confidence level of the intervals, strictly between 0 and 1 (default 0.95). */
  readonly confidence?: number;
  /** Reads when the term ends and the renewal is due (default `record.dueAt`). */
  readonly dueAt?: Accessor<R, unknown>;
  /** Reads the outcome: `true`, `false`, or `null` while undecided (default `record.renewed`). */
  readonly renewed?: Accessor<R, unknown>;
}

/** Renewals due in a period and how they went. */
export interface RenewalFigures {
  /** Renewals due: `renewed + notRenewed + pending`. */
  readonly due: number;
  /** Renewals due that were renewed. */
  readonly renewed: number;
  /** Renewals due that were not renewed. */
  readonly notRenewed: number;
  /** Renewals without an outcome yet (`renewed: null`); not in the rate. */
  readonly pending: number;
  /** `renewed / (renewed + notRenewed)` with its Wilson interval; `null` when none was decided. */
  readonly rate: Estimate | null;
}

/** The renewals due in one local calendar month. */
export interface RenewalMonth extends RenewalFigures {
  /** `YYYY-MM`. */
  readonly month: string;
}

/** Result of {@link renewalRate}. */
export interface RenewalRateResult extends RenewalFigures {
  /** IANA time zone of the days and months. */
  readonly timeZone: string;
  /** First day of the period, `YYYY-MM-DD`; `null` without renewals and bounds. */
  readonly from: string | null;
  /** Last day of the period, `YYYY-MM-DD`; `null` without renewals and bounds. */
  readonly to: string | null;
  /** Confidence level of the intervals. */
  readonly confidence: number;
  /** Every month from `from` to `to`, months without renewals included. */
  readonly byMonth: RenewalMonth[];
}

/**
 * Renewal rate: of the subscriptions that came up for renewal in a period, the share that
 * renewed, with a Wilson interval and a per-month breakdown.
 *
 * Definition: the input is one record per renewal that fell due, `{ dueAt, renewed }`:
 * `dueAt` is the end of the term (a `YYYY-MM-DD` date or any timestamp, read as a local day
 * in `timeZone`), `renewed` is `true` (renewed), `false` (not renewed: cancelled or lapsed)
 * or `null` (not decided yet). A customer with two subscriptions, or a subscription
 * renewing every year, has one record per renewal; other fields, such as `customerId`, are
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
 * Edge cases: no renewals gives zero counts, `rate: null` and `byMonth: []` (or zero months
 * over a given period); a month where nothing was decided has `rate: null`. Records due
 * outside the period are validated and not counted. Without `from` (`to`) the period
 * starts (ends) at the earliest (latest) due day counted.
 *
 * @param renewals Records `{ dueAt, renewed }` (or accessors `dueAt` and `renewed` in
 * `options`); an array or any iterable.
 * @param options `{ from?, to?, timeZone? = 'UTC', confidence? = 0.95, dueAt?, renewed? }`.
 * @throws {MetricsInputError} `renewals[i].dueAt` not a valid timestamp (`'invalid-timestamp'`
 * or `'ambiguous-timestamp'`); `renewals[i].renewed` not `true`, `false` or `null`
 * (`'invalid-boolean'`); `options.from` / `options.to` not timestamps, `to` before `from`, an
 * unknown time zone, a bad confidence or an accessor that is not a function
 * (`'invalid-option'` or the timestamp codes); `'invalid-input'` when `renewals` is not
 * iterable.
 *
 * @example
 * ```ts
 * import { renewalRate } from 'customer-success-metrics/retention';
 * const renewals = [
 *   { customerId: 'acme', dueAt: '2024-01-15', renewed: true },
 *   { customerId: 'bolt', dueAt: '2024-01-31', renewed: false },
 *   { customerId: 'cask', dueAt: '2024-02-10', renewed: true },
 *   { customerId: 'dune', dueAt: '2024-02-20', renewed: true },
 *   { customerId: 'elm', dueAt: '2024-02-28', renewed: null }, // still open
 * ];
 * const result = renewalRate(renewals, { from: '2024-01-01', to: '2024-02-29' });
 * [result.due, result.renewed, result.notRenewed, result.pending]; // => [5, 3, 1, 1]
 * result.rate; // => { value: 0.75, lower: 0.301, upper: 0.954 }
 * result.byMonth.map((m) => [m.month, m.rate?.value]); // => [['2024-01', 0.5], ['2024-02', 1]]
 * ```
 */
export function renewalRate<R>(renewals: Iterable<R>, options?: RenewalRateOptions<R>): RenewalRateResult {
  const fn = 'renewalRate';
  const opts = optionsOf(options, fn);
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  const confidence = readConfidence(opts.confidence, fn);
  const fromDay = opts.from === undefined ? null : zone.dayOf(readInstant(opts.from, zone, fn, 'options.from'));
  const toDay = opts.to === undefined ? null : zone.dayOf(readInstant(opts.to, zone, fn, 'options.to'));
  if (fromDay !== null && toDay !== null && toDay < fromDay) fail(fn, 'options.to', 'invalid-option', 'must not be before options.from', opts.to);
  const readDue = accessorFor<R>(opts.dueAt, 'dueAt', fn);
  const readRenewed = accessorFor<R>(opts.renewed, 'renewed', fn);
  const iterable = requireIterable<R>(renewals, fn, 'renewals');

  // Counts per month number: renewed, not renewed, pending.
  const counts = new Map<number, [number, number, number]>();
  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = Number.NEGATIVE_INFINITY;
  let index = 0;
  for (const record of iterable) {
    requireRecord(record, fn, 'renewals', index);
    const dueValue = readDue(record, index);
    const t = instantOf(dueValue, zone);
    if (t !== t) failInstant(dueValue, fn, `renewals[${index}].dueAt`);
    const outcome = readRenewed(record, index);
    if (outcome !== true && outcome !== false && outcome !== null) {
      fail(fn, `renewals[${index}].renewed`, 'invalid-boolean', 'must be true, false or null (not decided yet)', outcome);
    }
    index++;
    const day = zone.dayOf(t);
    if ((fromDay !== null && day < fromDay) || (toDay !== null && day > toDay)) continue;
    if (day < firstDay) firstDay = day;
    if (day > lastDay) lastDay = day;
    const month = monthOfDay(day);
    let cell = counts.get(month);
    if (cell === undefined) {
      cell = [0, 0, 0];
      counts.set(month, cell);
    }
    cell[outcome === true ? 0 : outcome === false ? 1 : 2]++;
  }

  // Without a bound, the period ends at the data; without data either, at the other bound.
  const hasData = firstDay !== Number.POSITIVE_INFINITY;
  const from = fromDay ?? (hasData ? firstDay : toDay);
  const to = toDay ?? (hasData ? lastDay : fromDay);
  const byMonth: RenewalMonth[] = [];
  let renewed = 0;
  let notRenewed = 0;
  let pending = 0;
  if (from !== null && to !== null) {
    for (let m = monthOfDay(from); m <= monthOfDay(to); m++) {
      const [r, n, p] = counts.get(m) ?? [0, 0, 0];
      renewed += r;
      notRenewed += n;
      pending += p;
      byMonth.push({ month: monthKey(m), ...figures(r, n, p, confidence) });
    }
  }
  return {
    timeZone: zone.timeZone,
    from: from === null ? null : dayKey(from),
    to: to === null ? null : dayKey(to),
    confidence,
    ...figures(renewed, notRenewed, pending, confidence),
    byMonth,
  };
}

function figures(renewed: number, notRenewed: number, pending: number, confidence: number): RenewalFigures {
  return { due: renewed + notRenewed + pending, renewed, notRenewed, pending, rate: wilsonInterval(renewed, renewed + notRenewed, confidence) };
}
