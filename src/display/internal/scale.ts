/**
 * Linear and band scales, "nice" axis ticks and tick labels.
 * @internal
 */

import { dayKey, firstDayOfMonth, monthKey, monthOfDay } from '../../core/calendar.js';

/** Round ticks over a domain: what {@link niceTicks} picks, before any pixels. */
export interface Ticks {
  readonly domain: readonly [number, number];
  readonly ticks: readonly number[];
  /** Decimals that show the tick step exactly. */
  readonly decimals: number;
}

/** A linear map from a domain to a range of pixels, with its ticks. */
export interface Scale extends Ticks {
  readonly range: readonly [number, number];
  (value: number): number;
}

/**
 * A round step near `span / count`: 1, 2 or 5 times a power of ten (integers at least 1 when
 * `integer`), the next larger one while [lo, hi] would take more than `maxTicks` ticks.
 */
function niceStep(lo: number, hi: number, count: number, integer: boolean, maxTicks: number): number {
  const raw = (hi - lo) / count;
  let power = 10 ** Math.floor(Math.log10(raw));
  const error = raw / power;
  let mantissa = error >= 7.5 ? 10 : error >= 3.5 ? 5 : error >= 1.5 ? 2 : 1;
  for (;;) {
    const step = integer ? Math.max(1, Math.round(mantissa * power)) : mantissa * power;
    const ticks = Math.ceil(hi / step - 1e-9) - Math.floor(lo / step + 1e-9) + 1;
    if (ticks <= maxTicks || !Number.isFinite(step)) return step;
    if (mantissa === 1) mantissa = 2;
    else if (mantissa === 2) mantissa = 5;
    else {
      mantissa = 1;
      power *= 10;
    }
  }
}

/** How {@link niceTicks} picks its ticks. */
export interface TickPlan {
  /** About this many ticks. */
  readonly count: number;
  /** Steps of whole units (days, months, counts). */
  readonly integer?: boolean;
  /** At most this many ticks (default no limit). */
  readonly maxTicks?: number;
  /**
   * Widen the domain to whole steps (default true: a value axis, 0 to a round top);
   * false: the domain is the data's span and the ticks are the round values inside it
   * (a time axis that must not run past the data).
   */
  readonly widen?: boolean;
}

/**
 * Round ticks over [min, max]: about `count` of them, at most `maxTicks`, steps of 1, 2 or
 * 5 × 10^k (d3-scale's `nice`). The domain is widened to whole steps unless `widen` is
 * false (then the ticks are the round values inside, or both ends when fewer than two
 * are). An empty, zero-width or vanishingly narrow domain is widened to [min, min + 1].
 */
export function niceTicks(min: number, max: number, plan: TickPlan): Ticks {
  let lo = min;
  let hi = max;
  if (!(hi - lo > 1e-12 * Math.max(1, Math.abs(lo), Math.abs(hi)))) hi = lo + 1;
  const step = niceStep(lo, hi, plan.count, plan.integer ?? false, plan.maxTicks ?? Infinity);
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  let ticks: number[] = [];
  if (plan.widen ?? true) {
    lo = Math.floor(lo / step + 1e-9) * step;
    hi = Math.ceil(hi / step - 1e-9) * step;
    const n = Math.round((hi - lo) / step);
    for (let i = 0; i <= n; i++) ticks.push(Number((lo + i * step).toFixed(decimals)));
  } else {
    const last = Math.floor(hi / step + 1e-9);
    for (let k = Math.ceil(lo / step - 1e-9); k <= last; k++) ticks.push(Number((k * step).toFixed(decimals)));
    if (ticks.length < 2) ticks = [lo, hi];
  }
  return { domain: [lo, hi], ticks, decimals };
}

/** The linear scale of `ticks`' domain onto `range` (pixels; `[bottom, top]` for a y axis). */
export function linearScale(ticks: Ticks, range: readonly [number, number]): Scale {
  const [lo, hi] = ticks.domain;
  const [r0, r1] = range;
  const scale = ((value: number) => r0 + ((value - lo) / (hi - lo)) * (r1 - r0)) as Scale;
  return Object.assign(scale, { domain: ticks.domain, ticks: ticks.ticks, decimals: ticks.decimals, range });
}

/** {@link niceTicks} then {@link linearScale}. */
export function niceScale(min: number, max: number, range: readonly [number, number], plan: TickPlan): Scale {
  return linearScale(niceTicks(min, max, plan), range);
}

/** Equal bands for categories (bars): band `i` starts at `scale(i)` and is `bandwidth` wide. */
export interface BandScale {
  readonly count: number;
  readonly bandwidth: number;
  /** The step between band starts (bandwidth + gap). */
  readonly step: number;
  /** The left (or top) edge of band `i`. */
  (i: number): number;
  /** The centre of band `i`. */
  center(i: number): number;
}

/**
 * `count` bands over `range`, with `padding` (0..1, share of a step) between bands and half
 * of it at both ends, as d3's `scaleBand().padding(p)`. No bands give a zero bandwidth.
 */
export function bandScale(count: number, range: readonly [number, number], padding = 0.2): BandScale {
  const [r0, r1] = range;
  const n = Math.max(count, 1);
  const step = (r1 - r0) / (n + padding);
  const bandwidth = count === 0 ? 0 : step * (1 - padding);
  const start = r0 + step * padding;
  const scale = ((i: number) => start + i * step) as BandScale;
  return Object.assign(scale, { count, bandwidth, step, center: (i: number) => start + i * step + bandwidth / 2 });
}

/** Digits with `,` between thousands: `12345.5` with 1 decimal is `12,345.5`; never `-0`. */
export function formatNumber(value: number, decimals: number): string {
  const fixed = Math.abs(value).toFixed(decimals);
  const negative = value < 0 && Number(fixed) !== 0;
  const [whole = '0', fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** A number axis' tick labels: thousands grouped; `k`/`M` when every tick is a whole thousand (million). */
export function numberTick(ticks: Ticks): (value: number) => string {
  const big = Math.max(...ticks.ticks.map(Math.abs));
  const every = (unit: number): boolean => ticks.ticks.every((t) => Math.abs(t % unit) < 1e-9);
  if (big >= 1e6 && every(1e5)) return (t) => `${formatNumber(t / 1e6, every(1e6) ? 0 : 1)}M`;
  if (big >= 1e4 && every(1e3)) return (t) => `${formatNumber(t / 1e3, 0)}k`;
  return (t) => formatNumber(t, ticks.decimals);
}

/** A rate axis (0..1) labelled as percentages: `0.25` → `25%`, with the decimals the step needs. */
export function percentTick(ticks: Ticks): (value: number) => string {
  const decimals = Math.max(0, ticks.decimals - 2);
  return (t) => `${formatNumber(t * 100, decimals)}%`;
}

/** A rate as a percentage with `decimals` (default 0): `0.254` → `25%`. */
export function formatPercent(rate: number, decimals = 0): string {
  return `${formatNumber(rate * 100, decimals)}%`;
}

/** Ticks on a day axis (day numbers), each with its label. */
export interface DayTicks {
  readonly ticks: readonly number[];
  readonly label: (day: number) => string;
}

/**
 * Round ticks inside the days `[first, last]` (day numbers since 1970-01-01), at most
 * `maxTicks`: every 1, 2, 7 or 14 days (weeks from the first day), labelled `YYYY-MM-DD`;
 * or the first days of every 1, 2, 3, 6 or 12 months, labelled `YYYY-MM`. The axis spans
 * the data: no tick outside it.
 */
export function dayTicks(first: number, last: number, maxTicks: number): DayTicks {
  const span = last - first;
  for (const step of [1, 2, 7, 14]) {
    if (Math.floor(span / step) + 1 <= maxTicks) {
      const ticks: number[] = [];
      for (let d = first; d <= last; d += step) ticks.push(d);
      return { ticks, label: dayKey };
    }
  }
  const firstMonth = monthOfDay(first);
  const lastMonth = monthOfDay(last);
  for (const step of [1, 2, 3, 6, 12, 24, 60, 120]) {
    const ticks: number[] = [];
    for (let m = Math.ceil(firstMonth / step) * step; m <= lastMonth; m += step) {
      const day = firstDayOfMonth(m);
      if (day >= first && day <= last) ticks.push(day);
    }
    if (ticks.length <= maxTicks) return { ticks, label: (d) => monthKey(monthOfDay(d)) };
  }
  return { ticks: [first, last], label: dayKey };
}
