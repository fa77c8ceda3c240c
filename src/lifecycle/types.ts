/**
 * The shapes the lifecycle module passes around: journeys and milestones.
 * @module
 */
import type { Id } from '../core/read.js';

/** One event of a journey. */
export interface JourneyEvent<R = unknown> {
  /** The event name (from the `name` field or accessor). */
  readonly name: string;
  /** Epoch milliseconds. */
  readonly timestamp: number;
  /** The original record, for `where` filters on its properties. */
  readonly record: R;
}

/**
 * One user's (or account's) journey: its start (signup) and its events in time order
 * (ties keep input order).
 */
export interface Journey<R = unknown> {
  /** The user id (or account id when journeys are built per account). */
  readonly id: Id;
  /** Signup instant, epoch ms: from the signups table, else the first event. */
  readonly start: number;
  /** Events sorted by timestamp. */
  readonly events: readonly JourneyEvent<R>[];
}

/**
 * A milestone answers when a journey first reached it: the epoch-ms instant, or `null`
 * when it has not. Milestones are plain functions, so they compose: `allOf`, `anyOf`,
 * `recurring`, `not`, `where` take milestones and return milestones.
 */
export type Milestone<R = unknown> = (journey: Journey<R>) => number | null;
