import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { healthScore } from '../../src/scores/health-score.js';
import { healthScores } from '../../src/scores/health-scores.js';
import { errorOf } from '../support/errors.js';

/** Runs `run`, expecting a MetricsInputError with exactly this code, path and message. */
function expectError(run: () => unknown, expected: { code: string; path: string; message: string }): void {
  const error = errorOf(run);
  expect({ code: error.code, path: error.path, message: error.message }).toEqual(expected);
}

interface Account {
  readonly accountId: string | number;
  readonly dauMau?: number | null;
  readonly openTickets?: number | null;
  readonly csat?: unknown;
}

/** DAU/MAU 0..0.5 linear (weight 2), open tickets 10..0 linear (weight 1). */
const components = [
  { name: 'dauMau', weight: 2, value: (a: Account) => a.dauMau, normalize: { linear: [0, 0.5] as const } },
  { name: 'openTickets', weight: 1, value: (a: Account) => a.openTickets, normalize: { linear: [10, 0] as const } },
];

describe('healthScores', () => {
  it('runs the doc example', () => {
    const accounts = [
      { accountId: 'acme', dauMau: 0.3, openTickets: 4 },
      { accountId: 'globex', dauMau: 0.1, openTickets: 12 },
      { accountId: 'initech', dauMau: null, openTickets: null },
      { accountId: 'umbrella', dauMau: 0.5, openTickets: 0 },
    ];
    const result = healthScores(accounts, { components, previous: new Map([['acme', 70], ['umbrella', 98]]) });
    // acme: 60 · 2/3 + 60 · 1/3 = 60 (70 before: −10, down); globex: 20 · 2/3 + 0 = 13.33 (red);
    // umbrella: 100 (98 before: +2, flat); initech: nothing present, last.
    const rows = result.accounts.map((row) => [row.accountId, row.score === null ? null : Math.round(row.score * 100) / 100, row.band, row.trend]);
    expect(rows).toEqual([
      ['globex', 13.33, 'red', null],
      ['acme', 60, 'yellow', 'down'],
      ['umbrella', 100, 'green', 'flat'],
      ['initech', null, null, null],
    ]);
  });

  it('gives exactly the common value when every present component has it (Σ w·normalized / Σ w, divided once)', () => {
    // umbrella: dauMau 0.5 → 100 at weight 2, openTickets 0 → 100 at weight 1: (200 + 100) / 3 = 100
    // exactly. Summing the points 100 · (2/3) + 100 · (1/3) gave 99.99999999999999 before 1.0.
    const umbrella = healthScores([{ accountId: 'umbrella', dauMau: 0.5, openTickets: 0 }], { components }).accounts[0];
    expect(umbrella?.score).toBe(100);
    // globex: (2 · 20 + 1 · 0) / 3 = 40/3, the double nearest to 13.333…
    const globex = healthScores([{ accountId: 'globex', dauMau: 0.1, openTickets: 12 }], { components }).accounts[0];
    expect(globex?.score).toBe(40 / 3);
  });

  it('scores every account as the classifier does and echoes the parameters', () => {
    const accounts: Account[] = [
      { accountId: 'a', dauMau: 0.2, openTickets: 1 },
      { accountId: 'b', dauMau: 0.4 },
    ];
    const result = healthScores(accounts, { components, trendTolerance: 3, previous: (account) => (account.accountId === 'a' ? { score: 50 } : null) });
    const classify = healthScore({ components, trendTolerance: 3 });
    expect(result.bands).toEqual([
      { name: 'red', from: 0, to: 50 },
      { name: 'yellow', from: 51, to: 75 },
      { name: 'green', from: 76, to: 100 },
    ]);
    expect(result.trendTolerance).toBe(3);
    // a: 40 · 2/3 + 90 · 1/3 = 56.67, 50 before: up by 6.67 > 3; b: tickets missing, 80.
    expect(result.accounts).toEqual([
      { accountId: 'a', ...classify(accounts[0] as Account, 50) },
      { accountId: 'b', ...classify(accounts[1] as Account) },
    ]);
    expect(result.accounts[0]?.trend).toBe('up');
    expect(result.accounts[1]?.missing).toEqual(['openTickets']);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('sorts worst first, null scores last, ties by id with numbers before strings', () => {
    const accounts: Account[] = [
      { accountId: 'zeta', dauMau: 0.25, openTickets: 5 }, // 50
      { accountId: 'beta', dauMau: 0.25, openTickets: 5 }, // 50
      { accountId: 10, dauMau: 0.25, openTickets: 5 }, // 50
      { accountId: 2, dauMau: 0.25, openTickets: 5 }, // 50
      { accountId: 'none' }, // null
      { accountId: 1 }, // null
      { accountId: 'low', dauMau: 0, openTickets: 10 }, // 0
      { accountId: 'high', dauMau: 1, openTickets: 0 }, // 100
    ];
    const result = healthScores(accounts, { components });
    expect(result.accounts.map((row) => row.accountId)).toEqual(['low', 2, 10, 'beta', 'zeta', 'high', 1, 'none']);
  });

  it('reads ids through an accessor and previous scores from a Map by id', () => {
    const rows = [
      { uid: 7, dauMau: 0.5, openTickets: 0 },
      { uid: '7', dauMau: 0.1, openTickets: 9 },
    ];
    const result = healthScores(rows, {
      components: [
        { name: 'dauMau', weight: 2, value: (a) => a.dauMau, normalize: { linear: [0, 0.5] } },
        { name: 'openTickets', weight: 1, value: (a) => a.openTickets, normalize: { linear: [10, 0] } },
      ],
      accountId: (row) => row.uid,
      // The number 7 and the string '7' are different ids.
      previous: new Map<string | number, number>([[7, 100]]),
    });
    // '7': 20 · 2/3 + 10 · 1/3 = 16.67, no previous; 7: 100, flat against 100.
    expect(result.accounts.map((row) => [row.accountId, row.previous, row.trend])).toEqual([
      ['7', null, null],
      [7, 100, 'flat'],
    ]);
  });

  it('takes any iterable and gives an empty list for no accounts', () => {
    function* generate(): Generator<Account> {
      yield { accountId: 'x', dauMau: 0.5, openTickets: 0 };
    }
    expect(healthScores(generate(), { components }).accounts.map((row) => row.accountId)).toEqual(['x']);
    expect(healthScores([], { components }).accounts).toEqual([]);
  });

  it('does not mutate the accounts', () => {
    const accounts = Object.freeze([Object.freeze({ accountId: 'a', dauMau: 0.1, openTickets: 2 }), Object.freeze({ accountId: 'b', dauMau: 0.3 })]);
    const first = healthScores(accounts, { components });
    expect(healthScores(accounts, { components })).toEqual(first);
    expect(accounts[0]).toEqual({ accountId: 'a', dauMau: 0.1, openTickets: 2 });
  });

  it('names the account (index and id) and the component in errors', () => {
    const accounts: Account[] = [
      { accountId: 'a', dauMau: 0.1 },
      { accountId: 'b', dauMau: Number.NaN },
    ];
    expectError(() => healthScores(accounts, { components }), {
      code: 'invalid-number',
      path: 'accounts[1].dauMau',
      message: 'healthScores: accounts[1] (accountId "b").dauMau must be a finite number, null or undefined (NaN)',
    });
    const withCsat = [...components, { name: 'csat', weight: 1, value: (a: Account) => a.csat as number | undefined, normalize: (v: number) => v * 20 }];
    expectError(() => healthScores([{ accountId: 'a' }, { accountId: 'b' }, { accountId: 'c', csat: 7 }], { components: withCsat }), {
      code: 'invalid-normalized',
      path: 'options.components[2].normalize',
      message: 'healthScores: options.components[2].normalize must return a finite number from 0 to 100 (returned 140 for accounts[2] (accountId "c").csat = 7)',
    });
  });

  it('rejects bad ids, duplicate ids and non-records', () => {
    expectError(() => healthScores([{ accountId: 'a' }, { accountId: 'a' }], { components }), {
      code: 'duplicate-id',
      path: 'accounts[1].accountId',
      message: 'healthScores: accounts[1].accountId repeats the id of an earlier account ("a")',
    });
    expectError(() => healthScores([{ accountId: '' }], { components }), {
      code: 'invalid-id',
      path: 'accounts[0].accountId',
      message: 'healthScores: accounts[0].accountId must be a non-empty string or a finite number ("")',
    });
    expect(errorOf(() => healthScores([{ dauMau: 1 } as unknown as Account], { components })).message).toBe(
      'healthScores: accounts[0].accountId must be a non-empty string or a finite number (undefined)',
    );
    expectError(() => healthScores([null as unknown as Account], { components }), {
      code: 'invalid-record',
      path: 'accounts[0]',
      message: 'healthScores: accounts[0] must be an object (null)',
    });
    expect(errorOf(() => healthScores(5 as unknown as Account[], { components })).path).toBe('accounts');
  });

  it('rejects bad options and previous scores', () => {
    expect(errorOf(() => healthScores([], { components: [] })).path).toBe('options.components');
    expect(errorOf(() => healthScores([], { components, accountId: 'id' as unknown as (a: Account) => string })).path).toBe('options.accountId');
    expectError(() => healthScores([], { components, previous: { acme: 50 } as unknown as Map<string, number> }), {
      code: 'invalid-option',
      path: 'options.previous',
      message: 'healthScores: options.previous must be a Map from account id to previous score, or a function (account, index) => previous score ({"acme":50})',
    });
    expectError(() => healthScores([{ accountId: 'acme', dauMau: 0.1 }], { components, previous: new Map([['acme', 101]]) }), {
      code: 'invalid-number',
      path: 'options.previous.get("acme")',
      message: 'healthScores: options.previous.get("acme") must be a score from 0 to 100, a previous result or null (101)',
    });
    expectError(() => healthScores([{ accountId: 3, dauMau: 0.1 }], { components, previous: () => ({ score: -1 }) }), {
      code: 'invalid-number',
      path: 'options.previous(accounts[0]).score',
      message: 'healthScores: options.previous(accounts[0] (accountId 3)).score must be a score from 0 to 100 or null (-1)',
    });
  });

  it('property: the order of the accounts does not matter', () => {
    const metric = fc.option(fc.double({ min: -1, max: 2, noNaN: true }), { nil: null });
    const accountsArb = fc.uniqueArray(
      fc.record({ accountId: fc.oneof(fc.integer({ min: -5, max: 20 }), fc.string({ minLength: 1, maxLength: 3 })), dauMau: metric, openTickets: metric }),
      { selector: (a) => a.accountId, maxLength: 25 },
    );
    fc.assert(
      fc.property(accountsArb, fc.integer({ min: 0, max: 1_000_000 }), (accounts, seed) => {
        const shuffled = [...accounts];
        let state = seed;
        for (let i = shuffled.length - 1; i > 0; i--) {
          state = (state * 1103515245 + 12345) % 2147483648;
          const j = state % (i + 1);
          const swap = shuffled[i] as (typeof shuffled)[number];
          shuffled[i] = shuffled[j] as (typeof shuffled)[number];
          shuffled[j] = swap;
        }
        const previous = new Map(accounts.map((a, i) => [a.accountId, (i * 37) % 101]));
        const result = healthScores(accounts, { components, previous });
        expect(healthScores(shuffled, { components, previous })).toEqual(result);
        // Sorted: non-decreasing scores, nulls at the end.
        const scores = result.accounts.map((row) => row.score);
        const firstNull = scores.indexOf(null);
        const present = (firstNull === -1 ? scores : scores.slice(0, firstNull)) as number[];
        if (firstNull !== -1) expect(scores.slice(firstNull).every((s) => s === null)).toBe(true);
        for (let i = 1; i < present.length; i++) expect(present[i]).toBeGreaterThanOrEqual(present[i - 1] as number);
      }),
    );
  });
});
