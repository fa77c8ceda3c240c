/**
 * Reading a `stickiness` result's histogram for `stickinessHistogram` and its spec.
 * @internal
 */

import { fail } from '../../core/errors.js';
import { readBoolean, readFinite, requireIterable, requireRecord } from '../../core/read.js';
import { readChartOptions } from './chart.js';
import { formatNumber, formatPercent } from './scale.js';

/** One checked bar. */
export interface StickinessBarRow {
  readonly activeDays: number;
  readonly userCount: number;
  /** `userCount` over the active users (computed when the result has none). */
  readonly share: number | null;
  /** Users active on at least `activeDays` days. */
  readonly atLeast: number;
}

/** The bars, in `activeDays` order, and the summary the subtitle prints. */
export interface StickinessData {
  readonly bars: StickinessBarRow[];
  readonly activeUsers: number;
  readonly meanDauMau: number | null;
  readonly band: string | null;
  readonly from: string | null;
  readonly to: string | null;
}

/** The histogram of a `stickiness` result (or group): bars checked, `activeDays` ascending. */
export function readStickiness(result: unknown, fn: string): StickinessData {
  if (result === null || typeof result !== 'object' || !('histogram' in result)) {
    return fail(fn, 'result', 'invalid-input', 'must be a stickiness result { histogram: [{ activeDays, userCount }] }', result);
  }
  const r = result as Record<string, unknown>;
  const raw: { activeDays: number; userCount: number }[] = [];
  let j = 0;
  for (const entry of requireIterable<unknown>(r['histogram'], fn, 'result.histogram')) {
    requireRecord(entry, fn, 'result.histogram', j);
    const b = entry as Record<string, unknown>;
    const at = `result.histogram[${j}]`;
    const activeDays = readFinite(b['activeDays'], fn, `${at}.activeDays`);
    const userCount = readFinite(b['userCount'], fn, `${at}.userCount`);
    if (!Number.isInteger(activeDays) || activeDays < 1) fail(fn, `${at}.activeDays`, 'invalid-number', 'must be a whole number of days >= 1', activeDays);
    if (userCount < 0) fail(fn, `${at}.userCount`, 'invalid-number', 'must be >= 0', userCount);
    const before = raw[raw.length - 1];
    if (before !== undefined && activeDays <= before.activeDays) fail(fn, `${at}.activeDays`, 'invalid-order', 'must be more than the bar before it', activeDays);
    raw.push({ activeDays, userCount });
    j++;
  }
  const total = raw.reduce((sum, b) => sum + b.userCount, 0);
  let atLeast = total;
  const bars = raw.map((b) => {
    const row = { ...b, share: total === 0 ? null : b.userCount / total, atLeast };
    atLeast -= b.userCount;
    return row;
  });
  const text = (key: string): string | null => (typeof r[key] === 'string' ? (r[key] as string) : null);
  const mean = r['meanDauMau'];
  return { bars, activeUsers: total, meanDauMau: typeof mean === 'number' && Number.isFinite(mean) ? mean : null, band: text('band'), from: text('from'), to: text('to') };
}

/** The default title, subtitle and labels. */
export function stickinessDefaults(data: StickinessData, share: boolean): { title: string; subtitle: string; xLabel: string; yLabel: string } {
  const days = data.bars.length;
  const parts: string[] = [];
  if (data.from !== null && data.to !== null) parts.push(`${data.from} to ${data.to}`);
  parts.push(`${formatNumber(data.activeUsers, 0)} active users`);
  if (data.meanDauMau !== null) parts.push(`mean DAU/MAU ${formatPercent(data.meanDauMau)}${data.band !== null ? ` (${data.band})` : ''}`);
  return {
    title: 'Stickiness: days active per user',
    subtitle: parts.join('; '),
    xLabel: days > 0 ? `days active (of ${days})` : 'days active',
    yLabel: share ? 'share of active users (%)' : 'users',
  };
}

/** `options.share` (default false), read after the options are checked, before the labels (its default y label depends on it). */
export function readShare(options: unknown, fn: string): boolean {
  const { extra } = readChartOptions(options, fn, {}, ['share']);
  return extra.share === undefined ? false : readBoolean(extra.share, fn, 'options.share');
}
