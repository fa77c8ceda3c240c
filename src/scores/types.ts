/**
 * The public types of the scores module: options, results and rows of `nps`, `npsChange`,
 * `csat`, `ces`, `countShare`, `customerLifetimeValue`, `healthScore` and `healthScores`,
 * and the shared types of the library, re-exported so that the scores entry has them.
 * Declared here, in a public file, so that the module's `internal/` helpers can read them
 * without an import cycle.
 * @module
 */

import type { Id } from '../core/read.js';
import type { Accessor, Estimate } from '../core/types.js';


// ---------------------------------------------------------------------------------------
// Survey answers (nps, npsChange, csat, ces)

/** Answers: numbers, or records whose answer an accessor reads (default `record.score`). */
export type Responses<R> = Iterable<number> | Iterable<R>;

/** Accessors for survey records. */
export interface ResponseAccessors<R> {
  /** Reads the answer from a record (default: the record itself when it is a number, else `record.score`). */
  readonly score?: Accessor<R, unknown>;
}

/**
 * The `groupBy` option of the survey scores: the name of a record field (`'plan'`) or an
 * accessor `(record, index) => group`. Every response must have a group, a non-empty
 * string or a finite number (`1` and `'1'` are different groups): none is dropped.
 */
export interface ResponseGrouping<R> {
  /** Also report each group's figures, e.g. `'plan'` or `(r) => r.region`. */
  readonly groupBy?: string | Accessor<R, unknown>;
}

/** How the standard error and interval of an NPS are computed. */
export type NpsMethod = 'wald' | 'adjusted-wald';

/** Options of `nps`. */
export interface NpsOptions<R> extends ResponseAccessors<R>, ResponseGrouping<R> {
  /** Confidence level of the interval, strictly between 0 and 1 (default 0.95). */
  readonly confidence?: number;
  /** `'wald'` (default) or `'adjusted-wald'` (better coverage for small samples). */
  readonly method?: NpsMethod;
}

/** The figures of one sample of answers. Ratios and interval are `null` when `n` is 0. */
export interface NpsFigures {
  /** `100 × (promoterShare - detractorShare)`, in [-100, 100]. */
  readonly score: number | null;
  /** Number of answers. */
  readonly n: number;
  /** Answers 9 and 10. */
  readonly promoters: number;
  /** Answers 7 and 8. */
  readonly passives: number;
  /** Answers 0 to 6. */
  readonly detractors: number;
  /** `promoters / n`. */
  readonly promoterShare: number | null;
  /** `passives / n`. */
  readonly passiveShare: number | null;
  /** `detractors / n`. */
  readonly detractorShare: number | null;
  /** Standard error of the score, in NPS points (with adjusted-Wald: of the adjusted score). */
  readonly standardError: number | null;
  /** `z × standardError`: half the width of the interval before clamping. */
  readonly marginOfError: number | null;
  /** Lower bound of the interval, >= -100. */
  readonly lower: number | null;
  /** Upper bound of the interval, <= 100. */
  readonly upper: number | null;
}

/** Result of `nps`. */
export interface NpsResult extends NpsFigures {
  /** The confidence level of the interval. */
  readonly confidence: number;
  /** The interval method used. */
  readonly method: NpsMethod;
}

/** The figures of one group of `nps` with `groupBy`. */
export interface NpsGroup extends NpsFigures {
  /** The group's value (a non-empty string or a finite number). */
  readonly group: Id;
}

/** Result of `nps` with `groupBy`: the overall figures, and one row per group. */
export interface GroupedNpsResult extends NpsResult {
  /** One row per group, in order of the group's first response. Their counts add up to the overall ones. */
  readonly groups: NpsGroup[];
}

/**
 * An NPS already computed: the result of `nps()` (or one of its `groups`). Only the counts
 * are read; the score and interval are recomputed from them.
 */
export interface NpsSummary {
  /** Number of responses. */
  readonly n: number;
  /** Promoters (answers 9-10). */
  readonly promoters: number;
  /** Passives (answers 7-8). */
  readonly passives: number;
  /** Detractors (answers 0-6). */
  readonly detractors: number;
  /** `promoters / n`. */
  readonly promoterShare: number | null;
  /** The method the summary was computed with; inherited when `options.method` is absent. */
  readonly method?: NpsMethod;
}

/** One side of `npsChange`: answers, or an `nps()` result. */
export type NpsSample<R> = Responses<R> | NpsSummary;

/** Options of `npsChange`. */
export interface NpsChangeOptions<R> extends ResponseAccessors<R> {
  /** Confidence level of the interval of the difference, strictly between 0 and 1 (default 0.95). */
  readonly confidence?: number;
  /** `'wald'` or `'adjusted-wald'`; default: the method of the given `nps()` results, else `'wald'`. */
  readonly method?: NpsMethod;
}

/** Result of `npsChange`. Figures are `null` when either sample has no answers. */
export interface NpsChangeResult {
  /** The score before, `null` when that sample is empty. */
  readonly before: number | null;
  /** The score after, `null` when that sample is empty. */
  readonly after: number | null;
  /** `after - before`, in NPS points, in [-200, 200]. */
  readonly difference: number | null;
  /** `√(SE_before² + SE_after²)`, in NPS points. */
  readonly standardError: number | null;
  /** Lower bound of the interval of the difference, >= -200. */
  readonly lower: number | null;
  /** Upper bound of the interval of the difference, <= 200. */
  readonly upper: number | null;
  /** Two-sided p-value of "no change". */
  readonly pValue: number | null;
  /** `pValue < 1 - confidence`. */
  readonly significant: boolean | null;
  /** Confidence level of the interval of the difference. */
  readonly confidence: number;
  /** The interval method used: `'wald'` or `'adjusted-wald'`. */
  readonly method: NpsMethod;
}

/** One row of a distribution: how many responses gave this answer. */
export interface AnswerCount {
  /** The answer, from 1 to `scale`. */
  readonly answer: number;
  /** Responses that gave this answer. */
  readonly count: number;
}

/** Options of `csat`. */
export interface CsatOptions<R> extends ResponseAccessors<R>, ResponseGrouping<R> {
  /** The highest answer: answers run from 1 to `scale` (an integer from 2 to 100; default 5). */
  readonly scale?: number;
  /**
   * The lowest answer that counts as satisfied (an integer from 1 to `scale`). Default: the
   * answers above the scale's midpoint, `⌊(scale + 1)/2⌋ + 1`: 4 on 1–5, 5 on 1–7, 6 on 1–10.
   */
  readonly satisfiedAtLeast?: number;
  /** Confidence level of the interval, strictly between 0 and 1 (default 0.95). */
  readonly confidence?: number;
}

/** The CSAT figures of a group of responses. */
export interface CsatFigures {
  /** Number of responses. */
  readonly n: number;
  /** Responses with an answer >= `satisfiedAtLeast`. */
  readonly satisfied: number;
  /** `satisfied / n` with its Wilson interval; `null` when n is 0. */
  readonly rate: Estimate | null;
  /** The mean answer, on the 1..scale scale; `null` when n is 0. */
  readonly mean: number | null;
  /** How many responses gave each answer, for every answer from 1 to `scale`. */
  readonly distribution: readonly AnswerCount[];
}

/** Result of `csat`. */
export interface CsatResult extends CsatFigures {
  /** The highest answer: answers run from 1 to `scale`. */
  readonly scale: number;
  /** The lowest answer that counts as satisfied. */
  readonly satisfiedAtLeast: number;
  /** Confidence level of the interval. */
  readonly confidence: number;
}

/** The CSAT figures of one group of `csat` with `groupBy`. */
export interface CsatGroup extends CsatFigures {
  /** The group's value (a non-empty string or a finite number). */
  readonly group: Id;
}

/** Result of `csat` with `groupBy`: the overall figures, and one row per group. */
export interface GroupedCsatResult extends CsatResult {
  /**
   * One row per group, in order of the group's first response. Their `n`, `satisfied` and
   * distributions add up to the overall figures.
   */
  readonly groups: CsatGroup[];
}

/** Options of `ces`. */
export interface CesOptions<R> extends ResponseAccessors<R>, ResponseGrouping<R> {
  /** The highest answer: answers run from 1 to `scale` (an integer from 2 to 100; default 7). */
  readonly scale?: number;
  /**
   * The lowest answer that counts as agreeing (an integer from 1 to `scale`). Default: the
   * answers above the scale's midpoint, `⌊(scale + 1)/2⌋ + 1`: 5 on 1–7, 4 on 1–5.
   */
  readonly agreeAtLeast?: number;
  /** Confidence level of both intervals, strictly between 0 and 1 (default 0.95). */
  readonly confidence?: number;
}

/** The CES figures of a group of responses. */
export interface CesFigures {
  /** Number of responses. */
  readonly n: number;
  /** The mean answer, the Customer Effort Score itself; `null` when n is 0. */
  readonly mean: number | null;
  /** The sample standard deviation (n - 1 denominator); `null` when n < 2. */
  readonly standardDeviation: number | null;
  /**
   * The mean with its Student t interval `mean ± t · sd/√n`, cut to [1, scale];
   * `null` when n < 2.
   */
  readonly interval: Estimate | null;
  /** Responses with an answer >= `agreeAtLeast`. */
  readonly agreeing: number;
  /** `agreeing / n` with its Wilson interval; `null` when n is 0. */
  readonly agreeShare: Estimate | null;
  /** How many responses gave each answer, for every answer from 1 to `scale`. */
  readonly distribution: readonly AnswerCount[];
}

/** Result of `ces`. */
export interface CesResult extends CesFigures {
  /** The highest answer: answers run from 1 to `scale`. */
  readonly scale: number;
  /** The lowest answer that counts as agreeing. */
  readonly agreeAtLeast: number;
  /** Confidence level of both intervals. */
  readonly confidence: number;
}

/** The CES figures of one group of `ces` with `groupBy`. */
export interface CesGroup extends CesFigures {
  /** The group's value (a non-empty string or a finite number). */
  readonly group: Id;
}

/** Result of `ces` with `groupBy`: the overall figures, and one row per group. */
export interface GroupedCesResult extends CesResult {
  /**
   * One row per group, in order of the group's first response. Their `n`, `agreeing` and
   * distributions add up to the overall figures.
   */
  readonly groups: CesGroup[];
}

// ---------------------------------------------------------------------------------------
// Count shares and customer lifetime value

/** Options of `countShare`. */
export interface CountShareOptions {
  /** Confidence level of the interval, strictly between 0 and 1 (default 0.95). */
  readonly confidence?: number;
}

/**
 * The data of `customerLifetimeValue`: monthly ARPA and logo churn, exactly the fields a
 * `lifetimeValueInputs` result has (pass that result as it is; its other fields are not
 * read). Both per the same period, usually a month.
 */
export interface CustomerLifetimeValueInput {
  /** Average revenue per account per period, a finite number >= 0; `null` when unknown (no account counted). */
  readonly arpa: number | null;
  /**
   * The churn rate per period, as an estimate whose `value` is a fraction from 0 to 1 (its
   * interval, when there is one, is not read); `null` when unknown (no account at risk).
   */
  readonly logoChurn: {
    /** The monthly logo churn rate, a fraction in [0, 1]; `null` when unknown. */
    readonly value: number | null;
  } | null;
}

/** Options of `customerLifetimeValue`. */
export interface CustomerLifetimeValueOptions {
  /** Gross margin as a fraction from 0 to 1 (0.8 for 80%). Required. */
  readonly grossMargin: number;
  /**
   * Lowest churn rate to assume, a number in (0, 1]: the rate used is
   * `max(churnRate, churnFloor)`, so a period without churn still gives a finite value.
   */
  readonly churnFloor?: number;
}

/** Result of `customerLifetimeValue`. */
export interface CustomerLifetimeValueResult {
  /**
   * `arpa × grossMargin / churn`, in the currency units of `arpa`; `null` when the ARPA or
   * the churn rate is unknown, or the churn used is 0 (`reason` says which).
   */
  readonly value: number | null;
  /** Why `value` is `null`, in words; `null` when there is a value. */
  readonly reason: string | null;
  /** The average revenue per account read; `null` when unknown. */
  readonly arpa: number | null;
  /** The gross margin given. */
  readonly grossMargin: number;
  /** The churn rate read (`logoChurn.value`); `null` when unknown. */
  readonly churnRate: number | null;
  /** The floor given; `null` without one. */
  readonly churnFloor: number | null;
  /** The churn rate used: `max(churnRate, churnFloor)`, or `churnRate` without a floor; `null` when the churn rate is unknown. */
  readonly effectiveChurnRate: number | null;
  /** `1 / churn`: the expected customer lifetime in periods; `null` when the churn used is 0 or unknown. */
  readonly expectedLifetime: number | null;
}

// ---------------------------------------------------------------------------------------
// Health scores

/** The default band names: red (at risk), yellow (watch), green (healthy). */
export type HealthBand = 'red' | 'yellow' | 'green';

/**
 * One band of a health score: the integers `from` to `to`, both included. A score is
 * rounded to the nearest integer (halves up) before it is banded, so `{ from: 51, to: 75 }`
 * holds the unrounded scores in [50.5, 75.5).
 */
export interface HealthBandRange<B extends string = string> {
  /** The band's name, e.g. `'yellow'`. */
  readonly name: B;
  /** First integer score of the band (the first band starts at 0). */
  readonly from: number;
  /** Last integer score of the band, included (the last band ends at 100). */
  readonly to: number;
}

/**
 * How a component's value becomes 0..100 points:
 * - `{ linear: [worst, best] }`: 0 at `worst`, 100 at `best`, a straight line between and
 *   clamped outside; `worst > best` for "lower is better" values (open tickets).
 * - `{ thresholds: [[atLeast, points], ...] }`: a step function. Entries are in strictly
 *   ascending `atLeast` order; a value gets the points of the last entry whose `atLeast` it
 *   reaches (`value >= atLeast`), and 0 points below the first entry.
 * - a function `(value) => points`, whose result must be a finite number from 0 to 100.
 */
export type HealthNormalizer =
  | {
      /** 0 points at `worst`, 100 at `best`, linear between and clamped outside. */
      readonly linear: readonly [worst: number, best: number];
    }
  | {
      /** Steps `[atLeast, points]`, `atLeast` strictly increasing: the points of the last step reached. */
      readonly thresholds: readonly (readonly [atLeast: number, points: number])[];
    }
  | ((value: number) => number);

/** One weighted component of a health score. */
export interface HealthComponent<A> {
  /** A unique, non-empty name, e.g. `'nps'`; reported in contributions and `missing`. */
  readonly name: string;
  /** Its weight, a finite number >= 0; only the ratios between weights matter. */
  readonly weight: number;
  /** Reads the raw value from an account: a finite number, or `null`/`undefined` when missing. */
  readonly value: (account: A) => number | null | undefined;
  /** Maps the raw value to 0..100 points. */
  readonly normalize: HealthNormalizer;
}

/** Direction of a score against the previous one, beyond the tolerance. */
export type HealthTrend = 'up' | 'down' | 'flat';

/** Options of `healthScore`. */
export interface HealthScoreOptions<A, B extends string = HealthBand> {
  /** The weighted components; at least one with a weight > 0, names unique. */
  readonly components: readonly HealthComponent<A>[];
  /**
   * Ordered, inclusive integer ranges tiling 0..100 (default red 0–50, yellow 51–75,
   * green 76–100); the score is rounded to the nearest integer, halves up, to be banded.
   */
  readonly bands?: readonly HealthBandRange<B>[];
  /** A change of at most this many points, either way, is `'flat'` (default 5). */
  readonly trendTolerance?: number;
}

/** What one component added to an account's score. */
export interface HealthContribution {
  /** The component's name. */
  readonly name: string;
  /** The raw value read from the account; `null` when missing. */
  readonly value: number | null;
  /** The value mapped to 0..100; `null` when missing. */
  readonly normalized: number | null;
  /**
   * The component's effective weight for this account, as a share: its weight over the
   * total weight of the present components (0 when missing). Present shares sum to 1.
   */
  readonly weight: number;
  /** `normalized × weight`: the points it adds; the points of all components sum to the score (to rounding). */
  readonly points: number;
}

/** The health of one account. */
export interface HealthScoreResult<B extends string = HealthBand> {
  /** The weighted mean of the present components' normalized values, 0..100; `null` when none with weight is present. */
  readonly score: number | null;
  /** The band of the score rounded to an integer; `null` when the score is. */
  readonly band: B | null;
  /** One entry per component, in the order of the options. */
  readonly contributions: HealthContribution[];
  /** Names of the components whose value was `null` or `undefined`, in the order of the options. */
  readonly missing: string[];
  /** The previous score compared with; `null` when none was given (or it was `null`). */
  readonly previous: number | null;
  /** `score − previous`; `null` when either is. */
  readonly change: number | null;
  /** `'up'` or `'down'` when the change exceeds the tolerance, else `'flat'`; `null` when `change` is. */
  readonly trend: HealthTrend | null;
}

/** A previous score: a number from 0 to 100, a previous result (its `score` is used), or nothing. */
export type PreviousHealthScore =
  | number
  | {
      /** The previous score, 0..100, or `null` when there was none. */
      readonly score: number | null;
    }
  | null
  | undefined;

/** Classifies one account; the optional previous score (or previous result) gives the trend. */
export type HealthScoreClassifier<A, B extends string = HealthBand> = (account: A, previous?: PreviousHealthScore) => HealthScoreResult<B>;

/** Options of `healthScores`: those of `healthScore`, plus how to read ids and previous scores. */
export interface HealthScoresOptions<A, B extends string = HealthBand> extends HealthScoreOptions<A, B> {
  /** Reads an account's id, a non-empty string or a finite number (default: `account.accountId`). */
  readonly accountId?: Accessor<A, unknown>;
  /**
   * Previous scores for the trend: a `Map` from account id to a previous score (or previous
   * result, or `null`), or a function `(account, index) => previous`. Ids are compared as
   * in a `Map`: `1` and `"1"` differ. Omitted: no trend.
   */
  readonly previous?: ReadonlyMap<Id, PreviousHealthScore> | ((account: A, index: number) => PreviousHealthScore);
}

/** One account's row of `healthScores`. */
export interface AccountHealthScore<B extends string = HealthBand> extends HealthScoreResult<B> {
  /** The account's id. */
  readonly accountId: Id;
}

/** Result of `healthScores`. */
export interface HealthScoresResult<B extends string = HealthBand> {
  /** The bands used, defaults filled in. */
  readonly bands: HealthBandRange<B>[];
  /** The trend tolerance used, in points. */
  readonly trendTolerance: number;
  /** One row per account, worst score first, `null` scores last, ties by account id. */
  readonly accounts: AccountHealthScore<B>[];
}
