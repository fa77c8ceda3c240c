import { optionsOf } from '../core/options.js';
import { readInteger } from '../core/read.js';
import { SeededRandom } from './internal/random.js';

/** An account of the sample company. */
export interface SampleAccount {
  /** The account's id. */
  accountId: string;
  /** The account's display name. */
  name: string;
  /** The account's plan. */
  plan: 'starter' | 'team' | 'business';
  /** Licenses (seats) the account pays for. */
  licenses: number;
  /** The campaign the account came from. */
  sourceCampaign: string;
  /** Trial start, epoch ms (UTC midnight). */
  trialStart: number;
}

/** A user of the sample company. */
export interface SampleUser {
  /** The user's id. */
  userId: string;
  /** The id of the user's account. */
  accountId: string;
  /** Signup, epoch ms. */
  signedUpAt: number;
}

/** A product event of the sample company. */
export interface SampleEvent {
  /** The id of the user who triggered the event. */
  userId: string;
  /** The id of the user's account. */
  accountId: string;
  /** The event's name. */
  name: string;
  /** Epoch ms. */
  timestamp: number;
}

/** A trial of the sample company. */
export interface SampleTrial {
  /** The account's id. */
  accountId: string;
  /** Trial start, epoch ms (UTC midnight). */
  trialStart: number;
  /** The campaign the account came from. */
  sourceCampaign: string;
}

/** A subscription period of the sample company. */
export interface SampleSubscription {
  /** The subscription's id. */
  subscriptionId: string;
  /** The id of the subscribing account. */
  customerId: string;
  /** `YYYY-MM-DD`, inclusive. */
  start: string;
  /**
   * `YYYY-MM-DD`, exclusive, at most `asOf` (2026-10-31); `null` while the subscription is
   * still active at the end of the data, whatever would have happened later.
   */
  end: string | null;
  /** Price per `interval`, in `currency`. */
  amount: number;
  /** Billing interval. */
  interval: 'month' | 'year';
  /** The currency of `amount`. */
  currency: 'USD';
}

/** An NPS answer of the sample company. */
export interface SampleNpsResponse {
  /** The id of the respondent's account. */
  accountId: string;
  /** The respondent's user id. */
  userId: string;
  /** When the response was given, epoch ms. */
  answeredAt: number;
  /** The NPS answer, 0 to 10. */
  score: number;
}

/** Everything the sample company generates. */
export interface SampleCompany {
  /** Every account. */
  accounts: SampleAccount[];
  /** Every user. */
  users: SampleUser[];
  /** Every event. */
  events: SampleEvent[];
  /** One trial per account. */
  trials: SampleTrial[];
  /** Every subscription. */
  subscriptions: SampleSubscription[];
  /** Every NPS response. */
  npsResponses: SampleNpsResponse[];
  /**
   * The last day of the data, `'2026-10-31'`: pass it as `asOf`. A date-only `asOf` means
   * the data is complete through the end of that local day, so October 2026 is a complete
   * month and the 30-day window ending on `asOf` is 2026-10-02 to 2026-10-31. Every event,
   * signup and answer is at or before 2026-10-31T21:59:59.999Z, so it falls on or before
   * that day in UTC and in every zone from UTC−12 to UTC+2 (the Americas, Europe, Africa).
   */
  asOf: string;
}

/** Options of {@link sampleCompany}. */
export interface SampleOptions {
  /** Seed of the generator; the same seed gives the same company. Default 42. */
  seed?: number;
  /** Number of accounts. Default 500. */
  accounts?: number;
}

/** The keys of {@link SampleOptions}: any other key is an `unknown-option` error. */
const SAMPLE_OPTION_KEYS = ['seed', 'accounts'] as const;

const DAY = 86_400_000;
const START = Date.UTC(2025, 4, 1); // 2025-05-01
const END = Date.UTC(2026, 10, 1); // 2026-11-01 (exclusive): 18 months
/** The last day of the data, the `asOf` of the company. */
const AS_OF = '2026-10-31';
/**
 * No timestamp at or after this instant: 2026-10-31T22:00Z is midnight in UTC+2, so every
 * event lies on or before 2026-10-31 in every zone from UTC−12 to UTC+2. (Sessions start by
 * 21:01 UTC; with the default seed no event is that late, so the cut changes nothing there.)
 */
const LAST_EVENT_BEFORE = Date.UTC(2026, 9, 31, 22);
const CAMPAIGNS: { name: string; quality: number }[] = [
  { name: 'organic', quality: 0.75 },
  { name: 'google-ads', quality: 0.45 },
  { name: 'linkedin', quality: 0.55 },
  { name: 'partner', quality: 0.85 },
  { name: 'webinar', quality: 0.65 },
];
const PLANS = [
  { plan: 'starter', seatPrice: 10 },
  { plan: 'team', seatPrice: 25 },
  { plan: 'business', seatPrice: 45 },
] as const;
const NAMES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne', 'Wonka', 'Tyrell', 'Cyberdyne', 'Soylent'];

function isoDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

function addMonths(t: number, months: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate());
}

/**
 * A seeded, deterministic synthetic SaaS company for demos and experiments: accounts on
 * 14-day trials from five source campaigns (2025-05 to 2026-10), their users and product
 * events, subscriptions (monthly and annual plans) with upgrades, downgrades, churn and
 * reactivation, and NPS answers.
 *
 * Behaviour is planted so the metrics have something to find: users who create three
 * reports in their first week (the "aha") churn far less often; some campaigns bring
 * more engaged trials; many trials never get going; engaged trials convert to paid more
 * often. Events come in sessions of a few minutes. The same seed always gives the same
 * company (mulberry32 random numbers, no clock). Kept in its own entry,
 * `customer-success-metrics/sample`, out of the main bundle.
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
 * Cost: O(events); the default 500 accounts give about 2,000 users and 150,000 events in
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
 * company.events.every((e) => e.timestamp < Date.parse('2026-10-31T22:00:00Z')); // => true
 * ```
 */
export function sampleCompany(options?: SampleOptions): SampleCompany {
  const opts = optionsOf(options, 'sampleCompany', SAMPLE_OPTION_KEYS);
  const random = new SeededRandom(opts.seed === undefined ? 42 : readInteger(opts.seed, 'sampleCompany', 'options.seed', 0));
  const accountCount = opts.accounts === undefined ? 500 : readInteger(opts.accounts, 'sampleCompany', 'options.accounts', 1);
  const accounts: SampleAccount[] = [];
  const users: SampleUser[] = [];
  const events: SampleEvent[] = [];
  const trials: SampleTrial[] = [];
  const subscriptions: SampleSubscription[] = [];
  const npsResponses: SampleNpsResponse[] = [];
  let subscriptionCount = 0;

  for (let a = 0; a < accountCount; a++) {
    const accountId = `acc-${String(a + 1).padStart(4, '0')}`;
    const campaign = random.pick(CAMPAIGNS);
    // Growth: later months see more trials (density rising linearly).
    const u = Math.sqrt(random.next());
    const trialStart = START + Math.floor(u * ((END - START) / DAY - 1)) * DAY;
    const planIndex = random.chance(0.5) ? 0 : random.chance(0.7) ? 1 : 2;
    const plan = PLANS[planIndex] as (typeof PLANS)[number];
    const quality = Math.min(1, Math.max(0.05, campaign.quality * (0.5 + random.next())));
    // Some trials never get going: one or two people look around once or twice and leave.
    const tireKicker = random.chance(0.35 + 0.8 * (1 - quality));
    const userCount = tireKicker ? random.int(1, 2) : 2 + Math.floor(22 * random.next() ** 2);
    const licenses = Math.max(1, Math.round(userCount * (0.6 + random.next() * 1.2)));
    accounts.push({ accountId, name: `${random.pick(NAMES)} ${a + 1}`, plan: plan.plan, licenses, sourceCampaign: campaign.name, trialStart });
    trials.push({ accountId, trialStart, sourceCampaign: campaign.name });

    let trialActiveUsers = 0;
    for (let k = 0; k < userCount; k++) {
      const userId = `${accountId}-u${k + 1}`;
      const signupDay = k === 0 ? 0 : tireKicker ? random.int(0, 2) : Math.floor(random.exponential(8));
      const signedUpAt = trialStart + signupDay * DAY + random.int(8, 18) * 3_600_000;
      if (signedUpAt >= END) continue;
      users.push({ userId, accountId, signedUpAt });
      const propensity = tireKicker ? 0.02 : quality * (0.25 + 0.75 * random.next());
      // Events of a day come in sessions: a start time, then a few minutes between events.
      let sessionDay = -1;
      let clock = 0;
      const emit = (name: string, day: number): void => {
        if (day !== sessionDay || random.chance(0.12)) {
          sessionDay = day;
          clock = trialStart + day * DAY + random.int(7 * 60, 21 * 60) * 60_000 + random.int(0, 59_999);
        } else {
          clock += random.int(1, 12) * 60_000 + random.int(0, 59_999);
        }
        if (clock < LAST_EVENT_BEFORE && clock >= signedUpAt) events.push({ userId, accountId, name, timestamp: clock });
      };
      events.push({ userId, accountId, name: 'signed_up', timestamp: signedUpAt });
      if (random.chance(0.93)) emit('email_confirmed', signupDay);
      if (random.chance(0.35 + 0.6 * propensity)) emit('onboarding_completed', signupDay + (random.chance(0.7) ? 0 : random.int(1, 4)));
      // First week: reports created decide the aha moment.
      let reports = 0;
      let lastDay = signupDay + 7;
      for (let d = signupDay; d < signupDay + 7; d++) {
        if (!random.chance(tireKicker ? (d === signupDay ? 0.6 : 0.04) : 0.25 + 0.6 * propensity)) continue;
        emit('login', d);
        for (let e = random.poisson(2); e > 0; e--) emit('dashboard_viewed', d);
        const created = random.poisson(1.1 * propensity);
        reports += created;
        for (let e = 0; e < created; e++) emit('report_created', d);
        if (random.chance(0.15 * propensity)) emit('teammate_invited', d);
        if (d - signupDay < 14 && trialStart + d * DAY < trialStart + 14 * DAY) trialActiveUsers++;
      }
      const aha = reports >= 3;
      // Lifetime after the first week: the aha moment multiplies it.
      lastDay = tireKicker ? signupDay + 7 : lastDay + Math.floor(random.exponential(aha ? 320 : 45) * (0.5 + propensity));
      const activeChance = 0.15 + 0.55 * propensity + (aha ? 0.1 : 0);
      const usesExport = random.chance(0.2 + 0.4 * propensity);
      for (let d = signupDay + 7; d <= lastDay; d++) {
        if (trialStart + d * DAY >= END) break;
        const weekday = new Date(trialStart + d * DAY).getUTCDay();
        const chance = weekday === 0 || weekday === 6 ? activeChance * 0.3 : activeChance;
        if (!random.chance(chance)) continue;
        emit('login', d);
        for (let e = random.poisson(1.5); e > 0; e--) emit('dashboard_viewed', d);
        for (let e = random.poisson(0.6 * propensity); e > 0; e--) emit('report_created', d);
        if (usesExport && random.chance(0.3)) emit('export', d);
      }
      // NPS: roughly every quarter of the user's life, 30% answer.
      for (let d = signupDay + 30; d <= lastDay && trialStart + d * DAY < END; d += 90) {
        if (!random.chance(0.3)) continue;
        const mood = propensity + (aha ? 0.25 : 0) + (random.next() - 0.5) * 0.6;
        const score = Math.max(0, Math.min(10, Math.round(3 + mood * 7.5)));
        npsResponses.push({ accountId, userId, answeredAt: trialStart + d * DAY + 12 * 3_600_000, score });
      }
    }

    // Conversion at the end of the 14-day trial, more likely for engaged trials.
    const trialEnd = trialStart + 14 * DAY;
    const engagedShare = trialActiveUsers / (userCount * 7);
    if (trialEnd >= END || !random.chance(Math.min(0.9, 0.15 + engagedShare * 1.2))) continue;
    const annual = random.chance(0.3);
    let seats = Math.max(1, Math.round(licenses * (0.7 + random.next() * 0.3)));
    let start = trialEnd;
    let churned = false;
    while (start < END) {
      subscriptionCount++;
      const monthly = seats * plan.seatPrice;
      const amount = annual ? Math.round(monthly * 12 * 0.85) : monthly;
      // How long this price lasts: a change of seats, a churn, or the end of the data.
      const months = annual ? 12 * random.int(1, 2) : random.int(2, 14);
      const end = addMonths(start, months);
      const churnNow = random.chance(annual ? 0.12 : 0.2 * (1 - quality * 0.6));
      subscriptions.push({
        subscriptionId: `sub-${subscriptionCount}`,
        customerId: accountId,
        start: isoDay(start),
        // Still running at the end of the data: open, even if it would end (or churn) later.
        end: end >= END ? null : isoDay(end),
        amount,
        interval: annual ? 'year' : 'month',
        currency: 'USD',
      });
      if (end >= END) break;
      if (churnNow) {
        churned = true;
        // A few come back after one to four months.
        if (random.chance(0.25)) {
          start = addMonths(end, random.int(1, 4));
          seats = Math.max(1, Math.round(seats * (0.6 + random.next() * 0.5)));
          churned = false;
          continue;
        }
        break;
      }
      // Upgrade or downgrade seats.
      seats = Math.max(1, seats + (random.chance(0.65) ? random.int(1, 4) : -random.int(1, Math.max(1, Math.floor(seats / 3)))));
      start = end;
    }
    if (churned) continue;
  }

  events.sort((a, b) => a.timestamp - b.timestamp);
  users.sort((a, b) => a.signedUpAt - b.signedUpAt);
  return { accounts, users, events, trials, subscriptions, npsResponses, asOf: AS_OF };
}
