/**
 * `npm run bench`: every benchmark, printed as Markdown tables (copy them to bench/RESULTS.md).
 * Not part of `npm test`; timings are measured, never asserted.
 * `BENCH_SIZES=1e6 npm run bench` runs the activeUsers comparison on 1M events only.
 */
import { ACTIVE_USERS_HEADER, benchActiveUsers } from './active-users.js';
import { COHORT_RETENTION_HEADER, benchCohortRetention } from './cohort-retention.js';
import { KAPLAN_MEIER_HEADER, benchKaplanMeier } from './kaplan-meier.js';
import { LIFECYCLE_HEADER, benchLifecycle } from './lifecycle.js';
import { REVENUE_HEADER, benchRevenue } from './revenue.js';
import { markdownTable } from './table.js';
import { benchTimeZone } from './time-zone.js';
import { WORKERS_HEADER, benchWorkers } from './workers.js';

console.log(`Node ${process.version}, ${process.arch}, seeded data\n`);
console.log('## Instants to local days (10M timestamps in 2024)\n');
console.log(markdownTable(['conversion', 'timestamps', 'ms', 'M/s'], benchTimeZone()));

console.log('\n## activeUsers vs DuckDB\n');
const activeUsersBench = await benchActiveUsers();
console.log(markdownTable(ACTIVE_USERS_HEADER, activeUsersBench.rows));
console.log(`\n${activeUsersBench.notes.join('\n\n')}`);

console.log('\n## activeUsers over two worker threads (10M events, 500k users)\n');
const workersBench = await benchWorkers();
console.log(markdownTable(WORKERS_HEADER, workersBench.rows));
console.log(`\n${workersBench.notes.join('\n\n')}`);

console.log('\n## cohortRetention vs DuckDB (weekly cohorts × 13 weekly intervals, n-day)\n');
const cohortBench = await benchCohortRetention();
console.log(markdownTable(COHORT_RETENTION_HEADER, cohortBench.rows));
console.log(`\n${cohortBench.notes.join('\n\n')}`);

console.log('\n## Lifecycle: journeys, five-stage classification, growthLifecycle (20M events, 1M users)\n');
const lifecycleBench = await benchLifecycle();
console.log(markdownTable(LIFECYCLE_HEADER, lifecycleBench.rows));
console.log(`\n${lifecycleBench.notes.join('\n\n')}`);

console.log('\n## MRR movements (100k customers × 36 months)\n');
console.log(markdownTable(REVENUE_HEADER, await benchRevenue()));

console.log('\n## kaplanMeier (1M subjects)\n');
console.log(markdownTable(KAPLAN_MEIER_HEADER, await benchKaplanMeier()));
