/**
 * The columns of the active-user builders (`activeUsersSql`, `activeUsersByPeriodSql`,
 * `stickinessSql`): the user id, the timestamp and, with `groupBy`, the group, quoted for
 * the scan, with the option and column names the checks row reports; and the union part
 * that orders the groups.
 * @internal
 */

import type { Dialect } from './dialect.js';
import type { ScanColumns } from './event-scan.js';
import { readColumn } from './source.js';

/** What an active-user builder reads. */
export interface ActivityColumns {
  readonly grouped: boolean;
  readonly scan: ScanColumns;
  /** Check alias to [option, column], for `readChecks`. */
  readonly names: Readonly<Record<string, readonly [option: string, column: string]>>;
}

/** Reads `userId`, `timestamp` and `groupBy` (column names; defaults the in-process field names). */
export function activityColumns(fn: string, d: Dialect, opts: { readonly userId?: unknown; readonly timestamp?: unknown; readonly groupBy?: unknown }): ActivityColumns {
  const grouped = opts.groupBy !== undefined;
  const scan = {
    user: readColumn(fn, d, opts.userId, 'userId', 'userId'),
    time: readColumn(fn, d, opts.timestamp, 'timestamp', 'timestamp'),
    extra: grouped ? { grp: readColumn(fn, d, opts.groupBy, 'groupBy', '') } : {},
  };
  const names: Record<string, readonly [string, string]> = { uid: ['userId', String(opts.userId ?? 'userId')], ms: ['timestamp', String(opts.timestamp ?? 'timestamp')] };
  if (grouped) names['grp'] = ['groupBy', String(opts.groupBy)];
  return { grouped, scan, names };
}

/**
 * The union part giving each group's first event instant (column `first_ms`), over every
 * valid event whether or not it is after `asOf`: as in-process, a group whose events all
 * come after `asOf` is listed, with zero counts.
 */
export function firstEventPart(d: Dialect): { select: Record<string, string>; from: string } {
  return { select: { part: "'first'", grp: 'grp', first_ms: d.extreme('min', 'ms') }, from: 'FROM raw WHERE uid IS NOT NULL AND ms IS NOT NULL AND grp IS NOT NULL GROUP BY grp' };
}
