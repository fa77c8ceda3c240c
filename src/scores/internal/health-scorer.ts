/**
 * Scoring one account against checked health-score options: shared by `healthScore` (one
 * account at a time) and `healthScores` (many accounts, sorted).
 * @internal
 */

import { MetricsInputError, describeValue, fail } from '../../core/errors.js';
import { optionsOf } from '../../core/options.js';
import { readNonNegative } from '../../core/read.js';
import { CompensatedSummer } from '../../stats/compensated-sum.js';
import type { HealthBandRange, HealthContribution, HealthScoreOptions, HealthScoreResult } from '../types.js';
import { healthBandOf, readHealthBands } from './health-bands.js';
import { readHealthComponents, type ResolvedHealthComponent } from './health-components.js';

/** The keys of {@link HealthScoreOptions}: any other key is an `unknown-option` error. */
export const HEALTH_SCORE_OPTION_KEYS = ['components', 'bands', 'trendTolerance'] as const satisfies readonly (keyof HealthScoreOptions<unknown>)[];

/** Checked options. */
export interface ResolvedHealthScore<A, B extends string> {
  readonly components: readonly ResolvedHealthComponent<A>[];
  readonly bands: HealthBandRange<B>[];
  readonly trendTolerance: number;
}

/**
 * Reads and checks `{ components, bands?, trendTolerance? }` once, copying what it keeps.
 * `keys` are the caller's option keys (`healthScores` adds its own): any other key throws
 * `unknown-option`, and `null` for an optional key throws `invalid-option` (a `null`
 * `components` gets the components' own error, since it has no default).
 */
export function readHealthScoreOptions<A, B extends string>(options: unknown, fn: string, keys: readonly string[]): ResolvedHealthScore<A, B> {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    return fail(fn, 'options', 'invalid-option', 'must be an object { components, bands?, trendTolerance? }', options);
  }
  if ((options as { components?: unknown }).components === null) readHealthComponents(null, fn, 'options.components');
  const given = optionsOf(options as { components?: unknown; bands?: unknown; trendTolerance?: unknown }, fn, keys);
  const components = readHealthComponents<A>(given.components, fn, 'options.components');
  const bands = readHealthBands<B>(given.bands, fn, 'options.bands');
  const trendTolerance = given.trendTolerance === undefined ? 5 : readNonNegative(given.trendTolerance, fn, 'options.trendTolerance');
  return { components, bands, trendTolerance };
}

/**
 * A previous score: `null`/`undefined` give `null`; a number or a result's `score` must be in
 * [0, 100]. Errors have the path `path`; their message names `label` (default `path`), which
 * may add the account's id: `options.previous(accounts[3] (accountId "acme"))`.
 */
export function readPreviousScore(value: unknown, fn: string, path: string, label = path): number | null {
  if (value === undefined || value === null) return null;
  const failPrevious = (suffix: string, problem: string, bad: unknown): never => {
    throw new MetricsInputError(`${fn}: ${label}${suffix} ${problem} (${describeValue(bad)})`, 'invalid-number', `${path}${suffix}`, bad);
  };
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0 && value <= 100) return value;
    return failPrevious('', 'must be a score from 0 to 100, a previous result or null', value);
  }
  if (typeof value === 'object' && !Array.isArray(value) && 'score' in value) {
    const score = (value as { score: unknown }).score;
    if (score === null) return null;
    if (typeof score === 'number' && Number.isFinite(score) && score >= 0 && score <= 100) return score;
    return failPrevious('.score', 'must be a score from 0 to 100 or null', score);
  }
  return failPrevious('', 'must be a score from 0 to 100, a previous result or null', value);
}

/** Slack for floating-point noise when a change is compared with the tolerance. */
const TREND_SLACK = 1e-9;

/**
 * Where an account sits, for errors: `path` prefixes the error's path (`'account'`,
 * `'accounts[3]'`), `label` its message, with the account's id where it has one
 * (`'accounts[3] (accountId "acme")'`).
 */
export interface AccountAt {
  readonly path: string;
  readonly label: string;
}

/** Throws for a component value that is neither a finite number nor missing. A cold path. */
function failValue(fn: string, at: AccountAt, field: string, value: unknown): never {
  const problem = 'must be a finite number, null or undefined';
  throw new MetricsInputError(`${fn}: ${at.label}${field} ${problem} (${describeValue(value)})`, 'invalid-number', `${at.path}${field}`, value);
}

/**
 * Scores one account found at `at` (for the errors about its values). O(components +
 * bands), one small array per component list.
 */
export function scoreHealth<A, B extends string>(
  resolved: ResolvedHealthScore<A, B>,
  account: A,
  previous: number | null,
  fn: string,
  at: AccountAt,
): HealthScoreResult<B> {
  const { components } = resolved;
  const values: (number | null)[] = [];
  const normalized: (number | null)[] = [];
  const presentWeight = new CompensatedSummer();
  const missing: string[] = [];
  for (const component of components) {
    const value = component.value(account);
    if (value === null || value === undefined) {
      values.push(null);
      normalized.push(null);
      missing.push(component.name);
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) failValue(fn, at, component.field, value);
    const points = component.normalize(value);
    if (component.custom && (typeof points !== 'number' || !Number.isFinite(points) || points < 0 || points > 100)) {
      const path = `options.components[${component.index}].normalize`;
      throw new MetricsInputError(
        `${fn}: ${path} must return a finite number from 0 to 100 (returned ${describeValue(points)} for ${at.label}${component.field} = ${value})`,
        'invalid-normalized',
        path,
        points,
      );
    }
    // `+ 0` turns -0 into 0, so results survive a JSON round trip unchanged.
    values.push(value + 0);
    normalized.push(points + 0);
    presentWeight.add(component.weight);
  }

  const total = presentWeight.value;
  const contributions: HealthContribution[] = [];
  const sum = new CompensatedSummer();
  const weighted = new CompensatedSummer();
  for (let i = 0; i < components.length; i++) {
    const component = components[i] as ResolvedHealthComponent<A>;
    const norm = normalized[i] as number | null;
    const share = norm === null || total === 0 ? 0 : component.weight / total;
    const points = norm === null ? 0 : norm * share + 0;
    sum.add(points);
    if (norm !== null) weighted.add(component.weight * norm);
    contributions.push({ name: component.name, value: values[i] as number | null, normalized: norm, weight: share, points });
  }

  // The score is Σ w·normalized / Σ w, divided once at the end, so that equal normalized
  // values give exactly that value (100 and 100 at weights 2 and 1 give 100, where the
  // rounded shares 2/3 and 1/3 would give 99.99999999999999); the sum of the points is
  // the fallback when Σ w·normalized overflows. Clamped to [0, 100] against rounding.
  const mean = Number.isFinite(weighted.value) ? weighted.value / total : sum.value;
  const score = total === 0 ? null : Math.min(100, Math.max(0, mean + 0));
  const change = score === null || previous === null ? null : score - previous;
  const tolerance = resolved.trendTolerance + TREND_SLACK;
  return {
    score,
    band: score === null ? null : healthBandOf(score, resolved.bands),
    contributions,
    missing,
    previous,
    change,
    trend: change === null ? null : change > tolerance ? 'up' : change < -tolerance ? 'down' : 'flat',
  };
}
