/**
 * 1.0 "no silent traps": every options object of the scores module (nested ones included)
 * rejects an unknown key with `unknown-option`, naming the closest valid key, and rejects
 * `null` for an option; `undefined` still means the default. Before 1.0 an unknown key was
 * ignored: `nps(r, { confidense: 0.8 })` silently computed a 95% interval.
 */
import { describe, expect, it } from 'vitest';
import { adoptionRate } from '../../src/scores/adoption-rate.js';
import { advocacyShare } from '../../src/scores/advocacy-share.js';
import { ces } from '../../src/scores/ces.js';
import { csat } from '../../src/scores/csat.js';
import { customerLifetimeValue, type CustomerLifetimeValueInput } from '../../src/scores/customer-lifetime-value.js';
import { healthScore, type HealthScoreOptions } from '../../src/scores/health-score.js';
import { healthScores, type HealthScoresOptions } from '../../src/scores/health-scores.js';
import { nps } from '../../src/scores/nps.js';
import { npsChange } from '../../src/scores/nps-change.js';
import { referralRate } from '../../src/scores/referral-rate.js';
import { errorOf } from '../support/errors.js';

/** Runs `run`, expecting a MetricsInputError with exactly this code, path and message. */
function expectError(run: () => unknown, expected: { code: string; path: string; message: string }): void {
  const error = errorOf(run);
  expect({ code: error.code, path: error.path, message: error.message }).toEqual(expected);
}

const NULL_PROBLEM = 'must not be null; leave it out (or pass undefined) for the default (null)';

/** Each function with its valid call, taking extra options, and its sorted option keys. */
const simple: { fn: string; call: (extra: object) => unknown; keys: string }[] = [
  { fn: 'nps', call: (extra) => nps([9, 7, 3], extra as never), keys: 'confidence, method, score, segmentBy' },
  { fn: 'npsChange', call: (extra) => npsChange([9, 7, 3], [10, 9], extra as never), keys: 'confidence, method, score' },
  { fn: 'csat', call: (extra) => csat([5, 4, 2], extra as never), keys: 'confidence, satisfiedAtLeast, scale, score, segmentBy' },
  { fn: 'ces', call: (extra) => ces([7, 5, 2], extra as never), keys: 'agreeAtLeast, confidence, scale, score, segmentBy' },
  { fn: 'adoptionRate', call: (extra) => adoptionRate(3, 10, extra as never), keys: 'confidence' },
  { fn: 'referralRate', call: (extra) => referralRate(3, 10, extra as never), keys: 'confidence' },
  { fn: 'advocacyShare', call: (extra) => advocacyShare(3, 10, extra as never), keys: 'confidence' },
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

  it('nps, csat, ces: `segment` for `segmentBy` (the key that computed no segments before)', () => {
    for (const [fn, run] of [
      ['nps', () => nps([{ score: 9, plan: 'a' }], { segment: 'plan' } as never)],
      ['csat', () => csat([{ score: 5, plan: 'a' }], { segment: 'plan' } as never)],
      ['ces', () => ces([{ score: 5, plan: 'a' }], { segment: 'plan' } as never)],
    ] as const) {
      expectError(run, { code: 'unknown-option', path: 'options.segment', message: `${fn}: options.segment is not an option; did you mean segmentBy? ("plan")` });
    }
  });

  it('the key is checked before the data: a typo is reported even when the data is also bad', () => {
    expect(errorOf(() => adoptionRate(30, 10, { confidense: 0.9 } as never)).code).toBe('unknown-option');
    expect(errorOf(() => nps([11], { metod: 'wald' } as never)).message).toBe("nps: options.metod is not an option; did you mean method? (\"wald\")");
  });
});

describe('null options', () => {
  const cases: { fn: string; call: (extra: object) => unknown; key: string }[] = [
    ...['confidence', 'method', 'segmentBy', 'score'].map((key) => ({ fn: 'nps', call: simple[0]!.call, key })),
    ...['confidence', 'method', 'score'].map((key) => ({ fn: 'npsChange', call: simple[1]!.call, key })),
    ...['scale', 'satisfiedAtLeast', 'confidence', 'segmentBy', 'score'].map((key) => ({ fn: 'csat', call: simple[2]!.call, key })),
    ...['scale', 'agreeAtLeast', 'confidence', 'segmentBy', 'score'].map((key) => ({ fn: 'ces', call: simple[3]!.call, key })),
    { fn: 'adoptionRate', call: simple[4]!.call, key: 'confidence' },
    { fn: 'referralRate', call: simple[5]!.call, key: 'confidence' },
    { fn: 'advocacyShare', call: simple[6]!.call, key: 'confidence' },
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
    expect(errorOf(many({ components: [component], tolerance: 3 })).message).toBe(
      'healthScores: options.tolerance is not an option; the options are accountId, bands, components, previous, trendTolerance (3)',
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

describe('customerLifetimeValue: the keys of its one argument, checked as options', () => {
  const input = { arpa: 100, grossMargin: 0.8, churnRate: 0.02 };
  const clv = (extra: object) => () => customerLifetimeValue({ ...input, ...extra } as CustomerLifetimeValueInput);

  it('rejects an unknown key, naming the closest valid one (a typo of churnFloor no longer drops the floor)', () => {
    expectError(clv({ churnfloor: 0.05 }), {
      code: 'unknown-option',
      path: 'options.churnfloor',
      message: 'customerLifetimeValue: options.churnfloor is not an option; did you mean churnFloor? (0.05)',
    });
    expectError(() => customerLifetimeValue({ arpa: 100, grossMargin: 0.8, churn: 0.02 } as never), {
      code: 'unknown-option',
      path: 'options.churn',
      message: 'customerLifetimeValue: options.churn is not an option; did you mean churnRate? (0.02)',
    });
  });

  it('rejects null in any field: churnFloor by the null rule, the required ones by their own rule', () => {
    expectError(clv({ churnFloor: null }), {
      code: 'invalid-option',
      path: 'options.churnFloor',
      message: 'customerLifetimeValue: options.churnFloor must not be null; leave it out (or pass undefined) for no floor (null)',
    });
    expectError(clv({ arpa: null }), {
      code: 'invalid-number',
      path: 'options.arpa',
      message: 'customerLifetimeValue: options.arpa must be a finite number >= 0 (null)',
    });
    // undefined churnFloor is no floor: 100 × 0.8 / 0.02 = 4000.
    expect(customerLifetimeValue({ ...input, churnFloor: undefined } as unknown as CustomerLifetimeValueInput).value).toBe(4000);
  });
});
