import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activeUsers } from '../../src/engagement/active-users.js';
import { growthLifecycle } from '../../src/lifecycle/growth-lifecycle.js';
import { toMonthlySnapshots } from '../../src/revenue/to-monthly-snapshots.js';
import { churnChance } from '../../src/sample/internal/account-timeline.js';
import { sampleCompany } from '../../src/sample/sample-company.js';
import type { SampleAccount, SampleEvent, SampleSubscription } from '../../src/sample/types.js';
import { errorOf } from '../support/errors.js';

const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const accounts = fc.integer({ min: 1, max: 6 });
const DAY = 86_400_000;

/** The seat prices of the plans, per month (sampleCompany's documentation). */
const SEAT_PRICE = { starter: 10, team: 25, business: 45 } as const;

/** The seats a subscription pays for: its amount over the seat price (an annual one: 12 months less 15%); `null` when not whole seats. */
function seatsOf(subscription: SampleSubscription, plan: SampleAccount['plan']): number | null {
  const price = SEAT_PRICE[plan];
  const seats = subscription.interval === 'month' ? subscription.amount / price : Math.round(subscription.amount / (price * 12 * 0.85));
  const exact = subscription.interval === 'month' ? seats : Math.round(seats * price * 12 * 0.85);
  return Number.isInteger(seats) && seats >= 1 && (subscription.interval === 'month' || exact === subscription.amount) ? seats : null;
}

/** Each account's subscriptions, by start. */
function byAccount(subscriptions: readonly SampleSubscription[]): Map<string, SampleSubscription[]> {
  const out = new Map<string, SampleSubscription[]>();
  for (const subscription of subscriptions) out.set(subscription.accountId, [...(out.get(subscription.accountId) ?? []), subscription]);
  for (const list of out.values()) list.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return out;
}

/** Each account's active user-days: the UTC day numbers, one entry per user and day with an event. */
function userDaysByAccount(events: readonly SampleEvent[]): Map<string, number[]> {
  const seen = new Set<string>();
  const out = new Map<string, number[]>();
  for (const event of events) {
    const day = Math.floor(event.timestamp / DAY);
    const key = `${event.userId} ${day}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const list = out.get(event.accountId);
    if (list === undefined) out.set(event.accountId, [day]);
    else list.push(day);
  }
  return out;
}

/** How many of `days` fall in [from, to). */
function countIn(days: readonly number[] | undefined, from: number, to: number): number {
  return (days ?? []).filter((day) => day >= from && day < to).length;
}

describe('sampleCompany', () => {
  it('is deterministic: the same seed and size give a deep-equal company (property)', () => {
    fc.assert(
      // Up to 40 accounts, so that paid accounts, their new users, churns and comebacks are drawn.
      fc.property(seed, fc.integer({ min: 1, max: 40 }), (s, a) => {
        expect(sampleCompany({ seed: s, accounts: a })).toEqual(sampleCompany({ seed: s, accounts: a }));
      }),
      { numRuns: 20 },
    );
  });

  it('holds together: every event, response and subscription belongs to a known account and user, inside the data range (property)', () => {
    fc.assert(
      fc.property(seed, accounts, (s, a) => {
        const company = sampleCompany({ seed: s, accounts: a });
        // asOf is the date 2026-10-31; nothing may happen after 2026-10-31T22:00Z, which is
        // midnight at UTC+2, so every timestamp is on or before that day from UTC−12 to UTC+2.
        const before = Date.parse('2026-10-31T22:00:00Z');
        expect(company.accounts).toHaveLength(a);
        expect(company.trials).toHaveLength(a);
        const accountIds = new Set(company.accounts.map((x) => x.accountId));
        expect(accountIds.size).toBe(a);
        const users = new Map(company.users.map((u) => [u.userId, u]));
        expect(users.size).toBe(company.users.length);
        for (const user of company.users) {
          expect(accountIds.has(user.accountId)).toBe(true);
          expect(user.signedUpAt).toBeLessThan(before);
        }
        for (const event of company.events) {
          const user = users.get(event.userId);
          expect(user?.accountId).toBe(event.accountId);
          expect(event.timestamp).toBeLessThan(before);
          expect(Number.isFinite(event.timestamp)).toBe(true);
        }
        for (const response of company.npsResponses) {
          expect(users.get(response.userId)?.accountId).toBe(response.accountId);
          expect(Number.isInteger(response.score) && response.score >= 0 && response.score <= 10).toBe(true);
          expect(response.answeredAt).toBeLessThan(before);
        }
        for (const subscription of company.subscriptions) {
          expect(accountIds.has(subscription.accountId)).toBe(true);
          expect(subscription.amount).toBeGreaterThan(0);
          expect(subscription.start <= company.asOf).toBe(true);
          // An end is exclusive and at most asOf; a subscription still running at asOf is open.
          if (subscription.end !== null) expect(subscription.start < subscription.end && subscription.end <= company.asOf).toBe(true);
        }
        // The library reads it as it is: revenue keys on accountId by default, as the subscriptions do.
        expect(() => activeUsers(company.events)).not.toThrow();
        for (const snapshot of toMonthlySnapshots(company.subscriptions)) expect(accountIds.has(snapshot.accountId as string)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('keeps the shape of its records: the same fields as 1.0', () => {
    const company = sampleCompany({ seed: 7, accounts: 50 });
    const keys = (rows: readonly object[]) => [...new Set(rows.map((row) => Object.keys(row).join(',')))];
    expect(keys(company.accounts)).toEqual(['accountId,name,plan,licenses,sourceCampaign,trialStart']);
    expect(keys(company.users)).toEqual(['userId,accountId,signedUpAt']);
    expect(keys(company.events)).toEqual(['userId,accountId,name,timestamp']);
    expect(keys(company.trials)).toEqual(['accountId,trialStart,sourceCampaign']);
    expect(keys(company.subscriptions)).toEqual(['subscriptionId,accountId,start,end,amount,interval,currency']);
    expect(keys(company.npsResponses)).toEqual(['accountId,userId,answeredAt,score']);
    expect(Object.keys(company)).toEqual(['accounts', 'users', 'events', 'trials', 'subscriptions', 'npsResponses', 'asOf']);
  });

  it("prices seats by plan and bills each account's subscriptions one after another; a paying account's licenses are its current seats (property)", () => {
    let paying = 0;
    fc.assert(
      fc.property(seed, fc.integer({ min: 20, max: 60 }), (s, a) => {
        const company = sampleCompany({ seed: s, accounts: a });
        const plans = new Map(company.accounts.map((x) => [x.accountId, x]));
        for (const [accountId, subscriptions] of byAccount(company.subscriptions)) {
          const account = plans.get(accountId) as SampleAccount;
          subscriptions.forEach((subscription, i) => {
            // Whole seats at the plan's price: monthly, or 12 months less 15% a year.
            expect(seatsOf(subscription, account.plan)).not.toBeNull();
            // One after another: each starts on or after the previous one's (exclusive) end; only the last may be open.
            const previous = subscriptions[i - 1];
            if (previous !== undefined) expect(previous.end !== null && previous.end <= subscription.start).toBe(true);
          });
          const current = subscriptions.at(-1) as SampleSubscription;
          if (current.end !== null) continue;
          paying++;
          expect(account.licenses).toBe(seatsOf(current, account.plan));
        }
      }),
      { numRuns: 20 },
    );
    expect(paying).toBeGreaterThan(0);
  });

  it('expands with its users: every seat increase follows a new user of the account, and buys no more seats than its users (property)', () => {
    let increases = 0;
    fc.assert(
      fc.property(seed, fc.integer({ min: 30, max: 80 }), (s, a) => {
        const company = sampleCompany({ seed: s, accounts: a });
        const plans = new Map(company.accounts.map((x) => [x.accountId, x.plan]));
        const signups = new Map<string, number[]>();
        for (const user of company.users) signups.set(user.accountId, [...(signups.get(user.accountId) ?? []), user.signedUpAt]);
        for (const [accountId, subscriptions] of byAccount(company.subscriptions)) {
          const plan = plans.get(accountId) as SampleAccount['plan'];
          for (let i = 1; i < subscriptions.length; i++) {
            const before = subscriptions[i - 1] as SampleSubscription;
            const after = subscriptions[i] as SampleSubscription;
            // A seat change at a renewal: the next subscription starts the day the previous one ends.
            if (before.end !== after.start || (seatsOf(after, plan) as number) <= (seatsOf(before, plan) as number)) continue;
            increases++;
            const joined = (signups.get(accountId) ?? []).filter((t) => t < Date.parse(after.start));
            expect(joined.some((t) => t >= Date.parse(before.start))).toBe(true);
            expect(seatsOf(after, plan)).toBeLessThanOrEqual(joined.length);
          }
        }
      }),
      { numRuns: 20 },
    );
    // Not vacuous: across the runs there were expansions to check.
    expect(increases).toBeGreaterThan(0);
  });

  it('churns after usage falls: on average its users are less active in the 30 days before a churn than 90 to 120 days before it (property)', () => {
    // By definition the chance of churning at a renewal grows with the fall of the account's
    // usage below its usual level, so churns come on average after usage has fallen. Pooled over
    // six companies, so that the average holds for any seeds (a few churns each).
    fc.assert(
      fc.property(fc.array(seed, { minLength: 6, maxLength: 6 }), (seeds) => {
        let quiet = 0;
        let earlier = 0;
        let churns = 0;
        for (const s of seeds) {
          const company = sampleCompany({ seed: s, accounts: 250 });
          const activeDays = userDaysByAccount(company.events);
          for (const [accountId, subscriptions] of byAccount(company.subscriptions)) {
            subscriptions.forEach((subscription, i) => {
              const next = subscriptions[i + 1];
              // A churn: the subscription ends and no other starts that day; paid at least 120 days before it.
              if (subscription.end === null || next?.start === subscription.end) return;
              const end = Date.parse(subscription.end) / DAY;
              if (end - Date.parse((subscriptions[0] as SampleSubscription).start) / DAY < 120) return;
              churns++;
              quiet += countIn(activeDays.get(accountId), end - 30, end);
              earlier += countIn(activeDays.get(accountId), end - 120, end - 90);
            });
          }
        }
        expect(churns).toBeGreaterThan(0);
        expect(quiet).toBeLessThan(earlier);
      }),
      { numRuns: 3 },
    );
  });

  it('churns more often the further usage falls below its usual level (the rule the generator draws from)', () => {
    for (const annual of [false, true]) {
      for (const usual of [0.6, 0.9]) {
        const chances = [1, 0.8, 0.5, 0.2, 0].map((share) => churnChance(usual * share, usual, annual));
        expect(chances.every((p, i) => p > 0 && p < 1 && (i === 0 || p > (chances[i - 1] as number)))).toBe(true);
      }
      // Usage above the usual level is no safer or riskier than at it.
      expect(churnChance(1.2, 0.9, annual)).toBe(churnChance(0.9, 0.9, annual));
    }
  });

  it('has users who come back: some users are resurrecting in the monthly growth lifecycle (property)', () => {
    // Users take a month off now and then, low-activity months leave gaps, and churned
    // accounts that come back bring their users back.
    fc.assert(
      fc.property(seed, (s) => {
        const company = sampleCompany({ seed: s, accounts: 60 });
        const growth = growthLifecycle(company.events, { period: 'month', timeZone: 'UTC', asOf: company.asOf });
        expect(growth.periods.reduce((sum, p) => sum + p.resurrecting, 0)).toBeGreaterThan(0);
      }),
      { numRuns: 10 },
    );
  });

  it('ends its data on 2026-10-31: asOf is that date (was the instant 2026-10-31T23:59:59.999Z as epoch ms)', () => {
    expect(sampleCompany({ accounts: 1 }).asOf).toBe('2026-10-31');
  });

  it('ends its data on asOf in the demo zone: the last event, read in Europe/Berlin with asOf 2026-10-31, is counted on October 31', () => {
    const company = sampleCompany();
    const berlin = activeUsers(company.events, { timeZone: 'Europe/Berlin' });
    // The last day of the series is the day of the latest event: 2026-10-31 in Berlin too.
    expect(berlin.days.at(-1)?.date).toBe('2026-10-31');
  });

  it('rejects bad options: bad values, null, unknown keys', () => {
    const badSeed = errorOf(() => sampleCompany({ seed: -1 }));
    expect([badSeed.code, badSeed.path]).toEqual(['invalid-number', 'options.seed']);
    const badAccounts = errorOf(() => sampleCompany({ accounts: 0 }));
    expect([badAccounts.code, badAccounts.path]).toEqual(['invalid-number', 'options.accounts']);
    const nullSeed = errorOf(() => sampleCompany({ seed: null } as never));
    expect([nullSeed.code, nullSeed.path]).toEqual(['invalid-option', 'options.seed']);
    const nullAccounts = errorOf(() => sampleCompany({ accounts: null } as never));
    expect([nullAccounts.code, nullAccounts.path]).toEqual(['invalid-option', 'options.accounts']);
    const typo = errorOf(() => sampleCompany({ sead: 7 } as never));
    expect([typo.code, typo.path, typo.message]).toEqual(['unknown-option', 'options.sead', 'sampleCompany: options.sead is not an option; did you mean seed? (7)']);
    const unknown = errorOf(() => sampleCompany({ accounts: 2, users: 10 } as never));
    expect([unknown.code, unknown.path, unknown.message]).toEqual([
      'unknown-option',
      'options.users',
      'sampleCompany: options.users is not an option; the options are accounts, seed (10)',
    ]);
  });
});
