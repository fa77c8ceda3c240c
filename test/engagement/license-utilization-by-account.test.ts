import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { licenseUtilizationByAccount } from '../../src/engagement/license-utilization-by-account.js';
import { errorOf } from '../support/errors.js';
import { addDays, wallDate as localKey } from '../support/model.js';


type Row = { userId: string | number; accountId: string | number; timestamp: string | number };

describe('licenseUtilizationByAccount', () => {
  it('runs the doc example', () => {
    const events = [
      { userId: 'ana', accountId: 'acme', timestamp: '2024-03-30T09:00:00Z' },
      { userId: 'ben', accountId: 'acme', timestamp: '2024-03-31T10:00:00Z' },
      { userId: 'cy', accountId: 'initech', timestamp: '2024-03-02T08:00:00Z' },
      { userId: 'dee', accountId: 'umbrella', timestamp: '2024-03-31T12:00:00Z' },
    ];
    const licenses = [
      { accountId: 'acme', licenses: 2 },
      { accountId: 'initech', licenses: 4 },
    ];
    const result = licenseUtilizationByAccount(events, { licenses });
    expect([result.from, result.to]).toEqual(['2024-03-02', '2024-03-31']);
    expect(result.accounts.map((a) => [a.accountId, a.ratio, a.band])).toEqual([
      ['initech', 0.25, 'adoption-risk'],
      ['acme', 1, 'healthy'],
    ]);
    expect(result.unlicensedAccounts).toEqual(['umbrella']);
  });

  it('counts the distinct users of each account in the 30 days ending on the asOf day', () => {
    // asOf 2024-03-31 (UTC) is the end of that day, 23:59:59.999: the window is 2024-03-02 ..
    // 2024-03-31, both included, and complete.
    // acme: u1 on 03-01 (before the window) and 04-02 (after it): out; u2 at the first
    //   instant of 03-02: in; u3 late on 03-31 (23:00), before the end of the asOf day: in;
    //   u4 on 04-01: out. 2 active users / 4 licenses = 0.5, healthy (not below 0.5).
    // beta: 1 active user, 0 licenses: ratio and band null, listed last.
    // gamma: in the table without events: 0 / 3 = 0, adoption risk.
    // delta: events but no table row: unlicensed, as is 7 (numbers sort before strings).
    const events: Row[] = [
      { userId: 'u1', accountId: 'acme', timestamp: '2024-03-01T23:59:59Z' },
      { userId: 'u2', accountId: 'acme', timestamp: '2024-03-02T00:00:00Z' },
      { userId: 'u2', accountId: 'acme', timestamp: '2024-03-20T00:00:00Z' },
      { userId: 'u3', accountId: 'acme', timestamp: '2024-03-31T23:00:00Z' },
      { userId: 'u4', accountId: 'acme', timestamp: '2024-04-01T00:00:00Z' },
      { userId: 'u1', accountId: 'acme', timestamp: '2024-04-02T00:00:00Z' },
      { userId: 'u1', accountId: 'beta', timestamp: '2024-03-15T00:00:00Z' },
      { userId: 'u9', accountId: 'delta', timestamp: '2024-03-15T00:00:00Z' },
      { userId: 'u9', accountId: 7, timestamp: '2024-03-15T00:00:00Z' },
    ];
    const licenses = [
      { accountId: 'beta', licenses: 0 },
      { accountId: 'acme', licenses: 4 },
      { accountId: 'gamma', licenses: 3 },
    ];
    expect(licenseUtilizationByAccount(events, { licenses, asOf: '2024-03-31' })).toEqual({
      timeZone: 'UTC',
      asOf: '2024-03-31T23:59:59.999Z',
      asOfDate: '2024-03-31',
      windowDays: 30,
      from: '2024-03-02',
      to: '2024-03-31',
      complete: true,
      thresholds: { expandAbove: 1, riskBelow: 0.5 },
      accounts: [
        { accountId: 'gamma', activeUsers: 0, licenses: 3, ratio: 0, band: 'adoption-risk' },
        { accountId: 'acme', activeUsers: 2, licenses: 4, ratio: 0.5, band: 'healthy' },
        { accountId: 'beta', activeUsers: 1, licenses: 0, ratio: null, band: null },
      ],
      unlicensedAccounts: [7, 'delta'],
    });
  });

  it('buckets days in the time zone, across the 25-hour day of Europe/Berlin 2024-10-27', () => {
    // Berlin's 2024-10-27 runs from 2024-10-26T22:00Z (00:00 CEST) to 2024-10-27T23:00Z
    // (00:00 CET on the 28th): 25 hours. With windowDays 1 and asOf on that day:
    //   u1 at 10-26T21:59Z = 23:59 CEST on the 26th: out;
    //   u2 at 10-26T22:00Z = 00:00 on the 27th: in;
    //   u3 at 10-27T22:30Z = 23:30 CET on the 27th: in (a fixed +02:00 would say the 28th);
    //   u3 at 10-27T23:00Z = 00:00 on the 28th: out.
    // asOf '2024-10-27' is the end of that local day: 2024-10-27T22:59:59.999Z in Berlin (the 28th
    // starts at 23:00Z), 23:59:59.999Z in UTC; the 23:00Z event is after it in Berlin.
    // Berlin: {u2, u3} = 2 of 2 licenses, ratio 1. UTC day 10-27: {u3} only, ratio 0.5.
    const events = [
      { userId: 'u1', accountId: 'acme', timestamp: '2024-10-26T21:59:00Z' },
      { userId: 'u2', accountId: 'acme', timestamp: '2024-10-26T22:00:00Z' },
      { userId: 'u3', accountId: 'acme', timestamp: '2024-10-27T22:30:00Z' },
      { userId: 'u3', accountId: 'acme', timestamp: '2024-10-27T23:00:00Z' },
    ];
    const licenses = [{ accountId: 'acme', licenses: 2 }];
    const options = { windowDays: 1, asOf: '2024-10-27' };
    const berlin = licenseUtilizationByAccount(events, { licenses, ...options, timeZone: 'Europe/Berlin' });
    expect(berlin).toMatchObject({ timeZone: 'Europe/Berlin', asOf: '2024-10-27T22:59:59.999Z', asOfDate: '2024-10-27', from: '2024-10-27', to: '2024-10-27', complete: true });
    expect(berlin.accounts).toEqual([{ accountId: 'acme', activeUsers: 2, licenses: 2, ratio: 1, band: 'healthy' }]);
    const utc = licenseUtilizationByAccount(events, { licenses, ...options });
    expect(utc).toMatchObject({ asOf: '2024-10-27T23:59:59.999Z', asOfDate: '2024-10-27' });
    expect(utc.accounts).toEqual([{ accountId: 'acme', activeUsers: 1, licenses: 2, ratio: 0.5, band: 'healthy' }]);
    // An instant asOf means that instant: at noon (11:00Z) u3's 22:30Z event is later and left out,
    // and the day is not complete. Berlin: {u2} = 1 of 2.
    const noon = licenseUtilizationByAccount(events, { licenses, windowDays: 1, asOf: '2024-10-27T12:00:00+01:00', timeZone: 'Europe/Berlin' });
    expect(noon).toMatchObject({ asOf: '2024-10-27T11:00:00.000Z', asOfDate: '2024-10-27', to: '2024-10-27', complete: false });
    expect(noon.accounts).toEqual([{ accountId: 'acme', activeUsers: 1, licenses: 2, ratio: 0.5, band: 'healthy' }]);
  });

  it("reads a date-only asOf's window as whole local days ending that day (Europe/Berlin, 30 days)", () => {
    // asOf '2026-10-31' in Berlin: the 30 local days 2026-10-02 .. 2026-10-31, October 31 included
    // to its last millisecond (2026-10-31T22:59:59.999Z, CET after the 10-25 change).
    // a: 23:30 CET on 10-31 (22:30Z): in. b: 23:59 CEST on 10-01 (21:59Z), the day before the
    // window: out. c: 00:00 CEST on 10-02 (2026-10-01T22:00Z): in. d: 00:30 CET on 11-01 (23:30Z): after asOf.
    const events = [
      { userId: 'a', accountId: 'acme', timestamp: '2026-10-31T22:30:00Z' },
      { userId: 'b', accountId: 'acme', timestamp: '2026-10-01T21:59:00Z' },
      { userId: 'c', accountId: 'acme', timestamp: '2026-10-01T22:00:00Z' },
      { userId: 'd', accountId: 'acme', timestamp: '2026-10-31T23:30:00Z' },
    ];
    const result = licenseUtilizationByAccount(events, { licenses: [{ accountId: 'acme', licenses: 4 }], timeZone: 'Europe/Berlin', asOf: '2026-10-31' });
    expect(result).toMatchObject({ asOf: '2026-10-31T22:59:59.999Z', asOfDate: '2026-10-31', windowDays: 30, from: '2026-10-02', to: '2026-10-31', complete: true });
    // {a, c} / 4 = 0.5: healthy.
    expect(result.accounts).toEqual([{ accountId: 'acme', activeUsers: 2, licenses: 4, ratio: 0.5, band: 'healthy' }]);
  });

  it('counts a user of two accounts in each, whatever the order of events', () => {
    // asOf 2024-03-31, window 03-02 .. 03-31. u1 is active in a on 03-20 and in b on 03-25;
    // b's events on 02-01 (before the window, seen first) and 04-05 (after asOf) do not count.
    // a: 1 / 1 = 1, b: 1 / 2 = 0.5.
    const events = [
      { userId: 'u1', accountId: 'a', timestamp: '2024-03-20T10:00:00Z' },
      { userId: 'u1', accountId: 'b', timestamp: '2024-04-05T10:00:00Z' },
      { userId: 'u1', accountId: 'b', timestamp: '2024-02-01T10:00:00Z' },
      { userId: 'u1', accountId: 'b', timestamp: '2024-03-25T10:00:00Z' },
      { userId: 'u1', accountId: 'b', timestamp: '2024-02-02T10:00:00Z' },
    ];
    const licenses = [
      { accountId: 'a', licenses: 1 },
      { accountId: 'b', licenses: 2 },
    ];
    const expected = [
      { accountId: 'b', activeUsers: 1, licenses: 2, ratio: 0.5, band: 'healthy' },
      { accountId: 'a', activeUsers: 1, licenses: 1, ratio: 1, band: 'healthy' },
    ];
    expect(licenseUtilizationByAccount(events, { licenses, asOf: '2024-03-31' }).accounts).toEqual(expected);
    expect(licenseUtilizationByAccount([...events].reverse(), { licenses, asOf: '2024-03-31' }).accounts).toEqual(expected);
  });

  it('defaults asOf to the latest event and echoes windowDays and thresholds', () => {
    // Latest event 2024-06-10T08:00Z; windowDays 7: 06-04 .. 06-10. a: u1 (06-04) and u2 (06-10)
    // in, u3 (06-03) out: 2 / 1 = 2 > 1.5: expand.
    const events = [
      { userId: 'u3', accountId: 'a', timestamp: '2024-06-03T12:00:00Z' },
      { userId: 'u1', accountId: 'a', timestamp: '2024-06-04T00:00:00Z' },
      { userId: 'u2', accountId: 'a', timestamp: '2024-06-10T08:00:00Z' },
    ];
    const result = licenseUtilizationByAccount(events, {
      licenses: [{ accountId: 'a', licenses: 1 }],
      windowDays: 7,
      thresholds: { expandAbove: 1.5, riskBelow: 0.25 },
    });
    // 06-10 is in progress at 08:00: the window is not complete.
    expect(result).toMatchObject({
      asOf: '2024-06-10T08:00:00.000Z',
      asOfDate: '2024-06-10',
      windowDays: 7,
      from: '2024-06-04',
      to: '2024-06-10',
      complete: false,
      thresholds: { expandAbove: 1.5, riskBelow: 0.25 },
      accounts: [{ accountId: 'a', activeUsers: 2, licenses: 1, ratio: 2, band: 'expand' }],
    });
  });

  it('sorts by ratio, ties by account id', () => {
    // b and a both 1 / 2 = 0.5; c 1 / 4 = 0.25; 10 is 1 / 1 = 1; 2 is 1 / 2 = 0.5.
    const events = ['a', 'b', 'c', 10, 2].map((accountId) => ({ userId: 'u', accountId, timestamp: 0 }));
    const licenses = [
      { accountId: 'b', licenses: 2 },
      { accountId: 10, licenses: 1 },
      { accountId: 'a', licenses: 2 },
      { accountId: 'c', licenses: 4 },
      { accountId: 2, licenses: 2 },
    ];
    const result = licenseUtilizationByAccount(events, { licenses });
    expect(result.accounts.map((a) => a.accountId)).toEqual(['c', 2, 'a', 'b', 10]);
  });

  it('gives empty results for empty input', () => {
    expect(licenseUtilizationByAccount([], { licenses: [] })).toEqual({
      timeZone: 'UTC',
      asOf: null,
      asOfDate: null,
      windowDays: 30,
      from: null,
      to: null,
      complete: false,
      thresholds: { expandAbove: 1, riskBelow: 0.5 },
      accounts: [],
      unlicensedAccounts: [],
    });
    // A table but no events: nobody is active.
    expect(licenseUtilizationByAccount([], { licenses: [{ accountId: 'a', licenses: 5 }] }).accounts).toEqual([
      { accountId: 'a', activeUsers: 0, licenses: 5, ratio: 0, band: 'adoption-risk' },
    ]);
    // Events but no table: every account is unlicensed.
    const single = licenseUtilizationByAccount([{ userId: 1, accountId: 'z', timestamp: '2024-01-05T10:00:00Z' }], { licenses: [] });
    expect(single).toMatchObject({ asOf: '2024-01-05T10:00:00.000Z', from: '2023-12-07', to: '2024-01-05', accounts: [], unlicensedAccounts: ['z'] });
  });

  it('reads columns and accessors', () => {
    // The doc example again, as columns with integer user ids and epoch-ms timestamps.
    const columns = {
      userId: new Int32Array([1, 2, 3, 4]),
      accountId: ['acme', 'acme', 'initech', 'umbrella'],
      timestamp: new Float64Array([Date.UTC(2024, 2, 30, 9), Date.UTC(2024, 2, 31, 10), Date.UTC(2024, 2, 2, 8), Date.UTC(2024, 2, 31, 12)]),
    };
    const table = [
      { account: 'acme', seats: 2 },
      { account: 'initech', seats: 4 },
    ];
    const result = licenseUtilizationByAccount(columns, {
      licenses: table,
      licenseFields: { accountId: (r) => r.account, licenses: (r) => r.seats },
    });
    expect(result.accounts.map((a) => [a.accountId, a.activeUsers, a.ratio])).toEqual([
      ['initech', 1, 0.25],
      ['acme', 2, 1],
    ]);
    expect(result.unlicensedAccounts).toEqual(['umbrella']);
    const rows = [
      { uid: 'x', org: 'acme', at: '2024-03-30T09:00:00Z' },
      { uid: 'y', org: 'acme', at: '2024-03-30T10:00:00Z' },
    ];
    const byAccessor = licenseUtilizationByAccount(rows, {
      licenses: [{ accountId: 'acme', licenses: 1 }],
      userId: (r) => r.uid,
      accountId: (r) => r.org,
      timestamp: (r) => r.at,
    });
    expect(byAccessor.accounts).toEqual([{ accountId: 'acme', activeUsers: 2, licenses: 1, ratio: 2, band: 'expand' }]);
  });

  it('does not mutate its inputs', () => {
    const events = Object.freeze([
      Object.freeze({ userId: 'u1', accountId: 'a', timestamp: '2024-03-30T09:00:00Z' }),
      Object.freeze({ userId: 'u2', accountId: 'a', timestamp: '2024-03-29T09:00:00Z' }),
    ]);
    const licenses = Object.freeze([Object.freeze({ accountId: 'a', licenses: 4 })]);
    const options = Object.freeze({ timeZone: 'America/New_York', thresholds: Object.freeze({ riskBelow: 0.4 }) });
    const first = licenseUtilizationByAccount(events, { licenses, ...options });
    expect(first.accounts).toEqual([{ accountId: 'a', activeUsers: 2, licenses: 4, ratio: 0.5, band: 'healthy' }]);
    expect(licenseUtilizationByAccount(events, { licenses, ...options })).toEqual(first);
  });

  it('rejects bad input with the field named', () => {
    const events = [{ userId: 'u', accountId: 'a', timestamp: 0 }];
    const duplicate = errorOf(() =>
      licenseUtilizationByAccount(events, { licenses: [
        { accountId: 'a', licenses: 1 },
        { accountId: 'b', licenses: 1 },
        { accountId: 'a', licenses: 2 },
      ] }),
    );
    expect(duplicate.code).toBe('duplicate-id');
    expect(duplicate.path).toBe('licenses[2].accountId');
    expect(duplicate.message).toBe('licenseUtilizationByAccount: licenses[2].accountId repeats the account of licenses[0]; give each account one row ("a")');

    const negative = errorOf(() => licenseUtilizationByAccount(events, { licenses: [{ accountId: 'a', licenses: -3 }] }));
    expect(negative.code).toBe('invalid-number');
    expect(negative.path).toBe('licenses[0].licenses');
    expect(negative.message).toBe('licenseUtilizationByAccount: licenses[0] (accountId "a").licenses must be a finite number >= 0 (-3)');
    const tiny = errorOf(() => licenseUtilizationByAccount(events, { licenses: [{ accountId: 'a', licenses: 5e-324 }] }));
    expect([tiny.path, tiny.message]).toEqual(['licenses[0].licenses', 'licenseUtilizationByAccount: licenses[0] (accountId "a").licenses is too small: active users / licenses overflows (5e-324)']);

    const noAccount = errorOf(() => licenseUtilizationByAccount([...events, { userId: 'u', timestamp: 0 }], { licenses: [] }));
    expect(noAccount.code).toBe('invalid-id');
    expect(noAccount.path).toBe('events[1].accountId');
    expect(noAccount.message).toBe('licenseUtilizationByAccount: events[1] (userId "u").accountId must be a non-empty string or a finite number (undefined)');

    const badTime = errorOf(() => licenseUtilizationByAccount([{ userId: 'u', accountId: 'a', timestamp: '2024-03-01 10:00' }], { licenses: [] }));
    expect(badTime.code).toBe('ambiguous-timestamp');
    expect(badTime.path).toBe('events[0].timestamp');

    const tableId = errorOf(() => licenseUtilizationByAccount(events, { licenses: [{ accountId: '', licenses: 1 }] }));
    expect(tableId.path).toBe('licenses[0].accountId');
    expect(errorOf(() => licenseUtilizationByAccount(events, { licenses: [null] })).path).toBe('licenses[0]');
    expect(errorOf(() => licenseUtilizationByAccount(events, { licenses: 5 as unknown as never[] })).message).toBe(
      'licenseUtilizationByAccount: options.licenses must be an array or another iterable of records (5)',
    );
    expect(errorOf(() => licenseUtilizationByAccount(events, {} as never)).message).toBe(
      'licenseUtilizationByAccount: options.licenses is required: the licenses table, an array or another iterable of { accountId, licenses } rows (undefined)',
    );
    // The 0.x order (licenses second, options third) says where the table goes.
    expect(errorOf(() => licenseUtilizationByAccount(events, [] as never))).toMatchObject({ code: 'invalid-option', path: 'options' });

    const window = errorOf(() => licenseUtilizationByAccount(events, { licenses: [], windowDays: 0 }));
    expect(window.path).toBe('options.windowDays');
    expect(window.message).toBe('licenseUtilizationByAccount: options.windowDays must be an integer >= 1 (0)');
    expect(errorOf(() => licenseUtilizationByAccount(events, { licenses: [], asOf: 'soon' })).path).toBe('options.asOf');
    expect(errorOf(() => licenseUtilizationByAccount(events, { licenses: [], timeZone: 'Mars/Olympus' })).code).toBe('invalid-time-zone');
    const crossed = errorOf(() => licenseUtilizationByAccount(events, { licenses: [], thresholds: { expandAbove: 0.4 } }));
    // The given threshold is the one named: riskBelow is left at its default, 0.5.
    expect(crossed.path).toBe('options.thresholds.expandAbove');
    expect(crossed.message).toBe(
      'licenseUtilizationByAccount: options.thresholds.expandAbove must not be below options.thresholds.riskBelow, which is 0.5 by default (0.4)',
    );
    const accessor = errorOf(() =>
      licenseUtilizationByAccount(events, { licenses: [], licenseFields: { licenses: 'seats' as unknown as (r: unknown) => unknown } }),
    );
    expect(accessor.path).toBe('options.licenseFields.licenses');
    expect(accessor.message).toBe('licenseUtilizationByAccount: options.licenseFields.licenses must be a function that reads the field from a record ("seats")');
    const noColumn = errorOf(() => licenseUtilizationByAccount({ userId: [1], timestamp: [0] }, { licenses: [] }));
    expect(noColumn.path).toBe('events.accountId');
  });

  it('rejects unknown and null options, in licenseFields and thresholds too', () => {
    const events = [{ userId: 'u', accountId: 'a', timestamp: 0 }];
    const typo = errorOf(() => licenseUtilizationByAccount(events, { licenses: [], windowdays: 7 } as never));
    expect([typo.code, typo.path, typo.message]).toEqual([
      'unknown-option',
      'options.windowdays',
      'licenseUtilizationByAccount: options.windowdays is not an option; did you mean windowDays? (7)',
    ]);
    // withinDays is the other unit (24-hour days from a start): not this option.
    expect(errorOf(() => licenseUtilizationByAccount(events, { licenses: [], withinDays: 7 } as never)).message).toBe(
      'licenseUtilizationByAccount: options.withinDays is not an option; did you mean windowDays? (7)',
    );
    expect(errorOf(() => licenseUtilizationByAccount(events, { licenses: [], licenseFields: { seats: (r: { seats: number }) => r.seats } } as never))).toMatchObject({
      code: 'unknown-option',
      path: 'options.licenseFields.seats',
    });
    expect(errorOf(() => licenseUtilizationByAccount(events, { licenses: [], thresholds: { riskbelow: 0.3 } } as never)).message).toBe(
      'licenseUtilizationByAccount: options.thresholds.riskbelow is not an option; did you mean riskBelow? (0.3)',
    );
    expect(errorOf(() => licenseUtilizationByAccount(events, { licenses: [], asOf: null } as never))).toMatchObject({ code: 'invalid-option', path: 'options.asOf' });
    expect(errorOf(() => licenseUtilizationByAccount(events, { licenses: [], licenseFields: null } as never))).toMatchObject({ code: 'invalid-option', path: 'options.licenseFields' });
  });

  // --- properties ---

  // No zone whose clocks fall back across midnight (America/Santiago, Asia/Beirut): there the library
  // keeps the repeated hour in the day already begun, while Intl shows the previous date.
  const zones = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kathmandu', 'Pacific/Kiritimati', 'Etc/GMT+12'];
  const START = Date.UTC(2024, 1, 20);
  const SPAN = 60 * 86_400_000; // through late April: the US, EU, Lord Howe and Chatham transitions
  const eventArb = fc.record({
    userId: fc.constantFrom('u1', 'u2', 'u3', 4, 5),
    accountId: fc.constantFrom('a', 'b', 'c', 'd'),
    timestamp: fc.integer({ min: START, max: START + SPAN }),
  });
  const tableArb = fc
    .uniqueArray(fc.constantFrom('a', 'b', 'c', 'e'), { maxLength: 4 })
    .chain((ids) => fc.tuple(...ids.map((accountId) => fc.record({ accountId: fc.constant(accountId), licenses: fc.nat({ max: 4 }) }))));
  const optionsArb = fc.record(
    {
      timeZone: fc.constantFrom(...zones),
      windowDays: fc.integer({ min: 1, max: 40 }),
      asOf: fc.integer({ min: START, max: START + SPAN }),
    },
    { requiredKeys: ['timeZone', 'windowDays'] },
  );

  /** Local `YYYY-MM-DD` from Intl, one call per event: the slow obvious way. */

  it('property: agrees with a slow model built on Intl day keys', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 30 }), tableArb, optionsArb, (events, table, options) => {
        const result = licenseUtilizationByAccount(events, { licenses: table, ...options });
        const asOf = options.asOf ?? (events.length === 0 ? null : Math.max(...events.map((e) => e.timestamp)));
        const to = asOf === null ? null : localKey(asOf, options.timeZone);
        const window = new Set<string>();
        if (to !== null) for (let k = 0; k < options.windowDays; k++) window.add(addDays(to, -k));
        // Events after asOf do not count, even on its day.
        const counted = events.filter((e) => asOf !== null && e.timestamp <= asOf);
        const expected = table.map(({ accountId, licenses }) => {
          const users = new Set(counted.filter((e) => e.accountId === accountId && window.has(localKey(e.timestamp, options.timeZone))).map((e) => e.userId));
          const ratio = licenses === 0 ? null : users.size / licenses;
          const band = ratio === null ? null : ratio > 1 ? 'expand' : ratio < 0.5 ? 'adoption-risk' : 'healthy';
          return { accountId, activeUsers: users.size, licenses, ratio, band };
        });
        expected.sort((x, y) => (x.ratio === y.ratio ? (x.accountId < y.accountId ? -1 : 1) : x.ratio === null ? 1 : y.ratio === null ? -1 : x.ratio - y.ratio));
        expect(result.accounts).toEqual(expected);
        expect(result.to).toBe(to);
        expect(result.from).toBe(to === null ? null : addDays(to, 1 - options.windowDays));
        // Complete when asOf is the last millisecond of its day.
        expect(result.complete).toBe(asOf !== null && localKey(asOf + 1, options.timeZone) !== to);
        const licensed = new Set<string>(table.map((r) => r.accountId));
        expect(result.unlicensedAccounts).toEqual([...new Set(events.map((e) => e.accountId))].filter((a) => !licensed.has(a)).sort());
        for (const row of result.accounts) {
          if (row.ratio !== null) expect(row.ratio).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('property: shuffling and duplicating events change nothing', () => {
    fc.assert(
      fc.property(
        fc.array(eventArb, { maxLength: 30 }),
        tableArb,
        optionsArb,
        fc.integer(),
        (events, table, options, seed) => {
          const base = licenseUtilizationByAccount(events, { licenses: table, ...options });
          const shuffled = shuffle(events, seed);
          expect(licenseUtilizationByAccount(shuffled, { licenses: shuffle(table, seed + 1), ...options })).toEqual(base);
          expect(licenseUtilizationByAccount([...shuffled, ...events], { licenses: table, ...options })).toEqual(base);
        },
      ),
    );
  });
});

/** A deterministic Fisher-Yates shuffle (a copy). */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed >>> 0 || 1;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
