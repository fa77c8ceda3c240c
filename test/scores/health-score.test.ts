import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { healthScore } from '../../src/scores/health-score.js';
import type { HealthComponent, HealthNormalizer } from '../../src/scores/types.js';
import { errorOf } from '../support/errors.js';

/** Runs `run`, expecting a MetricsInputError with exactly this code, path and message. */
function expectError(run: () => unknown, expected: { code: string; path: string; message: string }): void {
  const error = errorOf(run);
  expect({ code: error.code, path: error.path, message: error.message }).toEqual(expected);
}

/** Asserts |actual − expected| <= 1e-9 (scores live in 0..100). */
function expectNear(actual: number | null, expected: number): void {
  expect(actual).not.toBe(null);
  expect(Math.abs((actual as number) - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9);
}

interface Account {
  readonly logins?: number | null | undefined;
  readonly utilization?: number | null | undefined;
  readonly csat?: unknown;
}

/** Logins per week (0..20 linear), license utilization (0.2..1 linear), CSAT 1..5 (× 20). */
const threeComponents = () =>
  healthScore({
    components: [
      { name: 'logins', weight: 50, value: (a: Account) => a.logins, normalize: { linear: [0, 20] } },
      { name: 'utilization', weight: 30, value: (a: Account) => a.utilization, normalize: { linear: [0.2, 1] } },
      { name: 'csat', weight: 20, value: (a: Account) => a.csat as number | null | undefined, normalize: (v) => v * 20 },
    ],
  });

/** A one-component score whose value is already 0..100, to place scores exactly. */
const identity = (options: { trendTolerance?: number } = {}) =>
  healthScore({ components: [{ name: 'x', weight: 1, value: (a: number) => a, normalize: (v) => v }], ...options });

describe('healthScore', () => {
  it('runs the doc example', () => {
    interface Doc {
      dauMau?: number | null;
      nps?: number | null;
      openTickets?: number | null;
    }
    const classify = healthScore({
      components: [
        { name: 'dauMau', weight: 40, value: (a: Doc) => a.dauMau, normalize: { linear: [0, 0.5] } },
        { name: 'nps', weight: 30, value: (a: Doc) => a.nps, normalize: { linear: [-100, 100] } },
        { name: 'openTickets', weight: 30, value: (a: Doc) => a.openTickets, normalize: { thresholds: [[0, 100], [3, 50], [10, 0]] } },
      ],
    });
    const acme = { dauMau: 0.3, nps: 40, openTickets: 4 };
    // dauMau 0.3 / 0.5 → 60; NPS (40 + 100) / 200 → 70; 4 tickets reach [3, 50] → 50.
    // 0.4 · 60 + 0.3 · 70 + 0.3 · 50 = 24 + 21 + 15 = 60 → yellow.
    expectNear(classify(acme).score, 60);
    expect(classify(acme).band).toBe('yellow');
    // Without NPS: 60 · 40/70 + 50 · 30/70 = 390/7 = 55.714...
    expect(classify({ ...acme, nps: null }).missing).toEqual(['nps']);
    expectNear(classify({ ...acme, nps: null }).score, 390 / 7);
    // 60 − 52 = 8 > 5: up; 60 − 55 = 5: flat.
    expect(classify(acme, 52).trend).toBe('up');
    expect(classify(acme, 55).trend).toBe('flat');
    expect(classify({}).band).toBe(null);
  });

  it('combines three components by weight, the points summing to the score', () => {
    // logins 15 / 20 → 75; utilization (0.6 − 0.2) / 0.8 → 50; CSAT 4 · 20 → 80.
    // Shares 50/100, 30/100, 20/100: 37.5 + 15 + 16 = 68.5, rounded 69 → yellow.
    const result = threeComponents()({ logins: 15, utilization: 0.6, csat: 4 });
    expectNear(result.score, 68.5);
    expect(result.band).toBe('yellow');
    expect(result.missing).toEqual([]);
    expect(result.previous).toBe(null);
    expect(result.change).toBe(null);
    expect(result.trend).toBe(null);
    expect(result.contributions.map((c) => [c.name, c.value])).toEqual([
      ['logins', 15],
      ['utilization', 0.6],
      ['csat', 4],
    ]);
    const expected = [
      [75, 0.5, 37.5],
      [50, 0.3, 15],
      [80, 0.2, 16],
    ];
    result.contributions.forEach((c, i) => {
      const [normalized, weight, points] = expected[i] as [number, number, number];
      expectNear(c.normalized, normalized);
      expectNear(c.weight, weight);
      expectNear(c.points, points);
    });
  });

  it('spreads the weight of a missing component over the present ones in proportion', () => {
    // Utilization missing: shares 50/70 and 20/70; 75 · 5/7 + 80 · 2/7 = 535/7 = 76.43 → green.
    for (const utilization of [null, undefined]) {
      const result = threeComponents()({ logins: 15, utilization, csat: 4 });
      expectNear(result.score, 535 / 7);
      expect(result.band).toBe('green');
      expect(result.missing).toEqual(['utilization']);
      expect(result.contributions[1]).toEqual({ name: 'utilization', value: null, normalized: null, weight: 0, points: 0 });
      expectNear(result.contributions[0]?.weight ?? null, 5 / 7);
      expectNear(result.contributions[2]?.weight ?? null, 2 / 7);
    }
    // Two missing: the last one carries all the weight.
    const alone = threeComponents()({ csat: 2 });
    expectNear(alone.score, 40);
    expect(alone.missing).toEqual(['logins', 'utilization']);
    expect(alone.contributions[2]?.weight).toBe(1);
  });

  it('gives a null score, band and trend when every component is missing', () => {
    const result = threeComponents()({}, 60);
    expect(result).toEqual({
      score: null,
      band: null,
      contributions: [
        { name: 'logins', value: null, normalized: null, weight: 0, points: 0 },
        { name: 'utilization', value: null, normalized: null, weight: 0, points: 0 },
        { name: 'csat', value: null, normalized: null, weight: 0, points: 0 },
      ],
      missing: ['logins', 'utilization', 'csat'],
      previous: 60,
      change: null,
      trend: null,
    });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('reports zero-weight components without letting them score', () => {
    const classify = healthScore({
      components: [
        { name: 'usage', weight: 1, value: (a: { usage?: number; tickets?: number }) => a.usage, normalize: { linear: [0, 10] } },
        { name: 'tickets', weight: 0, value: (a: { usage?: number; tickets?: number }) => a.tickets, normalize: { linear: [10, 0] } },
      ],
    });
    // usage 3 → 30 with the whole weight; tickets 0 → 100 but weight 0.
    const both = classify({ usage: 3, tickets: 0 });
    expectNear(both.score, 30);
    expect(both.contributions[1]).toEqual({ name: 'tickets', value: 0, normalized: 100, weight: 0, points: 0 });
    // Only the zero-weight component present: no weighted information, no score.
    const onlyZero = classify({ tickets: 0 });
    expect(onlyZero.score).toBe(null);
    expect(onlyZero.band).toBe(null);
    expect(onlyZero.missing).toEqual(['usage']);
    expect(onlyZero.contributions[1]).toEqual({ name: 'tickets', value: 0, normalized: 100, weight: 0, points: 0 });
  });

  it('normalizes with a custom function', () => {
    // Seats used 0..∞ mapped by 100 · (1 − 2^(−v/10)): 10 → 50, 20 → 75, 0 → 0.
    const classify = healthScore({
      components: [{ name: 'seats', weight: 1, value: (a: number) => a, normalize: (v) => 100 * (1 - 2 ** (-v / 10)) }],
    });
    expectNear(classify(10).score, 50);
    expectNear(classify(20).score, 75);
    expect(classify(0).score).toBe(0);
    expect(classify(20).band).toBe('yellow');
  });

  it('normalizes with thresholds: the points of the last entry reached, 0 below the first', () => {
    const classify = healthScore({
      components: [{ name: 'nps', weight: 1, value: (a: number) => a, normalize: { thresholds: [[-50, 20], [0, 60], [50, 100]] } }],
    });
    expect(classify(-100).score).toBe(0); // below -50: no entry reached
    expect(classify(-50).score).toBe(20); // exactly at atLeast: reached
    expect(classify(-0.5).score).toBe(20);
    expect(classify(0).score).toBe(60);
    expect(classify(49.99).score).toBe(60);
    expect(classify(50).score).toBe(100);
    expect(classify(100).score).toBe(100);
    // A step table for "lower is better": open tickets 0 → 100, 1..4 → 70, 5..9 → 30, 10+ → 0.
    const tickets = healthScore({
      components: [{ name: 'tickets', weight: 1, value: (a: number) => a, normalize: { thresholds: [[0, 100], [1, 70], [5, 30], [10, 0]] } }],
    });
    expect([0, 1, 4, 5, 9, 10, 25].map((n) => tickets(n).score)).toEqual([100, 70, 70, 30, 30, 0, 0]);
  });

  it('normalizes linearly with worst above best for lower-is-better values, clamped', () => {
    const classify = healthScore({
      components: [{ name: 'openTickets', weight: 1, value: (a: number) => a, normalize: { linear: [10, 0] } }],
    });
    // 100 · (v − 10) / (0 − 10): 0 → 100, 2 → 80, 5 → 50, 10 → 0; clamped outside [0, 10].
    expect(classify(0).score).toBe(100);
    expectNear(classify(2).score, 80);
    expectNear(classify(5).score, 50);
    expect(classify(10).score).toBe(0);
    expect(classify(15).score).toBe(0);
    expect(classify(-3).score).toBe(100);
    // Better is higher, clamped too: 0..0.5 DAU/MAU, 0.7 → 100.
    const dauMau = healthScore({ components: [{ name: 'dauMau', weight: 1, value: (a: number) => a, normalize: { linear: [0, 0.5] } }] });
    expect(dauMau(0.7).score).toBe(100);
    expect(dauMau(-1).score).toBe(0);
    // Huge values do not overflow into NaN.
    expect(classify(Number.MAX_VALUE).score).toBe(0);
    expect(classify(-Number.MAX_VALUE).score).toBe(100);
  });

  it('bands the score rounded to an integer, halves up, with the default bands', () => {
    const classify = identity();
    const cases: [number, string][] = [
      [0, 'red'],
      [50, 'red'],
      [50.4, 'red'],
      [50.49, 'red'],
      [50.5, 'yellow'], // rounds to 51
      [50.6, 'yellow'],
      [51, 'yellow'],
      [75, 'yellow'],
      [75.4, 'yellow'],
      [75.5, 'green'], // rounds to 76
      [76, 'green'],
      [100, 'green'],
    ];
    for (const [score, band] of cases) expect([score, classify(score).band]).toEqual([score, band]);
    // Floating-point noise just under a half counts as the half.
    expect(classify(50.49999999999999).band).toBe('yellow');
    expect(classify(50.4999999).band).toBe('red');
    // The reported score is not rounded.
    expect(classify(50.6).score).toBe(50.6);
  });

  it('bands a weighted mean of exactly 50.5 as yellow despite rounding in the weights', () => {
    // 50.1 · 0.7 + 51.433... · 0.3 is 50.5 in exact arithmetic; whatever the last bit, yellow.
    const classify = healthScore({
      components: [
        { name: 'a', weight: 0.7, value: (x: [number, number]) => x[0], normalize: (v) => v },
        { name: 'b', weight: 0.3, value: (x: [number, number]) => x[1], normalize: (v) => v },
      ],
    });
    const result = classify([50.1, (50.5 - 0.7 * 50.1) / 0.3]);
    expectNear(result.score, 50.5);
    expect(result.band).toBe('yellow');
  });

  it('takes custom bands and echoes their names', () => {
    const classify = healthScore({
      components: [{ name: 'x', weight: 1, value: (a: number) => a, normalize: (v) => v }],
      bands: [
        { name: 'at-risk', from: 0, to: 39 },
        { name: 'neutral', from: 40, to: 69 },
        { name: 'healthy', from: 70, to: 100 },
      ],
    });
    expect([39, 39.5, 69.4, 69.5, 100].map((s) => classify(s).band)).toEqual(['at-risk', 'neutral', 'neutral', 'healthy', 'healthy']);
    const single = healthScore({
      components: [{ name: 'x', weight: 1, value: (a: number) => a, normalize: (v) => v }],
      bands: [{ name: 'all', from: 0, to: 100 }],
    });
    expect(single(0).band).toBe('all');
    expect(single(100).band).toBe('all');
  });

  it('compares with the previous score within the tolerance, both edges flat', () => {
    const classify = identity();
    // change = 60 − previous; |change| <= 5 is flat.
    expect(classify(60, 55)).toMatchObject({ previous: 55, change: 5, trend: 'flat' });
    expect(classify(60, 54.9).trend).toBe('up'); // 5.1
    expect(classify(60, 65)).toMatchObject({ change: -5, trend: 'flat' });
    expect(classify(60, 65.1).trend).toBe('down'); // −5.1
    expect(classify(60, 60).trend).toBe('flat');
    expect(classify(60, 0).trend).toBe('up');
    expect(classify(60, 100).trend).toBe('down');
    // 70.1 − 65.1 is 5 up to the last bit: flat either way.
    expect(classify(70.1, 65.1).trend).toBe('flat');
    expect(classify(65.1, 70.1).trend).toBe('flat');
    // A custom tolerance; 0 makes any change count.
    expect(identity({ trendTolerance: 10 })(60, 50).trend).toBe('flat');
    expect(identity({ trendTolerance: 10 })(60, 49).trend).toBe('up');
    expect(identity({ trendTolerance: 0 })(60, 60).trend).toBe('flat');
    expect(identity({ trendTolerance: 0 })(60, 59.9).trend).toBe('up');
    expect(identity({ trendTolerance: 0 })(60, 60.1).trend).toBe('down');
  });

  it('takes a previous result (or null) as the previous score', () => {
    const classify = threeComponents();
    const lastMonth = classify({ logins: 10, utilization: 0.6, csat: 3 }); // 25 + 15 + 12 = 52
    const now = classify({ logins: 15, utilization: 0.6, csat: 4 }, lastMonth); // 68.5
    expectNear(now.previous, 52);
    expectNear(now.change, 16.5);
    expect(now.trend).toBe('up');
    expect(classify({ logins: 15 }, classify({})).trend).toBe(null); // previous score null
    expect(classify({ logins: 15 }, null)).toMatchObject({ previous: null, change: null, trend: null });
  });

  it('names a component whose value is present but not a finite number', () => {
    const classify = threeComponents();
    expectError(() => classify({ logins: Number.NaN }), {
      code: 'invalid-number',
      path: 'account.logins',
      message: 'healthScore: account.logins must be a finite number, null or undefined (NaN)',
    });
    expectError(() => classify({ csat: '5' }), {
      code: 'invalid-number',
      path: 'account.csat',
      message: 'healthScore: account.csat must be a finite number, null or undefined ("5")',
    });
    expect(errorOf(() => classify({ logins: Number.POSITIVE_INFINITY })).path).toBe('account.logins');
    const spaced = healthScore({ components: [{ name: 'open tickets', weight: 1, value: (a: unknown) => a as number, normalize: { linear: [10, 0] } }] });
    expectError(() => spaced(true), {
      code: 'invalid-number',
      path: 'account["open tickets"]',
      message: 'healthScore: account["open tickets"] must be a finite number, null or undefined (true)',
    });
  });

  it('refuses a custom normalizer result outside 0..100, naming the component', () => {
    const classify = threeComponents();
    // CSAT 7 · 20 = 140.
    expectError(() => classify({ csat: 7 }), {
      code: 'invalid-normalized',
      path: 'options.components[2].normalize',
      message: 'healthScore: options.components[2].normalize must return a finite number from 0 to 100 (returned 140 for account.csat = 7)',
    });
    expect(errorOf(() => classify({ csat: 7 })).value).toBe(140);
    expect(errorOf(() => classify({ csat: -1 })).message).toContain('(returned -20 for account.csat = -1)');
    const nan = healthScore({ components: [{ name: 'x', weight: 1, value: (a: number) => a, normalize: () => Number.NaN }] });
    expect(errorOf(() => nan(1)).message).toBe(
      'healthScore: options.components[0].normalize must return a finite number from 0 to 100 (returned NaN for account.x = 1)',
    );
  });

  it('rejects bad weights and names', () => {
    const read = (a: number) => a;
    expectError(
      () =>
        healthScore({
          components: [
            { name: 'a', weight: 1, value: read, normalize: (v) => v },
            { name: 'b', weight: -1, value: read, normalize: (v) => v },
          ],
        }),
      { code: 'invalid-number', path: 'options.components[1].weight', message: 'healthScore: options.components[1].weight must be a finite number >= 0 (-1)' },
    );
    expectError(
      () =>
        healthScore({
          components: [
            { name: 'a', weight: 0, value: read, normalize: (v) => v },
            { name: 'b', weight: 0, value: read, normalize: (v) => v },
          ],
        }),
      {
        code: 'invalid-option',
        path: 'options.components',
        message: 'healthScore: options.components must have at least one component with a weight > 0 (an array of 2)',
      },
    );
    expectError(
      () =>
        healthScore({
          components: [
            { name: 'nps', weight: 1, value: read, normalize: (v) => v },
            { name: 'nps', weight: 2, value: read, normalize: (v) => v },
          ],
        }),
      { code: 'duplicate-name', path: 'options.components[1].name', message: 'healthScore: options.components[1].name names a component already defined ("nps")' },
    );
    expect(errorOf(() => healthScore({ components: [{ name: 'a', weight: Number.NaN, value: read, normalize: (v) => v }] })).path).toBe(
      'options.components[0].weight',
    );
    expect(errorOf(() => healthScore({ components: [{ name: 'a', weight: '1' as unknown as number, value: read, normalize: (v) => v }] })).message).toBe(
      'healthScore: options.components[0].weight must be a finite number >= 0 ("1")',
    );
    expect(errorOf(() => healthScore({ components: [{ name: '', weight: 1, value: read, normalize: (v) => v }] })).message).toBe(
      'healthScore: options.components[0].name must be a non-empty string ("")',
    );
    expect(
      errorOf(() =>
        healthScore({
          components: [
            { name: 'a', weight: 1e308, value: read, normalize: (v) => v },
            { name: 'b', weight: 1e308, value: read, normalize: (v) => v },
          ],
        }),
      ).code,
    ).toBe('overflow');
  });

  it('rejects bad components and normalizers', () => {
    const read = (a: number) => a;
    const one = (normalize: unknown) => () => healthScore({ components: [{ name: 'a', weight: 1, value: read, normalize: normalize as HealthNormalizer }] });
    expectError(() => healthScore({ components: [] }), {
      code: 'invalid-option',
      path: 'options.components',
      message: 'healthScore: options.components must be a non-empty array of { name, weight, value, normalize } (an array of 0)',
    });
    expect(errorOf(() => healthScore(undefined as unknown as { components: [] })).message).toBe(
      'healthScore: options must be an object { components, bands?, trendTolerance? } (undefined)',
    );
    expect(errorOf(() => healthScore({ components: [null as unknown as HealthComponent<number>] })).path).toBe('options.components[0]');
    expect(errorOf(() => healthScore({ components: [{ name: 'a', weight: 1, value: 'nps' as unknown as typeof read, normalize: (v) => v }] })).message).toBe(
      'healthScore: options.components[0].value must be a function that reads the value from an account ("nps")',
    );
    expectError(one({ linear: [5, 5] }), {
      code: 'invalid-option',
      path: 'options.components[0].normalize.linear[1]',
      message: 'healthScore: options.components[0].normalize.linear[1] must differ from options.components[0].normalize.linear[0], which is 5 (5)',
    });
    expect(errorOf(one({ linear: [0] })).path).toBe('options.components[0].normalize.linear');
    expect(errorOf(one({ linear: [0, Number.POSITIVE_INFINITY] })).path).toBe('options.components[0].normalize.linear[1]');
    expect(errorOf(one({ linear: [-1e308, 1e308] })).code).toBe('overflow');
    expectError(one({ thresholds: [[0, 10], [5, 20], [5, 30]] }), {
      code: 'invalid-option',
      path: 'options.components[0].normalize.thresholds[2][0]',
      message:
        'healthScore: options.components[0].normalize.thresholds[2][0] must be greater than options.components[0].normalize.thresholds[1][0], which is 5: thresholds ascend (5)',
    });
    expectError(one({ thresholds: [[0, 120]] }), {
      code: 'invalid-number',
      path: 'options.components[0].normalize.thresholds[0][1]',
      message: 'healthScore: options.components[0].normalize.thresholds[0][1] must be a finite number from 0 to 100 (120)',
    });
    expect(errorOf(one({ thresholds: [] })).path).toBe('options.components[0].normalize.thresholds');
    expect(errorOf(one({ thresholds: [[0]] })).path).toBe('options.components[0].normalize.thresholds[0]');
    expect(errorOf(one({ thresholds: [[Number.NaN, 1]] })).path).toBe('options.components[0].normalize.thresholds[0][0]');
    expectError(one(undefined), {
      code: 'invalid-option',
      path: 'options.components[0].normalize',
      message:
        'healthScore: options.components[0].normalize must be { linear: [worst, best] }, { thresholds: [[atLeast, points], ...] } or a function (undefined)',
    });
    expect(errorOf(one({ linear: [0, 1], thresholds: [[0, 1]] })).path).toBe('options.components[0].normalize');
    // 1.0: an unknown key of a normalizer object is an unknown-option error naming it (was a generic invalid-option).
    expectError(one({ log: [1, 10] }), {
      code: 'unknown-option',
      path: 'options.components[0].normalize.log',
      message: 'healthScore: options.components[0].normalize.log is not an option; the options are linear, thresholds (an array of 2)',
    });
  });

  it('rejects bands that overlap, leave a gap or do not cover 0..100', () => {
    const components = [{ name: 'x', weight: 1, value: (a: number) => a, normalize: (v: number) => v }];
    const withBands = (bands: { name: string; from: number; to: number }[]) => () => healthScore({ components, bands });
    expectError(
      withBands([
        { name: 'red', from: 0, to: 50 },
        { name: 'yellow', from: 50, to: 75 },
        { name: 'green', from: 76, to: 100 },
      ]),
      {
        code: 'invalid-option',
        path: 'options.bands[1].from',
        message: 'healthScore: options.bands[1].from overlaps options.bands[0], which ends at 50; it must be 51 (50)',
      },
    );
    expectError(
      withBands([
        { name: 'red', from: 0, to: 50 },
        { name: 'yellow', from: 52, to: 75 },
        { name: 'green', from: 76, to: 100 },
      ]),
      {
        code: 'invalid-option',
        path: 'options.bands[1].from',
        message: 'healthScore: options.bands[1].from leaves a gap after options.bands[0], which ends at 50; it must be 51 (52)',
      },
    );
    expectError(withBands([{ name: 'all', from: 1, to: 100 }]), {
      code: 'invalid-option',
      path: 'options.bands[0].from',
      message: 'healthScore: options.bands[0].from must be 0: the bands must cover 0 to 100 (1)',
    });
    expectError(
      withBands([
        { name: 'red', from: 0, to: 50 },
        { name: 'green', from: 51, to: 99 },
      ]),
      { code: 'invalid-option', path: 'options.bands[1].to', message: 'healthScore: options.bands[1].to must be 100: the bands must cover 0 to 100 (99)' },
    );
    expect(
      errorOf(
        withBands([
          { name: 'red', from: 0, to: 100 },
          { name: 'green', from: 101, to: 120 },
        ]),
      ).message,
    ).toBe('healthScore: options.bands[0].to must be below 100: only the last band may end at 100 (100)');
    expectError(
      withBands([
        { name: 'red', from: 0, to: 60 },
        { name: 'yellow', from: 61, to: 55 },
        { name: 'green', from: 56, to: 100 },
      ]),
      { code: 'invalid-option', path: 'options.bands[1].to', message: 'healthScore: options.bands[1].to must be an integer >= options.bands[1].from, which is 61 (55)' },
    );
    expect(
      errorOf(
        withBands([
          { name: 'red', from: 0, to: 50.5 },
          { name: 'green', from: 51, to: 100 },
        ]),
      ).path,
    ).toBe('options.bands[0].to');
    expect(
      errorOf(
        withBands([
          { name: 'red', from: 0, to: 50 },
          { name: 'red', from: 51, to: 100 },
        ]),
      ),
    ).toMatchObject({ code: 'duplicate-name', path: 'options.bands[1].name' });
    expect(errorOf(withBands([])).message).toBe('healthScore: options.bands must be a non-empty array of { name, from, to } covering 0 to 100 (an array of 0)');
    // Out of order is an overlap.
    expect(
      errorOf(
        withBands([
          { name: 'green', from: 0, to: 24 },
          { name: 'red', from: 0, to: 100 },
        ]),
      ).path,
    ).toBe('options.bands[1].from');
  });

  it('rejects a bad tolerance and a bad previous score', () => {
    const components = [{ name: 'x', weight: 1, value: (a: number) => a, normalize: (v: number) => v }];
    expectError(() => healthScore({ components, trendTolerance: -1 }), {
      code: 'invalid-number',
      path: 'options.trendTolerance',
      message: 'healthScore: options.trendTolerance must be a finite number >= 0 (-1)',
    });
    const classify = identity();
    expectError(() => classify(50, 120), {
      code: 'invalid-number',
      path: 'previous',
      message: 'healthScore: previous must be a score from 0 to 100, a previous result or null (120)',
    });
    expectError(() => classify(50, { score: Number.NaN }), {
      code: 'invalid-number',
      path: 'previous.score',
      message: 'healthScore: previous.score must be a score from 0 to 100 or null (NaN)',
    });
    expect(errorOf(() => classify(50, '40' as unknown as number)).path).toBe('previous');
  });

  it('copies its options and does not mutate them or the account', () => {
    const thresholds: [number, number][] = [
      [0, 40],
      [5, 80],
    ];
    const components: HealthComponent<{ a: number; b: number }>[] = [
      { name: 'a', weight: 3, value: (x) => x.a, normalize: { linear: [0, 10] } },
      { name: 'b', weight: 1, value: (x) => x.b, normalize: { thresholds } },
    ];
    const options = { components };
    const classify = healthScore(options);
    const account = Object.freeze({ a: 5, b: 6 });
    const first = classify(account);
    // 50 · 3/4 + 80 · 1/4 = 37.5 + 20 = 57.5.
    expectNear(first.score, 57.5);
    components[0] = { ...components[0]!, weight: 0 };
    (thresholds[1] as [number, number])[1] = 0;
    expect(classify(account)).toEqual(first);
    expect(account).toEqual({ a: 5, b: 6 });
  });

  describe('properties', () => {
    const value = fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null });
    const weight = fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e6, noNaN: true }));
    /** Normalizers where a higher value never scores lower. */
    const increasing: fc.Arbitrary<HealthNormalizer> = fc.oneof(
      fc
        .tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-3, max: 1e6, noNaN: true }))
        .map(([worst, span]): HealthNormalizer => ({ linear: [worst, worst + span] })),
      fc
        .uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 6 })
        .chain((bounds) => fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: bounds.length, maxLength: bounds.length }).map((points) => [bounds, points] as const))
        .map(([bounds, points]): HealthNormalizer => {
          const b = [...bounds].sort((x, y) => x - y);
          const p = [...points].sort((x, y) => x - y);
          return { thresholds: b.map((atLeast, i) => [atLeast, p[i] as number] as const) };
        }),
      fc.constant<HealthNormalizer>((v) => 100 / (1 + Math.exp(-v / 1000))),
    );
    /** Any normalizer, decreasing ones included. */
    const anyNormalizer: fc.Arbitrary<HealthNormalizer> = fc.oneof(
      increasing,
      fc
        .tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }))
        .filter(([a, b]) => a !== b)
        .map(([worst, best]): HealthNormalizer => ({ linear: [worst, best] })),
    );
    const setup = (normalizer: fc.Arbitrary<HealthNormalizer>) =>
      fc
        .array(fc.record({ weight, normalize: normalizer }), { minLength: 1, maxLength: 6 })
        .filter((specs) => specs.some((s) => s.weight > 0))
        .chain((specs) => fc.tuple(fc.constant(specs), fc.array(value, { minLength: specs.length, maxLength: specs.length })));
    const build = (specs: { weight: number; normalize: HealthNormalizer }[], scale = 1) =>
      healthScore({
        components: specs.map((s, i) => ({
          name: `c${i}`,
          weight: s.weight * scale,
          value: (account: readonly (number | null)[]) => account[i],
          normalize: s.normalize,
        })),
      });
    /** The obvious model: Σ w · n / Σ w over the present components with their normalized values. */
    const model = (specs: { weight: number; normalize: HealthNormalizer }[], account: (number | null)[], normalized: (number | null)[]) => {
      let top = 0;
      let bottom = 0;
      specs.forEach((s, i) => {
        if (account[i] === null) return;
        top += s.weight * (normalized[i] as number);
        bottom += s.weight;
      });
      return bottom === 0 ? null : top / bottom;
    };

    it('the score is in [0, 100] (or null), its points sum to it, and it matches the obvious model', () => {
      fc.assert(
        fc.property(setup(anyNormalizer), ([specs, account]) => {
          const result = build(specs)(account);
          const expected = model(
            specs,
            account,
            result.contributions.map((c) => c.normalized),
          );
          if (expected === null) {
            expect(result.score).toBe(null);
            return;
          }
          const score = result.score as number;
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(100);
          expect(Math.abs(score - expected)).toBeLessThanOrEqual(1e-9);
          const points = result.contributions.reduce((sum, c) => sum + c.points, 0);
          expect(Math.abs(points - score)).toBeLessThanOrEqual(1e-9);
          const shares = result.contributions.reduce((sum, c) => sum + c.weight, 0);
          expect(Math.abs(shares - 1)).toBeLessThanOrEqual(1e-12);
          for (const c of result.contributions) {
            if (c.normalized !== null) {
              expect(c.normalized).toBeGreaterThanOrEqual(0);
              expect(c.normalized).toBeLessThanOrEqual(100);
            }
          }
          expect(result.missing).toEqual(result.contributions.filter((c) => c.value === null).map((c) => c.name));
          expect(JSON.parse(JSON.stringify(result))).toEqual(result);
        }),
      );
    });

    it('a better value of a weighted component never lowers the score', () => {
      fc.assert(
        fc.property(
          setup(increasing),
          fc.nat(),
          fc.double({ min: -1e6, max: 1e6, noNaN: true }),
          fc.double({ min: -1e6, max: 1e6, noNaN: true }),
          ([specs, account], pick, a, b) => {
            const k = pick % specs.length;
            fc.pre((specs[k] as { weight: number }).weight > 0);
            const classify = build(specs);
            const low = [...account];
            const high = [...account];
            low[k] = Math.min(a, b);
            high[k] = Math.max(a, b);
            const lowScore = classify(low).score as number;
            const highScore = classify(high).score as number;
            expect(highScore).toBeGreaterThanOrEqual(lowScore - 1e-9);
          },
        ),
      );
    });

    it('scaling every weight by the same factor gives the same score', () => {
      fc.assert(
        fc.property(setup(anyNormalizer), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), ([specs, account], factor) => {
          const base = build(specs)(account);
          const scaled = build(specs, factor)(account);
          if (base.score === null) {
            expect(scaled.score).toBe(null);
            return;
          }
          expect(Math.abs((scaled.score as number) - base.score)).toBeLessThanOrEqual(1e-9);
          expect(scaled.band === base.band || Math.abs(base.score - Math.round(base.score)) > 0.4999).toBe(true);
        }),
      );
    });

    it('a missing component scores as if it were not configured', () => {
      fc.assert(
        fc.property(setup(anyNormalizer), fc.nat(), ([specs, account], pick) => {
          const k = pick % specs.length;
          const without = specs.filter((_, i) => i !== k);
          fc.pre(without.some((s) => s.weight > 0));
          const missing = [...account];
          missing[k] = null;
          const full = build(specs)(missing);
          const reduced = build(without)(account.filter((_, i) => i !== k));
          if (reduced.score === null) expect(full.score).toBe(null);
          else expect(Math.abs((full.score as number) - reduced.score)).toBeLessThanOrEqual(1e-9);
        }),
      );
    });

    it('the trend agrees with the change and the tolerance', () => {
      fc.assert(
        fc.property(
          fc.double({ min: 0, max: 100, noNaN: true }),
          fc.double({ min: 0, max: 100, noNaN: true }),
          fc.double({ min: 0, max: 50, noNaN: true }),
          (score, previous, trendTolerance) => {
            const result = identity({ trendTolerance })(score, previous);
            const change = score - previous;
            expect(result.change).toBe(change);
            if (Math.abs(Math.abs(change) - trendTolerance) < 1e-6) return; // at the edge: see the example tests
            expect(result.trend).toBe(change > trendTolerance ? 'up' : change < -trendTolerance ? 'down' : 'flat');
          },
        ),
      );
    });
  });
});
