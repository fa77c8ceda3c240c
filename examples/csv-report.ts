/**
 * An active-users report from a CSV export: `npx tsx examples/csv-report.ts [file.csv]`.
 *
 * Reads examples/data/events.csv (columns userId,accountId,name,timestamp; ISO timestamps
 * in UTC), parses it with a few lines of code (no CSV library: the export has no quoted
 * fields) and prints DAU, WAU, MAU and DAU/MAU for the last day, then the active users of
 * each calendar week (Monday to Sunday, UTC).
 *
 * Checked by `npm run check` (scripts/smoke/examples.mjs) against the packed package.
 */
import { readFileSync } from 'node:fs';
import { activeUsers, activeUsersByPeriod } from 'customer-success-metrics/engagement';

interface EventRow {
  userId: string;
  accountId: string;
  name: string;
  timestamp: string;
}

/** Parses a header line and comma-separated rows without quoting into records. */
function parseCsv(text: string): EventRow[] {
  const [header = '', ...lines] = text.trim().split(/\r?\n/);
  const columns = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? ''])) as unknown as EventRow;
  });
}

const file = process.argv[2] ?? new URL('./data/events.csv', import.meta.url);
const events = parseCsv(readFileSync(file, 'utf8'));

// The last day of the data is "today" (the library never reads the clock).
const { days, timeZone } = activeUsers(events);
const last = days.at(-1);
if (last === undefined) throw new Error('no events in the file');
console.log(`${events.length} events, ${new Set(events.map((e) => e.userId)).size} users, ${days[0]?.date} to ${last.date} (${timeZone})`);
console.log(`\nLast day ${last.date}`);
console.log(`  DAU      ${last.dau}`);
console.log(`  WAU      ${last.wau}   (7 days ending on it)`);
console.log(`  MAU      ${last.mau}   (30 days ending on it)`);
console.log(`  DAU/MAU  ${last.dauMau === null ? '-' : last.dauMau.toFixed(3)}`);

console.log('\nWeekly active users (weeks start on Monday)');
for (const week of activeUsersByPeriod(events, { period: 'week' }).periods) {
  console.log(`  ${week.period}  ${String(week.activeUsers).padStart(3)}${week.complete ? '' : '  (partial week)'}`);
}
