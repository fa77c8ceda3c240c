/**
 * The decoder side of `cohortRetentionSql`: the engine's rows (see `cohort-query.ts`) to the
 * counted cells of `cohortRetention` (its `CohortGrid`), which the retention module's own
 * table assembly (`cohortTableOfGrid`) turns into the result. O(rows + cohorts × columns).
 * @internal
 */

import { fail } from '../../core/errors.js';
import type { CohortSettings } from '../../retention/internal/cohort-options.js';
import type { CohortGrid } from '../../retention/internal/cohort-table.js';
import type { SqlRow } from '../types.js';
import { readChecks } from './checks.js';
import { idReader, numberOf, textOrNull } from './decode.js';

/** What the decoder reads from the rows: the counted cells, the latest event, the users without a start. */
export interface CohortCounts {
  /** The counted cells; `null` without memberships. */
  readonly grid: CohortGrid | null;
  /** The latest event instant counted (the default `asOf`); `null` without events. */
  readonly latest: number | null;
  readonly withoutStart: number;
}

/** Column names for messages: the events' (by alias) and the signups' (`null` without signups). */
export interface CohortColumnNames {
  readonly events: Readonly<Record<string, readonly [option: string, column: string]>>;
  readonly signups: { readonly id: string; readonly signedUpAt: string } | null;
}

/**
 * The counts of the rows. Throws as `cohortRetention` would for the bad input the checks
 * row reports (events first, then signups). A numeric name column holds no start event (an
 * event `start` is a string, and in-process `5` is not `'5'`), and signups whose id column
 * is of the other kind (number or text) than the events' meet no event: the engine compared
 * them as text, so the decoder drops what those matches counted.
 */
export function readCohortCounts(fn: string, rows: readonly SqlRow[], settings: CohortSettings, names: CohortColumnNames): CohortCounts {
  const facts = readChecks(fn, rows, names.events);
  const checks = rows.find((r) => r['part'] === 'checks') as SqlRow;
  if (names.signups !== null) readSignupChecks(fn, checks, names.signups);
  const users = numberOf(fn, checks, 'users');
  const eventKind = typeof facts.userId('0');
  const noStarts = settings.startEvent !== null && typeof facts.extraId('nm')('0') === 'number';
  const noActivity = names.signups !== null && typeof idReader(textOrNull(checks, 'sid_type'))('0') !== eventKind;
  const withoutStart = settings.start === 'first-activity' ? 0 : noStarts || noActivity ? users : users - numberOf(fn, checks, 'started');
  if (noStarts) return { grid: null, latest: facts.latest, withoutStart };

  const sizes = new Map<number, number>();
  for (const row of rows) if (row['part'] === 'size') sizes.set(numberOf(fn, row, 'cp'), numberOf(fn, row, 'n'));
  if (sizes.size === 0) return { grid: null, latest: facts.latest, withoutStart };
  let firstPeriod = Number.POSITIVE_INFINITY;
  let lastPeriod = Number.NEGATIVE_INFINITY;
  for (const p of sizes.keys()) {
    if (p < firstPeriod) firstPeriod = p;
    if (p > lastPeriod) lastPeriod = p;
  }
  const count = lastPeriod - firstPeriod + 1;
  const width = settings.lastPeriod + 2;
  const brackets = settings.brackets === null ? 0 : settings.brackets.length;
  const grid: CohortGrid = {
    firstPeriod,
    sizes: new Int32Array(count),
    cells: new Int32Array(count * width),
    width,
    bracketCells: settings.brackets === null ? null : new Int32Array(count * brackets),
  };
  for (const [p, n] of sizes) grid.sizes[p - firstPeriod] = n;
  if (noActivity) return { grid, latest: facts.latest, withoutStart };
  const columns = settings.brackets === null ? settings.lastPeriod + 1 : brackets;
  for (const row of rows) {
    if (row['part'] !== 'cell') continue;
    const r = numberOf(fn, row, 'cp') - firstPeriod;
    const k = numberOf(fn, row, 'k');
    const n = numberOf(fn, row, 'n');
    if (r < 0 || r >= count || k < 0 || k >= columns) fail(fn, 'rows', 'invalid-record', 'has a cell outside the table; pass the rows the query returned', row);
    if (grid.bracketCells !== null) grid.bracketCells[r * brackets + k] = n;
    else if (settings.mode === 'unbounded') {
      // Memberships whose last interval is k count in 0..k: a difference pair, as the in-process grid holds them.
      grid.cells[r * width] = (grid.cells[r * width] as number) + n;
      grid.cells[r * width + k + 1] = (grid.cells[r * width + k + 1] as number) - n;
    } else grid.cells[r * width + k] = n;
  }
  return { grid, latest: facts.latest, withoutStart };
}

/** Throws for a signup with a NULL (or empty) id or a NULL instant, or an id given twice, as `cohortRetention` does. */
function readSignupChecks(fn: string, checks: SqlRow, columns: { readonly id: string; readonly signedUpAt: string }): void {
  const problems: [string, string, string, string][] = [
    ['bad_suid', columns.id, 'invalid-id', 'is NULL or empty in {n} of the signups; every signup needs its user id'],
    ['bad_sms', columns.signedUpAt, 'invalid-timestamp', 'is NULL in {n} of the signups; every signup needs its instant'],
    ['dup_sid', columns.id, 'duplicate-id', 'repeats in {n} of the signups; give each user one signup'],
  ];
  for (const [column, name, code, message] of problems) {
    const bad = numberOf(fn, checks, column);
    if (bad > 0) fail(fn, `signups.${name}`, code, message.replace('{n}', `${bad} row${bad === 1 ? '' : 's'}`), null);
  }
}
