/**
 * The 2×2 table of a candidate aha milestone (did it or not × retained or not) and the
 * figures `findAha` reports from it: share, retention with and without, Newcombe's
 * difference, relative lift, phi with Amplitude Compass's bands, precision and recall.
 * @internal
 */

import { newcombeInterval } from '../../stats/newcombe-interval.js';
import { wilsonInterval } from '../../stats/wilson-interval.js';
import type { AhaBand, AhaFigures, AhaTable } from '../types.js';

/**
 * Phi of `[[a, b], [c, d]]` (rows: did, did not; columns: retained, not):
 * `(a d − b c) / √((a + b)(c + d)(a + c)(b + d))`, cut to [-1, 1] against round-off;
 * `null` when a margin is 0. O(1).
 */
export function phiOf(a: number, b: number, c: number, d: number): number | null {
  const margins = (a + b) * (c + d) * (a + c) * (b + d);
  if (margins === 0) return null;
  const phi = (a * d - b * c) / Math.sqrt(a + b) / Math.sqrt(c + d) / Math.sqrt(a + c) / Math.sqrt(b + d);
  return Math.max(-1, Math.min(1, phi));
}

/** Amplitude Compass's band of |phi|: >= 0.4 highly, >= 0.3 moderately, >= 0.2 slightly predictive. */
export function bandOf(phi: number): AhaBand {
  const size = Math.abs(phi);
  if (size >= 0.4) return 'highly-predictive';
  if (size >= 0.3) return 'moderately-predictive';
  if (size >= 0.2) return 'slightly-predictive';
  return 'not-predictive';
}

/** Every figure of a table. O(1). */
export function ahaFigures(table: AhaTable, confidence: number): AhaFigures {
  const { didRetained: a, didChurned: b, didNotRetained: c, didNotChurned: d } = table;
  const did = a + b;
  const not = c + d;
  const retainedIfDid = wilsonInterval(a, did, { confidence });
  const retainedIfNot = wilsonInterval(c, not, { confidence });
  const phi = phiOf(a, b, c, d);
  return {
    users: did,
    share: wilsonInterval(did, did + not, { confidence }),
    retainedIfDid,
    retainedIfNot,
    difference: newcombeInterval({ successes: a, trials: did }, { successes: c, trials: not }, { confidence }),
    relativeLift: retainedIfDid === null || retainedIfNot === null || retainedIfNot.value === 0 ? null : retainedIfDid.value / retainedIfNot.value - 1,
    phi,
    band: phi === null ? null : bandOf(phi),
    precision: did === 0 ? null : a / did,
    recall: a + c === 0 ? null : a / (a + c),
    table,
  };
}
