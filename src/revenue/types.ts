/**
 * The public types of the revenue module: the options, inputs and results of every revenue
 * function, the monthly MRR snapshots and bridges they pass to each other, and each
 * function's option keys (beside its options interface). Internal files import their types
 * from here, never from a function's file, so no file imports back.
 * @module
 */
import type { Id } from '../core/read.js';
import type { Accessor, Estimate, RateChange, Timestamp } from '../core/types.js';

// ---------------------------------------------------------------------------------------
// Snapshots and the monthly bridge

/** An account's MRR in one calendar month. An account missing from a month has MRR 0 there. */
export interface MrrSnapshot {
  /** The account's id. */
  readonly accountId: Id;
  /** `YYYY-MM`. */
  readonly month: string;
  /** Monthly recurring revenue, >= 0, in one currency (minor or major units: the caller's choice). */
  readonly mrr: number;
}

/**
 * Snapshots as parallel columns (the shape Apache Arrow vectors and DuckDB results hand
 * over): element `i` of each column is snapshot `i`. Read in place, without accessors, by
 * `mrrMovements`, `mrrMovementsAccumulator().add`, `netRevenueRetention` and
 * `grossRevenueRetention`.
 */
export interface MrrSnapshotColumns {
  /** Account id of each snapshot (a non-empty string or a finite number). */
  readonly accountId: ArrayLike<Id>;
  /** Month of each snapshot, `YYYY-MM`. */
  readonly month: ArrayLike<string>;
  /** MRR of each snapshot, a finite number >= 0 (a `Float64Array` is fastest). */
  readonly mrr: ArrayLike<number>;
  /** Currency of each snapshot (`null` or `undefined` where not stated); optional. */
  readonly currency?: ArrayLike<string | null | undefined>;
}

/**
 * Accessors for snapshot records; each defaults to the property of the same name. Columns
 * (`MrrSnapshotColumns`) are read by these names, without accessors.
 */
export interface SnapshotAccessors<R> {
  /** Reads the account id (default `record.accountId`). */
  readonly accountId?: Accessor<R, unknown>;
  /** Reads the month `YYYY-MM` (default `record.month`). */
  readonly month?: Accessor<R, unknown>;
  /** Reads the MRR, a finite number >= 0 (default `record.mrr`). */
  readonly mrr?: Accessor<R, unknown>;
  /** Reads the currency code; `undefined` or `null` for none (default `record.currency`). */
  readonly currency?: Accessor<R, unknown>;
}

/** The MRR bridge of one month (amounts >= 0; churn and contraction are positive numbers). */
export interface MrrMonth {
  /** `YYYY-MM`. */
  readonly month: string;
  /**
   * Whether the month is over at the `asOf` in force: its last local day ends by `asOf`.
   * A month in progress (`false`) holds the MRR known so far; its churn is not final.
   */
  readonly complete: boolean;
  /** MRR at the start of the month (= ending MRR of the previous month). */
  readonly startingMrr: number;
  /** MRR of customers whose first month with MRR > 0 this is. */
  readonly newMrr: number;
  /** Increases of customers who had MRR > 0 last month. */
  readonly expansionMrr: number;
  /** Decreases (to a value still > 0) of customers who had MRR > 0 last month. */
  readonly contractionMrr: number;
  /** Last month's MRR of customers whose MRR fell to 0. */
  readonly churnedMrr: number;
  /** MRR of customers back above 0 after a month at 0 (not their first month). */
  readonly reactivationMrr: number;
  /** MRR at the end of the month: start + new + expansion + reactivation - contraction - churned. */
  readonly endingMrr: number;
  /** Customers (accounts) with MRR > 0 at the start, new, churned, reactivated, and at the end. */
  readonly customers: {
    /** Customers with MRR > 0 at the start of the month. */
    readonly start: number;
    /** Customers new in the month. */
    readonly new: number;
    /** Customers whose MRR expanded. */
    readonly expanded: number;
    /** Customers whose MRR contracted. */
    readonly contracted: number;
    /** Customers who churned. */
    readonly churned: number;
    /** Customers who were reactivated. */
    readonly reactivated: number;
    /** Customers with MRR > 0 at the end of the month. */
    readonly end: number;
  };
}

// ---------------------------------------------------------------------------------------
// mrrMovements and its accumulator

/** Options of `mrrMovements` (and of `mrrMovementsAccumulator`, fixed at creation). */
export interface MrrMovementsOptions<R> extends SnapshotAccessors<R> {
  /**
   * First month reported: a month `YYYY-MM`, or a date `YYYY-MM-DD` (or any timestamp)
   * standing for the month of its local day (default: the first month of the data).
   */
  readonly from?: Timestamp;
  /**
   * Last month reported, read as `from` is (default: the month of `asOf`). Months after the
   * month of `asOf` are never reported: the range stops there.
   */
  readonly to?: Timestamp;
  /**
   * When the data is complete: a month `YYYY-MM` (through its end), a date `YYYY-MM-DD`
   * (through the end of that local day) or an instant. Snapshots of months after its month
   * are left out; a month is `complete` when its last local day ends by `asOf`. Default:
   * the end of the latest snapshot month, so every month of the data is complete; pass the
   * export's date when the last month is still in progress.
   */
  readonly asOf?: Timestamp;
  /** IANA time zone of the months' local days, for `asOf`, `from` and `to` (default `'UTC'`). */
  readonly timeZone?: string;
  /** Also list every customer's movement in `movements` (default `false`). */
  readonly perCustomer?: boolean;
}

/** Every key of {@link MrrMovementsOptions}. @internal */
export const MRR_MOVEMENTS_OPTION_KEYS = [
  'accountId',
  'month',
  'mrr',
  'currency',
  'from',
  'to',
  'asOf',
  'timeZone',
  'perCustomer',
] as const satisfies readonly (keyof MrrMovementsOptions<unknown>)[];

/** The kind of a customer's MRR movement in a month. */
export type MrrMovementType = 'new' | 'expansion' | 'contraction' | 'churn' | 'reactivation';

/** One customer's (account's) MRR movement in one month. */
export interface MrrCustomerMovement {
  /** `YYYY-MM`. */
  readonly month: string;
  /** The account's id. */
  readonly accountId: Id;
  /** The kind of movement. */
  readonly type: MrrMovementType;
  /** The size of the movement, > 0: `|to − from|`. */
  readonly amount: number;
  /** MRR in the month before (0 for new and reactivation). */
  readonly from: number;
  /** MRR in the month (0 for churn). */
  readonly to: number;
}

/**
 * Result of `mrrMovements`: the monthly MRR bridge. `churnRates`, `expansionMrr`,
 * `quickRatio` and `lifetimeValueInputs` take it as it is.
 */
export interface MrrMovementsResult {
  /** IANA time zone of the local days. */
  readonly timeZone: string;
  /** The `asOf` in force, an ISO-8601 instant in UTC; `null` without snapshots and without `asOf`. */
  readonly asOf: string | null;
  /** The local day of `asOf`, `YYYY-MM-DD`; `null` with it. */
  readonly asOfDate: string | null;
  /** The currency of the snapshots; `null` when none states one. */
  readonly currency: string | null;
  /** First month reported, `YYYY-MM` (`null` when nothing is reported: no data and no range, or a range after `asOf`). */
  readonly from: string | null;
  /** Last month reported, `YYYY-MM`, never after the month of `asOf` (`null` with `from`). */
  readonly to: string | null;
  /**
   * The month whose customers count as already there (starting MRR) rather than new: the
   * earlier of `from` and the first month of the data. `null` when nothing is reported.
   */
  readonly baseline: string | null;
  /** The bridge of every month from `from` to `to`, months without data included; each says whether it is `complete`. */
  readonly months: MrrMonth[];
}

/** Result of `mrrMovements` with `perCustomer: true`. */
export interface DetailedMrrMovementsResult extends MrrMovementsResult {
  /** Every customer movement in the reported months, sorted by month, then account id. */
  readonly movements: MrrCustomerMovement[];
}

/** Options of `mrrMovementsAccumulator`: those of `mrrMovements`, fixed at creation. */
export type MrrMovementsAccumulatorOptions<R> = MrrMovementsOptions<R>;

/**
 * The serializable state of an {@link MrrMovementsAccumulator}: every snapshot added, in
 * canonical order (accounts in the library's id order, then months ascending), as parallel
 * arrays. Plain JSON; the same snapshots give a deep-equal state whatever the order,
 * batching and merging that brought them together. The options are not part of it (none of
 * them shapes the state), so accumulators with different `from`, `to`, `asOf`, `timeZone` or
 * `perCustomer` merge.
 */
export interface MrrMovementsState {
  /** What this is: always `'customer-success-metrics/mrr-movements'`. */
  readonly kind: 'customer-success-metrics/mrr-movements';
  /**
   * Format version: 2. (Version 1, of 0.x, named `accountIds` and `account` `customerIds`
   * and `customer` and had no `currency`; `merge` and the constructor still read it.)
   */
  readonly version: 2;
  /** The currency of the snapshots; `null` when none states one. */
  readonly currency: string | null;
  /** The accounts' ids, each once, numbers ascending, then strings by UTF-16 code units. */
  readonly accountIds: Id[];
  /** Per snapshot: its account, an index into `accountIds` (non-decreasing: snapshots are grouped by account). */
  readonly account: number[];
  /**
   * Per snapshot: its month as months since January 1970, `(year − 1970) × 12 + month − 1`
   * (0 is 1970-01, 650 is 2024-03, negative before 1970); ascending within each account.
   */
  readonly month: number[];
  /** Per snapshot: its MRR, exactly as added. */
  readonly mrr: number[];
}

/**
 * An incremental `mrrMovements`: feed snapshots in batches, serialize and merge states,
 * and read the result at any time. `T` is the result type, with `movements` when the
 * accumulator was created with `perCustomer: true`.
 */
export interface MrrMovementsAccumulator<R, T extends MrrMovementsResult = MrrMovementsResult> {
  /**
   * Adds a batch of snapshots: records (through the accessors) or a columns batch. Validated
   * as `mrrMovements` validates; a batch that throws adds nothing.
   */
  add(batch: Iterable<R> | MrrSnapshotColumns): this;
  /**
   * Adds every item of an async (or sync) source: a record, an array of records, or a columns
   * batch. Error paths name a snapshot's position in the whole stream. A batch that throws
   * adds nothing; the batches before it stay added.
   */
  addAsync(source: AsyncIterable<unknown> | Iterable<unknown>): Promise<this>;
  /** Adds the snapshots of another accumulator or of a state (from `state()`, possibly through JSON). */
  merge(other: MrrMovementsState | MrrMovementsAccumulator<unknown>): this;
  /** The state: JSON-serializable, canonical, in fresh arrays. */
  state(): MrrMovementsState;
  /** What `mrrMovements` returns for every snapshot added and merged, with the creation options. */
  result(): T;
}

// ---------------------------------------------------------------------------------------
// The functions of the bridge: churn rates, expansion, quick ratio, lifetime-value inputs

/**
 * What the functions of the bridge take: the `mrrMovements` result as it is, or any object
 * with a `months` list of bridge rows (an export from another tool mapped to these names).
 * `M` is the part of an `MrrMonth` the function reads.
 */
export interface MrrBridgeInput<M> {
  /** The bridge rows, in any order, each month at most once. */
  readonly months: Iterable<M>;
}

/** The fields of an `MrrMonth` that `churnRates` reads. */
export interface ChurnRatesInputMonth
  extends Pick<MrrMonth, 'month' | 'startingMrr' | 'expansionMrr' | 'contractionMrr' | 'churnedMrr' | 'reactivationMrr'> {
  /** The customer counts read: `start` and `churned`. */
  readonly customers: Pick<MrrMonth['customers'], 'start' | 'churned'>;
  /** Whether the month is over (as `mrrMovements` reports it); left out, the month is taken as complete. */
  readonly complete?: boolean;
}

/** What `churnRates` takes: the `mrrMovements` result, or `{ months }` with these fields. */
export type ChurnRatesInput = MrrBridgeInput<ChurnRatesInputMonth>;

/** Options of `churnRates`. */
export interface ChurnRatesOptions {
  /** Whether net MRR churn subtracts reactivation MRR besides expansion (default `true`, as ChartMogul). */
  readonly includeReactivation?: boolean;
  /** Confidence level of the logo churn interval, strictly between 0 and 1 (default 0.95). */
  readonly confidence?: number;
}

/** Every key of {@link ChurnRatesOptions}. @internal */
export const CHURN_RATES_OPTION_KEYS = ['includeReactivation', 'confidence'] as const satisfies readonly (keyof ChurnRatesOptions)[];

/** The churn rates of one month. */
export interface ChurnRatesMonth {
  /** `YYYY-MM`. */
  readonly month: string;
  /**
   * Whether the month is over: the input row's `complete` (`true` when it has none). The
   * rates of a month in progress (`false`) are not final: its churn is still coming in.
   */
  readonly complete: boolean;
  /** Customers with MRR > 0 at the start of the month. */
  readonly customersAtStart: number;
  /** Of those, customers whose MRR fell to 0. */
  readonly churnedCustomers: number;
  /** MRR at the start of the month. */
  readonly startingMrr: number;
  /** `churnedCustomers / customersAtStart`, with its Wilson interval in `lower` / `upper`. */
  readonly logoChurn: RateChange;
  /** `(churnedMrr + contractionMrr) / startingMrr`, in [0, 1] (no interval: `lower`, `upper` `null`). */
  readonly grossMrrChurn: RateChange;
  /**
   * `(churnedMrr + contractionMrr − expansionMrr − reactivationMrr) / startingMrr`
   * (without `− reactivationMrr` when `includeReactivation` is false); negative when the
   * gains win (no interval).
   */
  readonly netMrrChurn: RateChange;
  /** `expansionMrr / startingMrr` (no interval). */
  readonly expansionRate: RateChange;
}

/** Result of `churnRates`. */
export interface ChurnRatesResult {
  /** Whether net MRR churn subtracts reactivation MRR besides expansion. */
  readonly includeReactivation: boolean;
  /** Confidence level of the logo churn interval. */
  readonly confidence: number;
  /** One row per input month, ascending. */
  readonly byMonth: ChurnRatesMonth[];
}

/** The fields of an `MrrMonth` that `expansionMrr` reads. */
export interface ExpansionMrrInputMonth extends Pick<MrrMonth, 'month' | 'startingMrr' | 'expansionMrr'> {
  /** The customer counts read: `start` and `expanded`. */
  readonly customers: Pick<MrrMonth['customers'], 'start' | 'expanded'>;
  /** Whether the month is over (as `mrrMovements` reports it); left out, the month is taken as complete. */
  readonly complete?: boolean;
}

/** What `expansionMrr` takes: the `mrrMovements` result, or `{ months }` with these fields. */
export type ExpansionMrrInput = MrrBridgeInput<ExpansionMrrInputMonth>;

/** Expansion of one month. */
export interface ExpansionMrrMonth {
  /** `YYYY-MM`. */
  readonly month: string;
  /** Whether the month is over: the input row's `complete` (`true` when it has none); a month in progress is not final. */
  readonly complete: boolean;
  /** MRR at the start of the month. */
  readonly startingMrr: number;
  /** Increases of customers who had MRR > 0 the month before. */
  readonly expansionMrr: number;
  /**
   * `expansionMrr / startingMrr` (`value` `null` when `startingMrr` is 0) with its change
   * from the month before; the same figure as `churnRates`' `expansionRate` (no interval).
   */
  readonly expansionRate: RateChange;
  /** Customers with MRR > 0 at the start of the month. */
  readonly customersAtStart: number;
  /** Of those, the customers whose MRR grew. */
  readonly expandedCustomers: number;
  /** `expandedCustomers / customersAtStart`, in [0, 1]; `null` when no customer was there at the start. */
  readonly expandedShare: number | null;
}

/** Result of `expansionMrr`. */
export interface ExpansionMrrResult {
  /** One row per input month, ascending. */
  readonly byMonth: ExpansionMrrMonth[];
}

/** The fields of an `MrrMonth` that `quickRatio` reads. */
export interface QuickRatioInputMonth extends Pick<MrrMonth, 'month' | 'newMrr' | 'expansionMrr' | 'reactivationMrr' | 'contractionMrr' | 'churnedMrr'> {
  /** Whether the month is over (as `mrrMovements` reports it); left out, the month is taken as complete. */
  readonly complete?: boolean;
}

/** What `quickRatio` takes: the `mrrMovements` result, or `{ months }` with these fields. */
export type QuickRatioInput = MrrBridgeInput<QuickRatioInputMonth>;

/** Options of `quickRatio`. */
export interface QuickRatioOptions {
  /** Whether reactivation MRR counts as gained (default `true`). */
  readonly includeReactivation?: boolean;
}

/** Every key of {@link QuickRatioOptions}. @internal */
export const QUICK_RATIO_OPTION_KEYS = ['includeReactivation'] as const satisfies readonly (keyof QuickRatioOptions)[];

/** MRR gained and lost, and their ratio. */
export interface QuickRatioFigures {
  /**
   * Whether the months are over: a month's input `complete` flag (`true` when it has none);
   * overall, whether every month is. Figures of a month in progress are not final.
   */
  readonly complete: boolean;
  /** `newMrr + expansionMrr + reactivationMrr` (without reactivation when excluded). */
  readonly gainedMrr: number;
  /** `churnedMrr + contractionMrr`. */
  readonly lostMrr: number;
  /** `gainedMrr − lostMrr`. */
  readonly netNewMrr: number;
  /** `gainedMrr / lostMrr`; `null` exactly when `lostMrr` is 0. */
  readonly value: number | null;
}

/** The quick ratio of one month. */
export interface QuickRatioMonth extends QuickRatioFigures {
  /** `YYYY-MM`. */
  readonly month: string;
}

/** Result of `quickRatio`. */
export interface QuickRatioResult {
  /** Whether reactivation MRR counts as gained. */
  readonly includeReactivation: boolean;
  /** All months together (e.g. a quarter's quick ratio from its three months). */
  readonly overall: QuickRatioFigures;
  /** One row per input month, ascending. */
  readonly byMonth: QuickRatioMonth[];
}

/** The fields of an `MrrMonth` that `lifetimeValueInputs` reads. */
export interface LifetimeValueInputsInputMonth extends Pick<MrrMonth, 'month' | 'startingMrr' | 'contractionMrr' | 'churnedMrr' | 'endingMrr'> {
  /** The customer counts read: `start`, `churned` and `end`. */
  readonly customers: Pick<MrrMonth['customers'], 'start' | 'churned' | 'end'>;
  /** Whether the month is over (as `mrrMovements` reports it); left out, the month is taken as complete. */
  readonly complete?: boolean;
}

/** What `lifetimeValueInputs` takes: the `mrrMovements` result, or `{ months }` with these fields. */
export type LifetimeValueInputsInput = MrrBridgeInput<LifetimeValueInputsInputMonth>;

/** Options of `lifetimeValueInputs`. */
export interface LifetimeValueInputsOptions {
  /** Months in the window, an integer >= 1 (default 12). */
  readonly windowMonths?: number;
  /**
   * Last month of the window: a month `YYYY-MM`, or a date `YYYY-MM-DD` (or any timestamp,
   * read in UTC) standing for the month of its day (default: the latest complete input month).
   */
  readonly to?: Timestamp;
  /** Confidence level of the logo churn interval, strictly between 0 and 1 (default 0.95). */
  readonly confidence?: number;
}

/** Every key of {@link LifetimeValueInputsOptions}. @internal */
export const LIFETIME_VALUE_INPUTS_OPTION_KEYS = ['windowMonths', 'to', 'confidence'] as const satisfies readonly (keyof LifetimeValueInputsOptions)[];

/**
 * Result of `lifetimeValueInputs`: monthly figures for `customerLifetimeValue`, which takes
 * this result as it is (its `arpa` and `logoChurn`).
 */
export interface LifetimeValueInputsResult {
  /** Months in the window. */
  readonly windowMonths: number;
  /** First month of the window, `YYYY-MM`; `null` without months and without `to`. */
  readonly from: string | null;
  /** Last month of the window, `YYYY-MM`; `null` without months and without `to`. */
  readonly to: string | null;
  /** Input months inside the window (fewer than `windowMonths` when the data is shorter). */
  readonly monthCount: number;
  /** Whether every month counted is complete (its input `complete` flag; `true` when none is counted). */
  readonly complete: boolean;
  /** Why no month is counted, in words; `null` when `monthCount` > 0. */
  readonly reason: string | null;
  /** Confidence level of the logo churn interval. */
  readonly confidence: number;
  /** Average MRR per account: `Σ endingMrr / Σ customers.end`; `null` when no customer was counted. */
  readonly arpa: number | null;
  /**
   * Mean monthly logo churn `Σ customers.churned / Σ customers.start`, with its Wilson
   * interval (churned customer-months of customer-months at risk); `null` when no customer
   * was at a start.
   */
  readonly logoChurn: Estimate | null;
  /** Mean monthly gross MRR churn: `Σ (churnedMrr + contractionMrr) / Σ startingMrr`, in [0, 1]; `null` when no MRR was at a start. */
  readonly revenueChurnRate: number | null;
}

// ---------------------------------------------------------------------------------------
// Net and gross revenue retention

/** Options of `netRevenueRetention` and `grossRevenueRetention`. */
export interface RevenueRetentionOptions<R> extends SnapshotAccessors<R> {
  /**
   * The cohort's starting month `YYYY-MM` (a date `YYYY-MM-DD`, or any timestamp, stands for
   * the month of its local day): its customers are those with MRR > 0 then (default: the
   * last complete month minus `windowMonths`, the latest window the data completes).
   */
  readonly cohortMonth?: Timestamp;
  /** Length of the window in months, an integer >= 1 (default 12). */
  readonly windowMonths?: number;
  /**
   * When the snapshots are complete: a month `YYYY-MM` (through its end), a date
   * `YYYY-MM-DD` (through the end of that local day) or an instant (default: the end of the
   * latest snapshot month). A month is complete when its last local day ends by `asOf`; a
   * window whose end month is not complete is pending.
   */
  readonly asOf?: Timestamp;
  /** IANA time zone of the local days `asOf` and `cohortMonth` are read in (default `'UTC'`). */
  readonly timeZone?: string;
  /** Also report the window ending in every month (default `false`). */
  readonly trailing?: boolean;
}

/** Every key of {@link RevenueRetentionOptions}. @internal */
export const REVENUE_RETENTION_OPTION_KEYS = [
  'accountId',
  'month',
  'mrr',
  'currency',
  'cohortMonth',
  'windowMonths',
  'asOf',
  'timeZone',
  'trailing',
] as const satisfies readonly (keyof RevenueRetentionOptions<unknown>)[];

/** The cohort's MRR over a window; the end figures are `null` while the window is pending. */
export interface RevenueRetentionFigures {
  /** Customers with MRR > 0 in the cohort month. */
  readonly customers: number;
  /** Of those, the customers with MRR > 0 in the end month; `null` while pending. */
  readonly retainedCustomers: number | null;
  /** The cohort's MRR in the cohort month. */
  readonly startingMrr: number;
  /** `Σ max(0, end - start)` over the cohort's customers; `null` while pending. */
  readonly expansionMrr: number | null;
  /** `Σ (start - end)` over the customers whose MRR fell but stayed above 0; `null` while pending. */
  readonly contractionMrr: number | null;
  /** `Σ start` over the customers at 0 in the end month; `null` while pending. */
  readonly churnedMrr: number | null;
  /** The cohort's MRR in the end month: `startingMrr + expansionMrr - contractionMrr - churnedMrr`; `null` while pending. */
  readonly endingMrr: number | null;
}

/** Result of `netRevenueRetention` and `grossRevenueRetention`. */
export interface RevenueRetentionResult extends RevenueRetentionFigures {
  /** The cohort month `YYYY-MM`; `null` when there are no snapshots and no `cohortMonth` or `asOf`. */
  readonly cohortMonth: string | null;
  /** `cohortMonth` plus `windowMonths`, `YYYY-MM`; `null` with `cohortMonth`. */
  readonly endMonth: string | null;
  /** The window length in months. */
  readonly windowMonths: number;
  /** IANA time zone of the local days. */
  readonly timeZone: string;
  /** The `asOf` in force, an ISO-8601 instant in UTC; `null` when there are no snapshots and no `asOf`. */
  readonly asOf: string | null;
  /** The local day of `asOf`, `YYYY-MM-DD`; `null` with it. */
  readonly asOfDate: string | null;
  /** The currency of the snapshots; `null` when none states one. */
  readonly currency: string | null;
  /** Whether `endMonth` is not complete at `asOf`: then only `customers` and `startingMrr` are known. */
  readonly pending: boolean;
  /** The ratio; `null` while pending, when the cohort has no MRR, or without snapshots (`reason` says which). */
  readonly value: number | null;
  /** Why `value` is `null`, in words (what to pass to get a value, where there is something); `null` when there is a value. */
  readonly reason: string | null;
}

/** The window of `windowMonths` months ending in one month. */
export interface RevenueRetentionWindow extends RevenueRetentionFigures {
  /** The window's end month `YYYY-MM`. */
  readonly month: string;
  /** `month` minus `windowMonths`. */
  readonly cohortMonth: string;
  /**
   * Whether the end month is complete at `asOf` (its last local day ends by `asOf`); only
   * the window ending in the month of `asOf` can be incomplete, and it is pending then.
   */
  readonly complete: boolean;
  /** The ratio; `null` while incomplete or when the cohort has no MRR. */
  readonly value: number | null;
}

/** Result with `trailing: true`. */
export interface TrailingRevenueRetentionResult extends RevenueRetentionResult {
  /**
   * One window per end month, from the first month with a snapshot plus `windowMonths` to
   * the month of `asOf`, ascending (empty when the data spans less than `windowMonths`).
   */
  readonly trailing: RevenueRetentionWindow[];
}

// ---------------------------------------------------------------------------------------
// Renewals

/** Options of `renewalRate`. */
export interface RenewalRateOptions<R> {
  /**
   * First local day of the period, inclusive: a date `YYYY-MM-DD`, a month `YYYY-MM` (its
   * first day) or any timestamp (its local day) (default: the earliest due day counted).
   */
  readonly from?: Timestamp;
  /**
   * Last local day of the period, inclusive, read as `from` is (a month is its last day)
   * (default: the day of `asOf`). The period never runs past the day of `asOf`.
   */
  readonly to?: Timestamp;
  /**
   * When the outcomes are known: a date `YYYY-MM-DD` (through the end of that local day), a
   * month `YYYY-MM` (through its end) or an instant (default: the latest due instant).
   * Renewals due after it are not due yet and not counted; a month is `complete` when its
   * last local day ends by `asOf`.
   */
  readonly asOf?: Timestamp;
  /** IANA time zone whose calendar days and months count (default `'UTC'`). */
  readonly timeZone?: string;
  /** Confidence level of the intervals, strictly between 0 and 1 (default 0.95). */
  readonly confidence?: number;
  /** Reads when the term ends and the renewal is due (default `record.dueAt`). */
  readonly dueAt?: Accessor<R, unknown>;
  /** Reads the outcome: `true`, `false`, or `null` while undecided (default `record.renewed`). */
  readonly renewed?: Accessor<R, unknown>;
}

/** Every key of {@link RenewalRateOptions}. @internal */
export const RENEWAL_RATE_OPTION_KEYS = [
  'from',
  'to',
  'asOf',
  'timeZone',
  'confidence',
  'dueAt',
  'renewed',
] as const satisfies readonly (keyof RenewalRateOptions<unknown>)[];

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
  /**
   * Whether the month lies whole inside the period (not cut by a `from` or `to` you pass)
   * and its last local day ends by `asOf`. An incomplete month can still gain renewals and
   * outcomes.
   */
  readonly complete: boolean;
}

/** Result of `renewalRate`. */
export interface RenewalRateResult extends RenewalFigures {
  /** IANA time zone of the days and months. */
  readonly timeZone: string;
  /** The `asOf` in force, an ISO-8601 instant in UTC; `null` without renewals and without `asOf`. */
  readonly asOf: string | null;
  /** The local day of `asOf`, `YYYY-MM-DD`; `null` with it. */
  readonly asOfDate: string | null;
  /** First day of the period, `YYYY-MM-DD`; `null` without renewals and bounds. */
  readonly from: string | null;
  /** Last day of the period, `YYYY-MM-DD`, never after the day of `asOf`; `null` without renewals and bounds. */
  readonly to: string | null;
  /** Confidence level of the intervals. */
  readonly confidence: number;
  /** Every month from `from` to `to`, months without renewals included. */
  readonly byMonth: RenewalMonth[];
}

// ---------------------------------------------------------------------------------------
// Subscriptions to snapshots

/** A billing interval: the amount is billed every month, quarter (3 months) or year (12 months). */
export type BillingInterval = 'month' | 'quarter' | 'year';

/** Which months a subscription counts in, and how much (see `toMonthlySnapshots`). */
export type MonthlyMrrRule = 'month-end' | 'month-start' | 'prorated';

/** Options of `toMonthlySnapshots`: accessors for the subscription fields, and the rules. */
export interface ToMonthlySnapshotsOptions<R> {
  /** Reads the account id (default `record.accountId`). */
  readonly accountId?: Accessor<R, unknown>;
  /** Reads the start, inclusive (default `record.start`): a timestamp. */
  readonly start?: Accessor<R, unknown>;
  /** Reads the end, exclusive (default `record.end`): a timestamp, or `null`/`undefined` while open. */
  readonly end?: Accessor<R, unknown>;
  /** Reads the amount billed per interval (default `record.amount`): a finite number >= 0, per unit. */
  readonly amount?: Accessor<R, unknown>;
  /** Reads the billing interval (default `record.interval`): `'month'`, `'quarter'` or `'year'`. */
  readonly interval?: Accessor<R, unknown>;
  /** Reads the quantity (default `record.quantity`; absent or `null` means 1): a finite number >= 0. */
  readonly quantity?: Accessor<R, unknown>;
  /** Reads the discount (default `record.discount`; absent or `null` means 0): a fraction from 0 to 1. */
  readonly discount?: Accessor<R, unknown>;
  /** Reads the currency (default `record.currency`; absent or `null` means not stated). */
  readonly currency?: Accessor<R, unknown>;
  /** `'month-end'` (default), `'month-start'` or `'prorated'`. */
  readonly rule?: MonthlyMrrRule;
  /**
   * The last month reported: a month `YYYY-MM`, or a date `YYYY-MM-DD` (or any timestamp)
   * standing for the month of its local day (default: the latest month any subscription
   * touches).
   */
  readonly through?: Timestamp;
  /** IANA time zone of the calendar months (default `'UTC'`). */
  readonly timeZone?: string;
}

/** Every key of {@link ToMonthlySnapshotsOptions}. @internal */
export const TO_MONTHLY_SNAPSHOTS_OPTION_KEYS = [
  'accountId',
  'start',
  'end',
  'amount',
  'interval',
  'quantity',
  'discount',
  'currency',
  'rule',
  'through',
  'timeZone',
] as const satisfies readonly (keyof ToMonthlySnapshotsOptions<unknown>)[];
