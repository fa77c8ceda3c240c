/**
 * The reported range of `growthLifecycle`'s periods (the period numbering itself is the
 * one of `core/periods.ts`).
 * @internal
 */

/**
 * The reported days: `from` as given, else the first active day; `to` as given, else the
 * day of `asOf`. A given end with nothing on its other side makes a one-day range. `null`
 * when there is neither data nor a bound.
 */
export function growthRange(
  bounds: { from: number | null; to: number | null },
  firstActiveDay: number | null,
  asOfDay: number | null,
): { from: number; to: number } | null {
  let { from, to } = bounds;
  if (to === null) to = asOfDay !== null && (from === null || asOfDay >= from) ? asOfDay : from;
  if (from === null) from = firstActiveDay !== null && to !== null && firstActiveDay < to ? firstActiveDay : to;
  if (from === null || to === null) return null;
  return { from, to };
}
