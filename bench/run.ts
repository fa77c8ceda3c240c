/**
 * `npm run bench`: every benchmark, printed as Markdown tables (copy them to bench/RESULTS.md).
 * Not part of `npm test`; timings are measured, never asserted.
 */
import { markdownTable } from './table.js';
import { benchTimeZone } from './time-zone.js';

console.log(`Node ${process.version}, ${process.arch}, seeded data\n`);
console.log('## Instants to local days (10M timestamps in 2024)\n');
console.log(markdownTable(['conversion', 'timestamps', 'ms', 'M/s'], benchTimeZone()));
