/**
 * What a lifecycle classifier keeps for `lifecycleFunnel`: its stages, `inOrder`, its own
 * zone (or none: each journey's) and its `asOf` as given, so the funnel can read that
 * `asOf` in the zone it works in. Stored under a symbol, out of the public shape.
 * @internal
 */

import type { AsOfOption } from '../../core/journey-zone.js';
import type { ZoneCalendar } from '../../core/time-zone.js';
import type { StagePlan } from './stage-plan.js';

/** The key of a classifier's settings. */
export const CLASSIFIER_SETTINGS: unique symbol = Symbol('lifecycle classifier settings');

/** The settings of a classifier made by `lifecycle`. */
export interface ClassifierSettings<R = unknown> {
  readonly plan: StagePlan<R>;
  readonly inOrder: boolean;
  /** The classifier's own zone; `null` when it reads each journey in the journey's zone. */
  readonly zone: ZoneCalendar | null;
  readonly asOf: AsOfOption;
}

/** The settings of `value` when it is a classifier made by `lifecycle`, else `null`. */
export function classifierSettingsOf<R>(value: unknown): ClassifierSettings<R> | null {
  if (typeof value !== 'function') return null;
  const settings = (value as unknown as { [CLASSIFIER_SETTINGS]?: ClassifierSettings<R> })[CLASSIFIER_SETTINGS];
  return settings ?? null;
}
