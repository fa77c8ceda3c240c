import { optionsOf } from '../core/options.js';
import { readInteger } from '../core/read.js';
import { drawAccount, type CompanyTables } from './internal/company-account.js';
import { AS_OF } from './internal/company-plan.js';
import { SeededRandom } from './internal/random.js';
import type { SampleCompany, SampleOptions } from './types.js';

/** The keys of {@link SampleOptions}: any other key is an `unknown-option` error. */
const SAMPLE_OPTION_KEYS = ['seed', 'accounts'] as const satisfies readonly (keyof SampleOptions)[];

/**
 * A seeded, deterministic synthetic SaaS company for demos and experiments: accounts on
 * 14-day trials from five source campaigns (2025-05 to 2026-10), their users and product
 * events, subscriptions (monthly and annual plans) with added and cut seats, churn and
 * reactivation, and NPS answers. Every record names its account in `accountId`, the field
 * the engagement, revenue and scores functions read by default, so the tables go into them
 * as they are (`toMonthlySnapshots(company.subscriptions)`).
 *
 * Behaviour is planted so the metrics have something to find, and usage follows the
 * subscriptions:
 * - users who create three reports in their first week (the "aha") stay far longer; some
 *   campaigns bring more engaged trials; many trials never get going; engaged trials
 *   convert to paid more often. A trial that does not convert keeps a free plan whose use
 *   fades (halving every month).
 * - A paying account's usage stays near the level its trial set, unless it starts drifting
 *   away: then its users log in less month after month. The chance of churning at a
 *   renewal (monthly, or yearly for an annual plan) grows with how far usage has fallen, so
 *   churned accounts' users go quiet before the churn, and after it they hardly come back.
 *   Some churned accounts return after one to four months, with their users.
 * - Teams whose usage holds up grow: new users sign up, and at the next monthly boundary
 *   the account buys seats for them (an expansion); a team that shrank, or whose usage is
 *   low, cuts seats at a renewal (a contraction).
 * - Users take a month off now and then and come back (resurrecting users); some seats are
 *   hardly used. NPS answers are higher from aha users and from accounts whose usage holds up.
 *
 * Prices: seats × $10, $25 or $45 a month (starter, team, business); an annual plan bills
 * 12 months less 15% once a year. An account's `licenses` are the seats of its latest
 * subscription (its current seats while it pays). Events come in sessions of a few minutes.
 * The same seed always gives the same company (mulberry32 random numbers, no clock). Kept in
 * its own entry, `customer-success-metrics/sample`, out of the main bundle.
 *
 * The data ends on `asOf`, the date `'2026-10-31'` (the last day of its last month): pass it
 * as the `asOf` of any function. A date-only `asOf` means "complete through the end of that
 * local day", so October 2026 counts as a complete month and a 30-day window ending on
 * `asOf` is 2026-10-02 to 2026-10-31. Nothing in the data happens after it: events, signups
 * and answers are all before 2026-10-31T22:00Z (on or before that day in every zone from
 * UTC−12 to UTC+2), and a subscription still running then has `end: null`. In a zone east
 * of UTC+2 the last evening's events fall on November 1 there; pass `timeZone: 'UTC'` or an
 * instant `asOf` to include them.
 *
 * Cost: O(events); the default 500 accounts give about 2,200 users and 140,000 events in
 * a few hundred milliseconds.
 *
 * @throws {MetricsInputError} code `invalid-number` when `seed` is not an integer >= 0 or
 * `accounts` not an integer >= 1; `invalid-option` when either is `null` (leave it out for
 * the default); `unknown-option` for any other key (`options.sead is not an option; did you
 * mean seed?`).
 *
 * @example
 * ```ts
 * import { sampleCompany } from 'customer-success-metrics/sample';
 * const company = sampleCompany({ seed: 7, accounts: 50 });
 * company.accounts.length; // => 50
 * company.trials.length; // => 50
 * company.events.every((e, i) => i === 0 || company.events[i - 1]!.timestamp <= e.timestamp); // => true
 * sampleCompany({ seed: 7, accounts: 50 }).events.length === company.events.length; // => true
 * company.asOf; // => '2026-10-31'
 * company.subscriptions.every((s) => company.accounts.some((a) => a.accountId === s.accountId)); // => true
 * company.events.every((e) => e.timestamp < Date.parse('2026-10-31T22:00:00Z')); // => true
 * ```
 */
export function sampleCompany(options?: SampleOptions): SampleCompany {
  const { seed, accountCount } = readSampleOptions(options);
  const random = new SeededRandom(seed);
  const tables: CompanyTables = { accounts: [], users: [], events: [], trials: [], subscriptions: [], npsResponses: [] };
  let subscriptionCount = 0;
  for (let a = 0; a < accountCount; a++) subscriptionCount = drawAccount(random, a, subscriptionCount, tables);
  tables.events.sort((a, b) => a.timestamp - b.timestamp);
  tables.users.sort((a, b) => a.signedUpAt - b.signedUpAt);
  return { ...tables, asOf: AS_OF };
}

/** `{ seed? = 42, accounts? = 500 }`, checked. */
function readSampleOptions(options: SampleOptions | undefined): { seed: number; accountCount: number } {
  const opts = optionsOf(options, 'sampleCompany', SAMPLE_OPTION_KEYS);
  return {
    seed: opts.seed === undefined ? 42 : readInteger(opts.seed, 'sampleCompany', 'options.seed', 0),
    accountCount: opts.accounts === undefined ? 500 : readInteger(opts.accounts, 'sampleCompany', 'options.accounts', 1),
  };
}
