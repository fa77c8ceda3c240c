/**
 * Reading a `lifecycleFunnel` result into the stages `funnelChart` and `funnelChartSpec`
 * draw, with the words of their labels: the conversion from the stage before (with its
 * interval) and the median days it took.
 * @internal
 */

import { fail } from '../../core/errors.js';
import { readAmount, readSetting, resultRows } from './result-rows.js';
import { formatNumber, formatPercent } from './scale.js';

/** One stage, checked. */
export interface FunnelStage {
  readonly name: string;
  readonly reached: number;
  /** The conversion from the stage before, or `null` (the first stage, or none reached the one before). */
  readonly conversion: { readonly value: number; readonly lower: number | null; readonly upper: number | null } | null;
  /** Median days from the stage before, or `null`. */
  readonly medianDays: number | null;
  /** `27% of previous (26–29%), median 0.3 days`, or `''` for none. */
  readonly conversionLabel: string;
}

const WHAT = 'must be a lifecycleFunnel result (an object with a stages list), passed as it is';

/** A number or `null`/absent. */
function optionalNumber(value: unknown, fn: string, path: string): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return fail(fn, path, 'invalid-number', 'must be a finite number, null or absent', value);
}

/** Days for a label: one decimal under 10, whole days above. */
function formatDays(days: number): string {
  return formatNumber(days, days < 10 ? 1 : 0);
}

/** The words of a conversion: `27% of previous (26–29%), median 0.3 days`. */
function conversionWords(conversion: FunnelStage['conversion'], medianDays: number | null): string {
  if (conversion === null) return '';
  const interval = conversion.lower !== null && conversion.upper !== null ? ` (${formatNumber(conversion.lower * 100, 0)}–${formatPercent(conversion.upper)})` : '';
  const median = medianDays === null ? '' : `, median ${formatDays(medianDays)} days`;
  return `${formatPercent(conversion.value)} of previous${interval}${median}`;
}

/**
 * The stages in order, and the defaults of the labels. Reads `stages` (each `name`,
 * `reached`, and `conversionFromPrevious` and `medianDaysFromPrevious` when present) and,
 * for the subtitle, `journeys`, `inOrder` and `asOfDate` when present. O(stages).
 */
export function readFunnel(result: unknown, fn: string): { stages: FunnelStage[]; subtitle: string } {
  const names = new Set<string>();
  const stages = resultRows(result, 'stages', fn, WHAT).map((r, i) => {
    const at = `result.stages[${i}]`;
    const name = r['name'];
    if (typeof name !== 'string' || name.length === 0) fail(fn, `${at}.name`, 'invalid-name', 'must be a non-empty string', name);
    if (names.has(name as string)) fail(fn, `${at}.name`, 'duplicate-name', 'names a stage already drawn', name);
    names.add(name as string);
    const reached = readAmount(r['reached'], fn, `${at}.reached`);
    const c = r['conversionFromPrevious'];
    let conversion: FunnelStage['conversion'] = null;
    if (c !== null && c !== undefined) {
      if (typeof c !== 'object') fail(fn, `${at}.conversionFromPrevious`, 'invalid-record', 'must be an estimate { value, lower, upper } or null', c);
      const e = c as Record<string, unknown>;
      const value = e['value'];
      if (typeof value !== 'number' || !Number.isFinite(value)) fail(fn, `${at}.conversionFromPrevious.value`, 'invalid-number', 'must be a finite number', value);
      conversion = {
        value: value as number,
        lower: optionalNumber(e['lower'], fn, `${at}.conversionFromPrevious.lower`),
        upper: optionalNumber(e['upper'], fn, `${at}.conversionFromPrevious.upper`),
      };
    }
    const medianDays = optionalNumber(r['medianDaysFromPrevious'], fn, `${at}.medianDaysFromPrevious`);
    return { name: name as string, reached, conversion, medianDays, conversionLabel: conversionWords(conversion, medianDays) };
  });
  const o = result as Record<string, unknown>;
  const journeys = o['journeys'];
  const asOfDate = readSetting(o['asOfDate'], fn, 'result.asOfDate');
  const parts: string[] = [];
  if (typeof journeys === 'number' && Number.isFinite(journeys)) parts.push(`${formatNumber(journeys, Number.isInteger(journeys) ? 0 : 2)} journeys${asOfDate === null ? '' : ` as of ${asOfDate}`}`);
  if (o['inOrder'] === true) parts.push('a stage counts once every earlier stage is reached');
  if (o['inOrder'] === false) parts.push('each stage counted on its own');
  return { stages, subtitle: parts.join('; ') };
}
