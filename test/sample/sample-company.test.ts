import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activeUsers } from '../../src/engagement/active-users.js';
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
        expect(company.accounts).toHaveLength(a);
        expect(company.trials).toHaveLength(a);
        const accountIds = new Set(company.accounts.map((x) => x.accountId));
        expect(accountIds.size).toBe(a);
        const users = new Map(company.users.map((u) => [u.userId, u]));
        expect(users.size).toBe(company.users.length);
        for (const user of company.users) expect(accountIds.has(user.accountId)).toBe(true);
        for (const event of company.events) {
          const user = users.get(event.userId);
          expect(user?.accountId).toBe(event.accountId);
          expect(event.timestamp).toBeLessThanOrEqual(company.asOf);
          expect(Number.isFinite(event.timestamp)).toBe(true);
        }
        for (const response of company.npsResponses) {
          expect(users.get(response.userId)?.accountId).toBe(response.accountId);
          expect(Number.isInteger(response.score) && response.score >= 0 && response.score <= 10).toBe(true);
          expect(response.answeredAt).toBeLessThanOrEqual(company.asOf);
        }
        for (const subscription of company.subscriptions) {
          expect(accountIds.has(subscription.customerId)).toBe(true);
          expect(subscription.amount).toBeGreaterThan(0);
          if (subscription.end !== null) expect(subscription.start < subscription.end).toBe(true);
        }
        // The library reads it as it is.
        expect(() => activeUsers(company.events)).not.toThrow();
      }),
      { numRuns: 30 },
    );
  });

  it('ends its data on 2026-10-31 (the documented asOf) and rejects bad options', () => {
    expect(new Date(sampleCompany({ accounts: 1 }).asOf).toISOString()).toBe('2026-10-31T23:59:59.999Z');
    const badSeed = errorOf(() => sampleCompany({ seed: -1 }));
    expect([badSeed.code, badSeed.path]).toEqual(['invalid-number', 'options.seed']);
    const badAccounts = errorOf(() => sampleCompany({ accounts: 0 }));
    expect([badAccounts.code, badAccounts.path]).toEqual(['invalid-number', 'options.accounts']);
  });
});
