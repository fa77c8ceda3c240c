/**
 * 1.0 "no silent traps": every options object of the scores module (nested ones included)
 * rejects an unknown key with `unknown-option`, naming the closest valid key, and rejects
 * `null` for an option; `undefined` still means the default. Before 1.0 an unknown key was
 * ignored: `nps(r, { confidense: 0.8 })` silently computed a 95% interval.
 */
import { describe, expect, it } from 'vitest';
import { ces } from '../../src/scores/ces.js';
import { countShare } from '../../src/scores/count-share.js';
import { csat } from '../../src/scores/csat.js';
import { customerLifetimeValue } from '../../src/scores/customer-lifetime-value.js';
import { healthScore } from '../../src/scores/health-score.js';
import { healthScores } from '../../src/scores/health-scores.js';
import { nps } from '../../src/scores/nps.js';
import { npsChange } from '../../src/scores/nps-change.js';
import type { CustomerLifetimeValueOptions, HealthScoreOptions, HealthScoresOptions } from '../../src/scores/types.js';
import { errorOf } from '../support/errors.js';

/** Runs `run`, expecting a MetricsInputError with exactly this code, path and message. */
function expectError(run: () => unknown, expected: { code: string; path: string; message: string }): void {
  const error = errorOf(run);
  expect({ code: error.code, path: error.path, message: error.message }).toEqual(expected);
}

const NULL_PROBLEM = 'must not be null; leave it out (or pass undefined) for the default (null)';

/** Each function with its valid call, taking extra options, and its sorted option keys. */
const simple: { fn: string; call: (extra: object) => unknown; keys: string }[] = [
  { fn: 'nps', call: (extra) => nps([9, 7, 3], extra as never), keys: 'confidence, groupBy, method, score' },
  { fn: 'npsChange', call: (extra) => npsChange([9, 7, 3], [10, 9], extra as never), keys: 'confidence, method, score' },
  { fn: 'csat', call: (extra) => csat([5, 4, 2], extra as never), keys: 'confidence, groupBy, satisfiedAtLeast, scale, score' },
  { fn: 'ces', call: (extra) => ces([7, 5, 2], extra as never), keys: 'agreeAtLeast, confidence, groupBy, scale, score' },
  { fn: 'countShare', call: (extra) => countShare(3, 10, extra as never), keys: 'confidence' },
];

describe('unknown option keys', () => {
  for (const { fn, call, keys } of simple) {
    it(`${fn}: an unknown key is an error listing the options; a near miss names the closest`, () => {
      expectError(() => call({ bogusOption: 1 }), {
        code: 'unknown-option',
        path: 'options.bogusOption',
        message: `${fn}: options.bogusOption is not an option; the options are ${keys} (1)`,
      });
      expectError(() => call({ confidense: 0.8 }), {
        code: 'unknown-option',
        path: 'options.confidense',
        message: `${fn}: options.confidense is not an option; did you mean confidence? (0.8)`,
      });
      // Valid keys with undefined values are the defaults.
      expect(call({ confidence: undefined })).toEqual(call({}));
    });
  }

  it('nps, csat, ces: the 0.x `segmentBy` (and `by`, `group`) is an unknown option that names groupBy', () => {
    for (const [fn, run] of [
      ['nps', (key: string) => nps([{ score: 9, plan: 'a' }], { [key]: 'plan' } as never)],
      ['csat', (key: string) => csat([{ score: 5, plan: 'a' }], { [key]: 'plan' } as never)],
      ['ces', (key: string) => ces([{ score: 5, plan: 'a' }], { [key]: 'plan' } as never)],
    ] as const) {
      for (const key of ['segmentBy', 'by', 'group']) {
        expectError(() => run(key), { code: 'unknown-option', path: `options.${key}`, message: `${fn}: options.${key} is not an option; did you mean groupBy? ("plan")` });
      }
    }
  });

  it('the key is checked before the data: a typo is reported even when the data is also bad', () => {
    expect(errorOf(() => countShare(30, 10, { confidense: 0.9 } as never)).code).toBe('unknown-option');
    expect(errorOf(() => nps([11], { metod: 'wald' } as never)).message).toBe("nps: options.metod is not an option; did you mean method? (\"wald\")");
  });
});

describe('null options', () => {
  const cases: { fn: string; call: (extra: object) => unknown; key: string }[] = [
    ...['confidence', 'method', 'groupBy', 'score'].map((key) => ({ fn: 'nps', call: simple[0]!.call, key })),
    ...['confidence', 'method', 'score'].map((key) => ({ fn: 'npsChange', call: simple[1]!.call, key })),
    ...['scale', 'satisfiedAtLeast', 'confidence', 'groupBy', 'score'].map((key) => ({ fn: 'csat', call: simple[2]!.call, key })),
    ...['scale', 'agreeAtLeast', 'confidence', 'groupBy', 'score'].map((key) => ({ fn: 'ces', call: simple[3]!.call, key })),
    { fn: 'countShare', call: simple[4]!.call, key: 'confidence' },
  ];
  for (const { fn, call, key } of cases) {
    it(`${fn}: options.${key}: null is an error, not the default`, () => {
      expectError(() => call({ [key]: null }), { code: 'invalid-option', path: `options.${key}`, message: `${fn}: options.${key} ${NULL_PROBLEM}` });
    });
  }
});

interface Account {
  readonly accountId?: string;
  readonly usage?: unknown;
}

const component = { name: 'usage', weight: 1, value: (a: Account) => a.usage as number | null, normalize: { linear: [0, 10] as const } };
const health = (options: object) => () => healthScore(options as HealthScoreOptions<Account>);
const many = (options: object, accounts: Account[] = [{ accountId: 'acme', usage: 5 }]) => () =>
  healthScores(accounts, options as HealthScoresOptions<Account>);

describe('healthScore and healthScores: options, components, normalizers and bands', () => {
  it('reject an unknown top-level key, with the closest valid one', () => {
    expectError(health({ components: [component], band: [] }), {
      code: 'unknown-option',
      path: 'options.band',
      message: 'healthScore: options.band is not an option; did you mean bands? (an array of 0)',
    });
    expectError(many({ components: [component], previus: new Map() }), {
      code: 'unknown-option',
      path: 'options.previus',
      message: 'healthScores: options.previus is not an option; did you mean previous? ({})',
    });
    // healthScore has no accountId or previous option: those belong to healthScores.
    expect(errorOf(health({ components: [component], accountId: (a: Account) => a.accountId })).code).toBe('unknown-option');
    // `tolerance` ends the valid key trendTolerance, so that is the one named.
    expect(errorOf(many({ components: [component], tolerance: 3 })).message).toBe(
      'healthScores: options.tolerance is not an option; did you mean trendTolerance? (3)',
    );
    expect(errorOf(many({ components: [component], limit: 3 })).message).toBe(
      'healthScores: options.limit is not an option; the options are accountId, bands, components, previous, trendTolerance (3)',
    );
  });

  it('reject null for an option (bands, trendTolerance, accountId, previous) and for components', () => {
    for (const key of ['bands', 'trendTolerance']) {
      expectError(health({ components: [component], [key]: null }), { code: 'invalid-option', path: `options.${key}`, message: `healthScore: options.${key} ${NULL_PROBLEM}` });
    }
    for (const key of ['bands', 'trendTolerance', 'accountId', 'previous']) {
      expectError(many({ components: [component], [key]: null }), { code: 'invalid-option', path: `options.${key}`, message: `healthScores: options.${key} ${NULL_PROBLEM}` });
    }
    // components has no default: its own error says what it must be.
    expectError(health({ components: null }), {
      code: 'invalid-option',
      path: 'options.components',
      message: 'healthScore: options.components must be a non-empty array of { name, weight, value, normalize } (null)',
    });
  });

  it('reject an unknown key in a component (nested)', () => {
    expectError(health({ components: [component, { ...component, name: 'nps', wieght: 2 }] }), {
      code: 'unknown-option',
      path: 'options.components[1].wieght',
      message: 'healthScore: options.components[1].wieght is not an option; did you mean weight? (2)',
    });
    expect(errorOf(many({ components: [{ ...component, label: 'Usage' }] })).path).toBe('options.components[0].label');
  });

  it('reject an unknown key in a normalizer object (nested twice)', () => {
    expectError(health({ components: [{ ...component, normalize: { linar: [0, 10] } }] }), {
      code: 'unknown-option',
      path: 'options.components[0].normalize.linar',
      message: 'healthScore: options.components[0].normalize.linar is not an option; did you mean linear? (an array of 2)',
    });
    expect(errorOf(health({ components: [{ ...component, normalize: { thresholds: [[0, 50]], treshold: 1 } }] })).path).toBe(
      'options.components[0].normalize.treshold',
    );
  });

  it('reject an unknown key in a band (nested)', () => {
    const bands = [
      { name: 'at risk', from: 0, to: 60 },
      { name: 'healthy', from: 61, too: 100 },
    ];
    expectError(health({ components: [component], bands }), {
      code: 'unknown-option',
      path: 'options.bands[1].too',
      message: 'healthScore: options.bands[1].too is not an option; did you mean to? (100)',
    });
  });

  it('accept what they accepted before (a null component value is missing data, not an option)', () => {
    const classify = healthScore({ components: [component], bands: [{ name: 'all', from: 0, to: 100 }], trendTolerance: 2 });
    expect(classify({ usage: null }).missing).toEqual(['usage']);
    // 5 on [0, 10] is 50 points; the previous score 47 is 3 below, beyond the tolerance 2: 'up'.
    expect(classify({ usage: 5 }, 47)).toMatchObject({ score: 50, band: 'all', change: 3, trend: 'up' });
    expect(healthScores([{ accountId: 'acme', usage: null }], { components: [component] }).accounts[0]?.score).toBe(null);
  });
});

describe('customerLifetimeValue: data first ({ arpa, logoChurn }), then its options { grossMargin, churnFloor? }', () => {
  const inputs = { arpa: 100, logoChurn: { value: 0.02 } };
  const clv = (extra: object) => () => customerLifetimeValue(inputs, { grossMargin: 0.8, ...extra } as CustomerLifetimeValueOptions);

  it('rejects an unknown option key, naming the closest valid one (a typo of churnFloor no longer drops the floor)', () => {
    expectError(clv({ churnfloor: 0.05 }), {
      code: 'unknown-option',
      path: 'options.churnfloor',
      message: 'customerLifetimeValue: options.churnfloor is not an option; did you mean churnFloor? (0.05)',
    });
    // The 0.x churnRate is data now (inputs.logoChurn), not an option.
    expectError(clv({ churnRate: 0.02 }), {
      code: 'unknown-option',
      path: 'options.churnRate',
      message: 'customerLifetimeValue: options.churnRate is not an option; the options are churnFloor, grossMargin (0.02)',
    });
  });

  it('rejects null for an option by the null rule; null data is unknown data', () => {
    expectError(clv({ churnFloor: null }), {
      code: 'invalid-option',
      path: 'options.churnFloor',
      message: `customerLifetimeValue: options.churnFloor ${NULL_PROBLEM}`,
    });
    expectError(clv({ grossMargin: null }), {
      code: 'invalid-option',
      path: 'options.grossMargin',
      message: `customerLifetimeValue: options.grossMargin ${NULL_PROBLEM}`,
    });
    // undefined churnFloor is no floor: 100 × 0.8 / 0.02 = 4000.
    expect(customerLifetimeValue(inputs, { grossMargin: 0.8, churnFloor: undefined } as never).value).toBe(4000);
    // The data's keys are not checked: a lifetimeValueInputs result has many more.
    expect(customerLifetimeValue({ ...inputs, windowMonths: 12, revenueChurnRate: 0.01 } as never, { grossMargin: 0.8 }).value).toBe(4000);
  });
});
