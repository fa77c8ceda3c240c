/**
 * The shapes the revenue functions pass around: monthly MRR snapshots and movements.
 * @module
 */
import type { Id } from '../core/read.js';

/** A customer's MRR in one calendar month. A customer missing from a month has MRR 0 there. */
export interface MrrSnapshot {
  /** The customer's id. */
  readonly customerId: Id;
  /** `YYYY-MM`. */
  readonly month: string;
  /** Monthly recurring revenue, >= 0, in one currency (minor or major units: the caller's choice). */
  readonly mrr: number;
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
  /** Customers with MRR > 0 at the start, new, churned, reactivated, and at the end. */
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
