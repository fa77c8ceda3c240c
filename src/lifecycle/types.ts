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
 * One user's (or account's) journey: its start (signup), its events in time order (ties
 * keep input order) and the time zone of its calendar.
 */
export interface Journey<R = unknown> {
  /** The user id (or account id when journeys are built per account). */
  readonly id: Id;
  /** Signup instant, epoch ms: from the signups table, else the first event. */
  readonly start: number;
  /** Events sorted by timestamp. */
  readonly events: readonly JourneyEvent<R>[];
  /**
   * IANA time zone of the journey's calendar (`journeys` sets the `timeZone` it was given,
   * `'UTC'` by default; a journey without one is in UTC). Calendar milestones without a zone
   * of their own (`activeDays`, `recurring`) count its local days, and the functions that
   * read journeys (`lifecycle`, `lifecycleFunnel`, `timeToValue`, `conversion`,
   * `compareConversion`) work in it unless given their own `timeZone`, which they then
   * hand to the milestones instead.
   */
  readonly timeZone?: string;
}

/**
 * A milestone answers when a journey first reached it: the epoch-ms instant, or `null`
 * when it has not. Milestones are plain functions, so they compose: `allOf`, `anyOf`,
 * `not`, `where` take milestones and return milestones. A milestone that counts calendar
 * days uses its own `timeZone` when given one, else the journey's `timeZone` (UTC when the
 * journey has none).
 */
export type Milestone<R = unknown> = (journey: Journey<R>) => number | null;
