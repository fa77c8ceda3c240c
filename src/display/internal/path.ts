/**
 * SVG path data for lines, step curves and interval bands.
 * @internal
 */

/** A coordinate rounded to 0.01 px, without trailing zeros or `-0`. */
export function coord(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(rounded === 0 ? 0 : rounded);
}

/** Runs of consecutive points where `keep` holds (a `null` value breaks a line). */
export function runs<P>(points: readonly P[], keep: (point: P) => boolean): P[][] {
  const out: P[][] = [];
  let run: P[] = [];
  for (const point of points) {
    if (keep(point)) run.push(point);
    else if (run.length > 0) {
      out.push(run);
      run = [];
    }
  }
  if (run.length > 0) out.push(run);
  return out;
}

/** `M x y L x y ...` through the points of each run; a lone point is a zero-length stroke. */
export function linePath(parts: readonly (readonly (readonly [number, number])[])[]): string {
  return parts
    .map((part) => part.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${coord(x)} ${coord(y)}`).join('') + (part.length === 1 ? 'h0' : ''))
    .join('');
}

/**
 * A right-continuous step curve through each run: the value holds from a point's x to the
 * next point's x, then jumps (`M x0 y0 H x1 V y1 H x2 ...`); the last value of part `p`
 * holds to `xEnd(p)`.
 */
export function stepPath(parts: readonly (readonly (readonly [number, number])[])[], xEnd: (part: number) => number): string {
  return parts
    .map((part, p) => {
      let d = '';
      part.forEach(([x, y], i) => {
        d += i === 0 ? `M${coord(x)} ${coord(y)}` : `H${coord(x)}V${coord(y)}`;
      });
      const last = part[part.length - 1] as readonly [number, number];
      return d + `H${coord(Math.max(xEnd(p), last[0]))}`;
    })
    .join('');
}

/**
 * Closed step-shaped areas between an upper and a lower bound: along the upper steps to
 * `xEnd`, back along the lower steps, `Z`. Each part is `[x, lowerY, upperY][]`.
 */
export function stepBandPath(parts: readonly (readonly (readonly [number, number, number])[])[], xEnd: (part: number) => number): string {
  return parts
    .map((part, p) => {
      const end = Math.max(xEnd(p), (part[part.length - 1] as readonly [number, number, number])[0]);
      let d = '';
      part.forEach(([x, , upper], i) => {
        d += i === 0 ? `M${coord(x)} ${coord(upper)}` : `H${coord(x)}V${coord(upper)}`;
      });
      d += `H${coord(end)}`;
      for (let i = part.length - 1; i >= 0; i--) {
        const [x, lower] = part[i] as readonly [number, number, number];
        d += `V${coord(lower)}H${coord(x)}`;
      }
      return `${d}Z`;
    })
    .join('');
}
