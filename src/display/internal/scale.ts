/**
 * Linear scales and "nice" axis ticks.
 * @internal
 */

/** A linear map from a domain to a range of pixels. */
export interface Scale {
  readonly domain: readonly [number, number];
  readonly ticks: readonly number[];
  /** Decimals that show the tick step exactly. */
  readonly decimals: number;
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

/** How {@link niceScale} picks its ticks. */
export interface TickPlan {
  /** About this many ticks. */
  readonly count: number;
  /** Steps of whole units (days, months). */
  readonly integer?: boolean;
  /** At most this many ticks (default no limit). */
  readonly maxTicks?: number;
  /** Widen the domain to whole steps (default true); otherwise ticks fall inside the data's span. */
  readonly widen?: boolean;
}

/**
 * A scale over [min, max] with about `count` round ticks, at most `maxTicks`; the domain is
 * widened to whole steps unless `widen` is false (then the ticks are the round values
 * inside, or both ends when fewer than two are). An empty, zero-width or vanishingly narrow
 * domain is widened to [min, min + 1]. Tick labels use `decimals` fixed decimals (`0.0, 0.2`).
 */
export function niceScale(min: number, max: number, range: readonly [number, number], plan: TickPlan): Scale {
  let lo = min;
  let hi = max;
  // A domain narrower than floating point can tick (or empty) is widened to one unit.
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
  const [r0, r1] = range;
  const scale = ((value: number) => r0 + ((value - lo) / (hi - lo)) * (r1 - r0)) as Scale;
  return Object.assign(scale, { domain: [lo, hi] as const, ticks, decimals });
}
