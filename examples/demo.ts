/**
 * `npm run demo`: a customer-success report for the bundled sample company.
 * Each module adds its section as it lands.
 */
import { sampleCompany } from './sample/sample-company.js';

const started = Date.now();
process.stdout.write('Generating the sample company (seed 42)...');
const company = sampleCompany({ seed: 42 });
process.stdout.write(` done in ${Date.now() - started} ms\n\n`);

const days = new Set(company.events.map((e) => new Date(e.timestamp).toISOString().slice(0, 10)));
console.log('# Customer-success report: sample company');
console.log('');
console.log(`Data: ${company.accounts.length} accounts, ${company.users.length} users, ${company.events.length.toLocaleString('en-US')} events on ${days.size} days`);
console.log(`      ${company.trials.length} trials, ${company.subscriptions.length} subscription periods, ${company.npsResponses.length} NPS answers`);
console.log(`As of ${new Date(company.asOf).toISOString()}`);
