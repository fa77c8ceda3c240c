/**
 * `npm run bench`: every benchmark, printed as Markdown tables (copy them to bench/RESULTS.md).
 * Not part of `npm test`; timings are measured, never asserted.
 * `BENCH_SIZES=1e6 npm run bench` runs the activeUsers comparison on 1M events only.
 * `BENCH_SECTIONS=sql npm run bench` runs only the named sections (comma-separated: time-zone,
 * active-users, workers, cohort-retention, lifecycle, revenue, kaplan-meier, sql); default all.
 */
import { ACTIVE_USERS_HEADER, benchActiveUsers } from './active-users.js';
import { COHORT_RETENTION_HEADER, benchCohortRetention } from './cohort-retention.js';
import { KAPLAN_MEIER_HEADER, benchKaplanMeier } from './kaplan-meier.js';
import { LIFECYCLE_HEADER, benchLifecycle } from './lifecycle.js';
import { REVENUE_HEADER, benchRevenue } from './revenue.js';
import { SQL_HEADER, benchSql } from './sql.js';
import { markdownTable } from './table.js';
import { benchTimeZone } from './time-zone.js';
import { WORKERS_HEADER, benchWorkers } from './workers.js';

const SECTIONS = ['time-zone', 'active-users', 'workers', 'cohort-retention', 'lifecycle', 'revenue', 'kaplan-meier', 'sql'] as const;
const chosen = (process.env['BENCH_SECTIONS'] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
for (const name of chosen) if (!(SECTIONS as readonly string[]).includes(name)) throw new Error(`BENCH_SECTIONS: no section ${name} (the sections are ${SECTIONS.join(', ')})`);
const runs = (section: (typeof SECTIONS)[number]): boolean => chosen.length === 0 || chosen.includes(section);

console.log(`Node ${process.version}, ${process.arch}, seeded data\n`);
if (runs('time-zone')) {
  console.log('## Instants to local days (10M timestamps in 2024)\n');
  console.log(markdownTable(['conversion', 'timestamps', 'ms', 'M/s'], benchTimeZone()));
}

if (runs('active-users')) {
  console.log('\n## activeUsers vs DuckDB\n');
  const activeUsersBench = await benchActiveUsers();
  console.log(markdownTable(ACTIVE_USERS_HEADER, activeUsersBench.rows));
  console.log(`\n${activeUsersBench.notes.join('\n\n')}`);
}

if (runs('workers')) {
  console.log('\n## activeUsers over two worker threads (10M events, 500k users)\n');
  const workersBench = await benchWorkers();
  console.log(markdownTable(WORKERS_HEADER, workersBench.rows));
  console.log(`\n${workersBench.notes.join('\n\n')}`);
}

if (runs('cohort-retention')) {
  console.log('\n## cohortRetention vs DuckDB (weekly cohorts × 13 weekly intervals, n-day)\n');
  const cohortBench = await benchCohortRetention();
  console.log(markdownTable(COHORT_RETENTION_HEADER, cohortBench.rows));
  console.log(`\n${cohortBench.notes.join('\n\n')}`);
}

if (runs('lifecycle')) {
  console.log('\n## Lifecycle: journeys, five-stage classification, growthLifecycle (20M events, 1M users)\n');
  const lifecycleBench = await benchLifecycle();
  console.log(markdownTable(LIFECYCLE_HEADER, lifecycleBench.rows));
  console.log(`\n${lifecycleBench.notes.join('\n\n')}`);
}

if (runs('revenue')) {
  console.log('\n## MRR movements (100k customers × 36 months)\n');
  console.log(markdownTable(REVENUE_HEADER, await benchRevenue()));
}

if (runs('kaplan-meier')) {
  console.log('\n## kaplanMeier (1M subjects)\n');
  console.log(markdownTable(KAPLAN_MEIER_HEADER, await benchKaplanMeier()));
}

if (runs('sql')) {
  console.log('\n## Warehouse SQL: generated vs hand-tuned DuckDB (10M events)\n');
  const sqlBench = await benchSql();
  console.log(markdownTable(SQL_HEADER, sqlBench.rows));
  console.log(`\n${sqlBench.notes.join('\n\n')}`);
}
