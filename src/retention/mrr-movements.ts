import { monthKey, parseMonthKey } from '../core/calendar.js';
import { fail, recordPath } from '../core/errors.js';
import { IdCodes, accessorFor, isId, optionsOf, readBoolean, requireIterable, requireRecord, type Id } from '../core/read.js';
import type { Accessor } from '../core/types.js';
import { Float64Column, Int32Column, capacityOf, forEachRecord } from './internal/revenue-columns.js';
import { readMonthOption } from './internal/revenue-months.js';
import { countingOrder, customerRanks } from './internal/revenue-order.js';
import { MonthlySums } from './internal/revenue-sums.js';
import type { MrrMonth } from './revenue-types.js';

/** Options of {@link mrrMovements}. */
export interface MrrMovementsOptions<R> {
  /** Reads the customer id (default `record.customerId`). */
  readonly customerId?: Accessor<R, unknown>;
  /** Reads the month, `YYYY-MM` (default `record.month`). */
  readonly month?: Accessor<R, unknown>;
  /** Reads the MRR, a finite number >= 0 (default `record.mrr`). */
  readonly mrr?: Accessor<R, unknown>;
  /** First month reported, `YYYY-MM` (default: the first month of the data). */
  readonly from?: string;
  /** Last month reported, `YYYY-MM` (default: the last month of the data). */
  readonly to?: string;
  /** Also list every customer's movement in `movements` (default `false`). */
  readonly perCustomer?: boolean;
}

/** The kind of a customer's MRR movement in a month. */
export type MrrMovementType = 'new' | 'expansion' | 'contraction' | 'churn' | 'reactivation';

/** One customer's MRR movement in one month. */
export interface MrrCustomerMovement {
  /** `YYYY-MM`. */
  readonly month: string;
  /** The customer's id. */
  readonly customerId: Id;
  /** The kind of movement. */
  readonly type: MrrMovementType;
  /** The size of the movement, > 0: `|to − from|`. */
  readonly amount: number;
  /** MRR in the month before (0 for new and reactivation). */
  readonly from: number;
  /** MRR in the month (0 for churn). */
  readonly to: number;
}

/** Result of {@link mrrMovements}. */
export interface MrrMovementsResult {
  /** First month reported, `YYYY-MM` (`null` for empty input without a range). */
  readonly from: string | null;
  /** Last month reported, `YYYY-MM` (`null` for empty input without a range). */
  readonly to: string | null;
  /**
   * The month whose customers count as already there (starting MRR) rather than new: the
   * earlier of `from` and the first month of the data. `null` when nothing is reported.
   */
  readonly baseline: string | null;
  /** The bridge of every month from `from` to `to`, months without data included. */
  readonly months: MrrMonth[];
}

/** Result of {@link mrrMovements} with `perCustomer: true`. */
export interface DetailedMrrMovementsResult extends MrrMovementsResult {
  /** Every customer movement in the reported months, sorted by month, then customer. */
  readonly movements: MrrCustomerMovement[];
}

// Sum categories of MonthlySums.
const END = 0;
const NEW = 1;
const EXPANSION = 2;
const CONTRACTION = 3;
const CHURN = 4;
const REACTIVATION = 5;
const CATEGORIES = 6;
const TYPES: readonly MrrMovementType[] = ['new', 'new', 'expansion', 'contraction', 'churn', 'reactivation'];

/**
 * The MRR bridge of each month, from customers' monthly MRR snapshots: starting MRR, new,
 * expansion, contraction, churned and reactivation MRR, ending MRR, and customer counts.
 *
 * Definitions (the five MRR movements of ChartMogul, Baremetrics and ProfitWell), comparing
 * each customer's MRR in a month with the month before (a month without a snapshot is 0):
 * - new: MRR of a customer's first month with MRR > 0;
 * - expansion / contraction: the increase / decrease of a customer with MRR > 0 in both
 *   months (contraction to 0 is churn);
 * - churned: last month's MRR of a customer whose MRR fell to 0;
 * - reactivation: MRR of a customer back above 0 after at least a month at 0, having had
 *   MRR before (so a customer who leaves in March and returns in May is reactivated, not new).
 *
 * Bridge: `start + new + expansion + reactivation − contraction − churned = end`, with
 * `start` the previous month's `end` and `end` the sum of the month's MRR; customer counts
 * obey `start + new + reactivated − churned = end`. Every amount is a compensated sum, and
 * expansion and contraction add the two MRRs as separate terms, so the identity holds
 * exactly whenever the MRRs are integers (amounts in minor units, such as cents) and to
 * within a few units in the last place otherwise (33.33 + 66.67 is not exact in binary).
 *
 * The first month: in the baseline month (the first month of the data, or `from` when that
 * is earlier) the data cannot tell new customers from those who were already paying, so
 * its customers count as starting: its `startingMrr` equals its `endingMrr` and it has no
 * movements. Months before `from` still shape the state (who is new, who reactivates) but
 * are not reported. Churn shows in the month after a customer's last month with MRR, so
 * pass `to` to see the churn of customers whose MRR ends in the last month of the data.
 *
 * Input: one snapshot per customer and month (`toMonthlySnapshots` builds them and sums
 * concurrent subscriptions); a repeated (customer, month) throws rather than being summed.
 *
 * Cost: O(n + C log C + M) for n snapshots, C customers and M months: a linear radix sort
 * by (customer, month), then one pass per customer adding into per-month compensated sums
 * (Float64Arrays); no allocation per snapshot without `perCustomer`.
 *
 * Edge cases: no snapshots gives `months: []` (or zero months over a given range).
 *
 * @param snapshots `{ customerId, month, mrr }` records (or any fields, through accessors).
 * @param options `{ from?, to?, perCustomer? }` and accessors.
 * @returns `{ from, to, baseline, months }`, plus `movements` with `perCustomer: true`.
 * @throws {MetricsInputError} naming `snapshots[i].<field>`: `invalid-id`, `invalid-month`
 * (not a valid `YYYY-MM`, e.g. `'2024-1'`, `'2024-13'`), `invalid-number` (MRR not a finite
 * number >= 0); `duplicate-snapshot` naming `snapshots[i]`; `invalid-record`,
 * `invalid-input`; `invalid-option` for a bad `from` or `to` (or `to` before `from`) or a
 * non-function accessor; `invalid-boolean` for `perCustomer`; `overflow` when a month's MRR
 * exceeds the largest finite number.
 *
 * @example
 * ```ts
 * import { mrrMovements } from 'customer-success-metrics/retention';
 * const snapshots = [
 *   { customerId: 'acme', month: '2024-01', mrr: 100 },
 *   { customerId: 'bolt', month: '2024-01', mrr: 50 },
 *   { customerId: 'acme', month: '2024-02', mrr: 150 },
 *   { customerId: 'cove', month: '2024-02', mrr: 80 },
 *   { customerId: 'acme', month: '2024-03', mrr: 120 },
 *   { customerId: 'bolt', month: '2024-03', mrr: 50 },
 *   { customerId: 'cove', month: '2024-03', mrr: 80 },
 * ];
 * const { months } = mrrMovements(snapshots);
 * months.map((m) => [m.month, m.startingMrr, m.endingMrr]);
 * // => [['2024-01', 150, 150], ['2024-02', 150, 230], ['2024-03', 230, 250]]
 * months.map((m) => [m.newMrr, m.expansionMrr, m.contractionMrr, m.churnedMrr, m.reactivationMrr]);
 * // => [[0, 0, 0, 0, 0], [80, 50, 0, 50, 0], [0, 0, 30, 0, 50]]
 * months.map((m) => m.customers.end); // => [2, 2, 3]
 * mrrMovements(snapshots, { perCustomer: true }).movements.filter((m) => m.month === '2024-03');
 * // => [{ month: '2024-03', customerId: 'acme', type: 'contraction', amount: 30, from: 150, to: 120 }, { month: '2024-03', customerId: 'bolt', type: 'reactivation', amount: 50, from: 0, to: 50 }]
 * ```
 */
export function mrrMovements<R>(
  snapshots: Iterable<R>,
  options: MrrMovementsOptions<R> & { readonly perCustomer: true },
): DetailedMrrMovementsResult;
export function mrrMovements<R>(snapshots: Iterable<R>, options?: MrrMovementsOptions<R>): MrrMovementsResult;
export function mrrMovements<R>(snapshots: Iterable<R>, options?: MrrMovementsOptions<R>): MrrMovementsResult | DetailedMrrMovementsResult {
  const fn = 'mrrMovements';
  const opts = optionsOf(options, fn);
  const fromOption = readMonthOption(opts.from, fn, 'options.from');
  const toOption = readMonthOption(opts.to, fn, 'options.to');
  if (fromOption !== null && toOption !== null && toOption < fromOption) {
    fail(fn, 'options.to', 'invalid-option', 'must not be before options.from', opts.to);
  }
  const perCustomer = opts.perCustomer === undefined ? false : readBoolean(opts.perCustomer, fn, 'options.perCustomer');
  const input = requireIterable<R>(snapshots, fn, 'snapshots');
  const readCustomer = accessorFor<R>(opts.customerId, 'customerId', fn);
  const readMonth = accessorFor<R>(opts.month, 'month', fn);
  const readMrr = accessorFor<R>(opts.mrr, 'mrr', fn);

  // Read and validate every snapshot into columns.
  const capacity = capacityOf(input);
  const customers = new IdCodes();
  const customerColumn = new Int32Column(capacity);
  const monthColumn = new Int32Column(capacity);
  const mrrColumn = new Float64Column(capacity);
  let lastText: unknown = undefined;
  let lastMonth = 0;
  const n = forEachRecord(input, (record: R, i: number): void => {
    requireRecord(record, fn, 'snapshots', i);
    const id = readCustomer(record, i);
    if (!isId(id)) fail(fn, recordPath('snapshots', i, 'customerId'), 'invalid-id', 'must be a non-empty string or a finite number', id);
    const text = readMonth(record, i);
    if (text !== lastText || typeof text !== 'string') {
      const parsed = typeof text === 'string' ? parseMonthKey(text) : null;
      if (parsed === null) fail(fn, recordPath('snapshots', i, 'month'), 'invalid-month', 'must be a month YYYY-MM such as "2024-03"', text);
      lastText = text;
      lastMonth = parsed;
    }
    const mrr = readMrr(record, i);
    if (typeof mrr !== 'number' || !(mrr >= 0) || mrr === Number.POSITIVE_INFINITY) {
      fail(fn, recordPath('snapshots', i, 'mrr'), 'invalid-number', 'must be a finite number >= 0', mrr);
    }
    customerColumn.push(customers.code(id));
    monthColumn.push(lastMonth);
    mrrColumn.push(mrr + 0); // + 0 turns -0 into 0
  });
  const customerOf = customerColumn.values;
  const monthOf = monthColumn.values;
  const mrrOf = mrrColumn.values;
  let firstData = Number.POSITIVE_INFINITY;
  let lastData = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const month = monthOf[i] as number;
    if (month < firstData) firstData = month;
    if (month > lastData) lastData = month;
  }

  // The reported range [reportFrom, reportTo] and the computed one [baseline, reportTo].
  const hasData = n > 0;
  let reportFrom = fromOption ?? (hasData ? firstData : toOption);
  let reportTo = toOption ?? (hasData ? lastData : fromOption);
  if (reportFrom === null || reportTo === null) {
    const empty: MrrMovementsResult = { from: null, to: null, baseline: null, months: [] };
    return perCustomer ? { ...empty, movements: [] } : empty;
  }
  if (reportTo < reportFrom) {
    // One end given, and no data on its side: the range shrinks to that month.
    if (fromOption !== null) reportTo = reportFrom;
    else reportFrom = reportTo;
  }
  const baseline = hasData ? Math.min(reportFrom, firstData) : reportFrom;
  const length = reportTo - baseline + 1;

  // Sort snapshot indices by (customer rank, month): radix sort, month first, then rank.
  // The customer column becomes the rank column (codes are not needed after this).
  const ranks = customerRanks(customers.ids);
  const ids: Id[] = new Array<Id>(customers.size);
  for (let code = 0; code < customers.size; code++) ids[ranks[code] as number] = customers.ids[code] as Id;
  for (let i = 0; i < n; i++) customerOf[i] = ranks[customerOf[i] as number] as number;
  const byMonth = countingOrder(monthOf, hasData ? lastData - firstData + 1 : 0, undefined, hasData ? firstData : 0);
  const order = countingOrder(customerOf, customers.size, byMonth);
  failOnDuplicate(fn, order, customerOf, monthOf, ids);

  // One pass per customer, in rank order, adding into the per-month sums.
  const sums = new MonthlySums(length, CATEGORIES);
  const counts = new Int32Array(length * CATEGORIES);
  const reportOffset = reportFrom - baseline;
  const rowMonth = perCustomer ? new Int32Column() : null;
  const rowCustomer = perCustomer ? new Int32Column() : null;
  const rowType = perCustomer ? new Int32Column() : null;
  const rowFrom = perCustomer ? new Float64Column() : null;
  const rowTo = perCustomer ? new Float64Column() : null;
  const tally = (m: number, category: number): void => {
    const at = m * CATEGORIES + category;
    counts[at] = (counts[at] as number) + 1;
  };
  const addRow = (m: number, customer: number, type: number, from: number, to: number): void => {
    if (rowMonth === null || m < reportOffset) return;
    rowMonth.push(m);
    (rowCustomer as Int32Column).push(customer);
    (rowType as Int32Column).push(type);
    (rowFrom as Float64Column).push(from);
    (rowTo as Float64Column).push(to);
  };
  let k = 0;
  while (k < n) {
    const customer = customerOf[order[k] as number] as number;
    let previousMonth = -2; // month index of the customer's previous snapshot
    let previousMrr = 0;
    let paidBefore = false;
    for (; k < n; k++) {
      const item = order[k] as number;
      if (customerOf[item] !== customer) break;
      const m = (monthOf[item] as number) - baseline;
      if (m >= length) continue; // after `to`: read and validated, not reported
      const mrr = mrrOf[item] as number;
      let before = 0;
      if (previousMonth === m - 1) before = previousMrr;
      else if (previousMrr > 0) {
        // A gap: the customer churned in the month after their previous snapshot.
        sums.add(previousMonth + 1, CHURN, previousMrr);
        tally(previousMonth + 1, CHURN);
        addRow(previousMonth + 1, customer, CHURN, previousMrr, 0);
      }
      if (m === 0) {
        if (mrr > 0) paidBefore = true; // the baseline month: starting, not new
      } else if (before > 0) {
        if (mrr === 0) {
          sums.add(m, CHURN, before);
          tally(m, CHURN);
          addRow(m, customer, CHURN, before, 0);
        } else if (mrr > before) {
          sums.add(m, EXPANSION, mrr);
          sums.add(m, EXPANSION, -before);
          tally(m, EXPANSION);
          addRow(m, customer, EXPANSION, before, mrr);
        } else if (mrr < before) {
          sums.add(m, CONTRACTION, before);
          sums.add(m, CONTRACTION, -mrr);
          tally(m, CONTRACTION);
          addRow(m, customer, CONTRACTION, before, mrr);
        }
      } else if (mrr > 0) {
        const type = paidBefore ? REACTIVATION : NEW;
        sums.add(m, type, mrr);
        tally(m, type);
        addRow(m, customer, type, 0, mrr);
        paidBefore = true;
      }
      if (mrr > 0) {
        sums.add(m, END, mrr);
        tally(m, END);
      }
      previousMonth = m;
      previousMrr = mrr;
    }
    if (previousMrr > 0 && previousMonth + 1 < length) {
      sums.add(previousMonth + 1, CHURN, previousMrr);
      tally(previousMonth + 1, CHURN);
      addRow(previousMonth + 1, customer, CHURN, previousMrr, 0);
    }
  }

  // The bridge of each reported month; starting = the previous month's ending.
  const months: MrrMonth[] = [];
  let startingMrr = positive(sums.value(0, END));
  let startingCount = counts[END] as number;
  for (let m = 0; m < length; m++) {
    const ending = sums.value(m, END);
    if (!Number.isFinite(ending)) fail(fn, 'snapshots', 'overflow', `sum to an MRR above the largest finite number in ${monthKey(baseline + m)}`, snapshots);
    const endingMrr = positive(ending);
    const at = m * CATEGORIES;
    const endCount = counts[at + END] as number;
    if (m >= reportOffset) {
      months.push({
        month: monthKey(baseline + m),
        startingMrr,
        newMrr: positive(sums.value(m, NEW)),
        expansionMrr: positive(sums.value(m, EXPANSION)),
        contractionMrr: positive(sums.value(m, CONTRACTION)),
        churnedMrr: positive(sums.value(m, CHURN)),
        reactivationMrr: positive(sums.value(m, REACTIVATION)),
        endingMrr,
        customers: {
          start: startingCount,
          new: counts[at + NEW] as number,
          expanded: counts[at + EXPANSION] as number,
          contracted: counts[at + CONTRACTION] as number,
          churned: counts[at + CHURN] as number,
          reactivated: counts[at + REACTIVATION] as number,
          end: endCount,
        },
      });
    }
    startingMrr = endingMrr;
    startingCount = endCount;
  }
  const result: MrrMovementsResult = { from: monthKey(reportFrom), to: monthKey(reportTo), baseline: monthKey(baseline), months };
  if (rowMonth === null) return result;

  // Customer rows were made customer by customer (in rank order): a stable sort by month.
  const rowMonths = rowMonth.values;
  const rowCustomers = (rowCustomer as Int32Column).values;
  const rowTypes = (rowType as Int32Column).values;
  const rowFroms = (rowFrom as Float64Column).values;
  const rowTos = (rowTo as Float64Column).values;
  const rowOrder = countingOrder(rowMonths, length);
  const movements: MrrCustomerMovement[] = new Array<MrrCustomerMovement>(rowOrder.length);
  for (let r = 0; r < rowOrder.length; r++) {
    const row = rowOrder[r] as number;
    const from = rowFroms[row] as number;
    const to = rowTos[row] as number;
    movements[r] = {
      month: months[(rowMonths[row] as number) - reportOffset]?.month as string,
      customerId: ids[rowCustomers[row] as number] as Id,
      type: TYPES[rowTypes[row] as number] as MrrMovementType,
      amount: to > from ? to - from : from - to,
      from,
      to,
    };
  }
  return { ...result, movements };
}

/** A sum that must be >= 0, with rounding residue below 0 cut to 0. */
function positive(x: number): number {
  return x > 0 ? x : 0;
}

/**
 * Throws for a repeated (customer, month), naming the repeat with the smallest index.
 * `order` lists snapshot indices sorted by (customer, month), ties in input order. O(n).
 */
function failOnDuplicate(fn: string, order: Int32Array, customerOf: Int32Array, monthOf: Int32Array, ids: readonly Id[]): void {
  let repeat = -1;
  let original = -1;
  for (let k = 1; k < order.length; k++) {
    const a = order[k - 1] as number;
    const b = order[k] as number;
    if (customerOf[a] === customerOf[b] && monthOf[a] === monthOf[b] && (repeat === -1 || b < repeat)) {
      repeat = b;
      // The first snapshot of the run: walk back while the key repeats.
      let j = k - 1;
      while (j > 0 && customerOf[order[j - 1] as number] === customerOf[b] && monthOf[order[j - 1] as number] === monthOf[b]) j--;
      original = order[j] as number;
    }
  }
  if (repeat === -1) return;
  const customer = ids[customerOf[repeat] as number] as Id;
  fail(
    fn,
    `snapshots[${repeat}]`,
    'duplicate-snapshot',
    `repeats customer ${JSON.stringify(customer)} in ${monthKey(monthOf[repeat] as number)} (first at snapshots[${original}]); sum a customer's concurrent subscriptions into one snapshot per month (toMonthlySnapshots does)`,
    { customerId: customer, month: monthKey(monthOf[repeat] as number) },
  );
}
