/**
 * Results that compose, as docs/engagement.md shows them: one function's result passed
 * straight into the next.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activeUsers, activeUsersAccumulator, licenseUtilization, licenseUtilizationByAccount } from '../../src/engagement/index.js';
import { TEST_ZONES, addDays, wallDate } from '../support/model.js';

describe('engagement results compose', () => {
  it("activeUsers' MAU on the day of asOf is the activeUsers of licenseUtilization (the guide's example)", () => {
    const events = [
      { userId: 'ana', accountId: 'acme', timestamp: '2024-03-30T09:00:00Z' },
      { userId: 'ben', accountId: 'acme', timestamp: '2024-03-31T10:00:00Z' },
      { userId: 'cy', accountId: 'acme', timestamp: '2024-02-20T08:00:00Z' },
    ];
    const today = activeUsers(events, { asOf: '2024-03-31' }).days.at(-1);
    // By hand: the 30 days ending 03-31 are 03-02..03-31: ana and ben, not cy (02-20). 2 / 4 = 0.5,
    // at the riskBelow threshold, which is in 'healthy'.
    expect(today).toMatchObject({ date: '2024-03-31', complete: true, mau: 2 });
    expect(licenseUtilization({ activeUsers: today?.mau ?? 0, licenses: 4 })).toEqual({
      activeUsers: 2,
      licenses: 4,
      ratio: 0.5,
      band: 'healthy',
      thresholds: { expandAbove: 1, riskBelow: 0.5 },
    });
    const byAccount = licenseUtilizationByAccount(events, { licenses: [{ accountId: 'acme', licenses: 4 }], asOf: '2024-03-31' });
    expect(byAccount.accounts).toEqual([{ accountId: 'acme', activeUsers: 2, licenses: 4, ratio: 0.5, band: 'healthy' }]);
  });

  it("a grouped activeUsers' groups give licenseUtilizationByAccount's rows, one licenseUtilization each (property)", () => {
    const eventArb = fc.record({
      userId: fc.integer({ min: 1, max: 8 }),
      accountId: fc.constantFrom('acme', 'globex', 'initech'),
      timestamp: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 3, 30) }),
    });
    const asOfArb = fc.oneof(
      fc.integer({ min: Date.UTC(2024, 1, 1), max: Date.UTC(2024, 4, 10) }).map((t) => new Date(t).toISOString().slice(0, 10)),
      fc.integer({ min: Date.UTC(2024, 1, 1), max: Date.UTC(2024, 4, 10) }),
    );
    const seatsArb = fc.record({ acme: fc.integer({ min: 0, max: 6 }), globex: fc.integer({ min: 0, max: 6 }), initech: fc.integer({ min: 0, max: 6 }) });
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 50 }), asOfArb, fc.constantFrom(...TEST_ZONES), seatsArb, (events, asOf, timeZone, seats) => {
        const licenses = Object.entries(seats).map(([accountId, count]) => ({ accountId, licenses: count }));
        const expected = licenseUtilizationByAccount(events, { licenses, asOf, timeZone });
        // The same window: 30 local days ending on the day of asOf (activeUsers' default MAU).
        const grouped = activeUsersAccumulator({ groupBy: 'accountId', asOf, timeZone }).add(events).result();
        const mauOf = new Map(grouped.groups.map((g) => [g.group, g.days.at(-1)?.mau ?? 0]));
        const rows = licenses.map(({ accountId, licenses: count }) => {
          const one = licenseUtilization({ activeUsers: mauOf.get(accountId) ?? 0, licenses: count });
          return { accountId, activeUsers: one.activeUsers, licenses: one.licenses, ratio: one.ratio, band: one.band };
        });
        const key = (row: { accountId: unknown }): string => String(row.accountId);
        expect([...rows].sort((a, b) => key(a).localeCompare(key(b)))).toEqual([...expected.accounts].sort((a, b) => key(a).localeCompare(key(b))));
        // And the overall series counts every user once: its MAU on the day of asOf is the number
        // of distinct users with an event in the window, at or before asOf (a slow model).
        if (grouped.to !== null) {
          const last = grouped.to;
          const first = addDays(last, -29);
          const limit = Date.parse(grouped.asOf as string);
          const inWindow = events.filter((e) => e.timestamp <= limit && wallDate(e.timestamp, timeZone) >= first && wallDate(e.timestamp, timeZone) <= last);
          expect(grouped.days.at(-1)?.mau).toBe(new Set(inWindow.map((e) => e.userId)).size);
        }
      }),
      { numRuns: 150 },
    );
  });
});
