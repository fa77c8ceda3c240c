import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activeUsers } from '../../src/engagement/active-users.js';
import { toMonthlySnapshots } from '../../src/revenue/to-monthly-snapshots.js';
import { sampleCompany } from '../../src/sample/sample-company.js';
import { errorOf } from '../support/errors.js';

const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const accounts = fc.integer({ min: 1, max: 6 });

describe('sampleCompany', () => {
  it('is deterministic: the same seed and size give a deep-equal company (property)', () => {
    fc.assert(
      fc.property(seed, accounts, (s, a) => {
        expect(sampleCompany({ seed: s, accounts: a })).toEqual(sampleCompany({ seed: s, accounts: a }));
      }),
      { numRuns: 30 },
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

  it('gives the data of 0.x for a seed: only the subscriptions\' customerId is named accountId (1.0)', () => {
    // SHA-256 of the JSON of the 0.x generator's company (before the split into named steps),
    // with each subscription's customerId renamed accountId in its place.
    const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
    expect(digest(sampleCompany({ seed: 7, accounts: 50 }))).toBe('20f2698b2267ce745d3cb0e1e43dfe85a136325365866baacba66231e9d7242b');
    expect(digest(sampleCompany())).toBe('fad98478ba7bd9cb0065982c78f37028eec2eaa9a932f1db2fa04da747678b98');
    const subscription = sampleCompany({ seed: 7, accounts: 50 }).subscriptions[0];
    expect(Object.keys(subscription ?? {})).toEqual(['subscriptionId', 'accountId', 'start', 'end', 'amount', 'interval', 'currency']);
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
