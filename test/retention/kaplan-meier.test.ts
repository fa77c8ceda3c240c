import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kaplanMeier } from '../../src/retention/kaplan-meier.js';
import type { KaplanMeierResult } from '../../src/retention/types.js';
import { errorOf } from '../support/errors.js';
import { shuffled } from '../support/model.js';

// Reference numbers: R 4.2.2 with survival 3.5-3, printed with sprintf('%.15g', x) (15
// significant digits), compared with a relative tolerance of 1e-13. R's NA is null here.
// p <- function(x) cat(ifelse(is.finite(x), sprintf('%.15g', x), 'NA'), sep = ', ')
const RELATIVE = 1e-13;

type Column = readonly (number | null)[];

function expectColumn(actual: readonly (number | null)[], expected: Column, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  for (let k = 0; k < expected.length; k++) {
    const e = expected[k] ?? null;
    const a = actual[k] ?? null;
    if (e === null) {
      expect(a, `${what}[${k}]`).toBeNull();
      continue;
    }
    expect(a, `${what}[${k}]`).not.toBeNull();
    expect(Math.abs((a as number) - e), `${what}[${k}]: ${a} vs ${e}`).toBeLessThanOrEqual(RELATIVE * Math.abs(e));
  }
}

interface CurveReference {
  time: Column;
  atRisk?: Column;
  events?: Column;
  censored?: Column;
  survival: Column;
  /** summary(fit, censored = TRUE)$std.err */
  standardError: Column;
  lower: Column;
  upper: Column;
  /** quantile(fit, c(.25, .5, .75)): $quantile, $lower, $upper */
  quantiles: [Column, Column, Column];
}

function expectFit(fit: KaplanMeierResult, reference: CurveReference): void {
  const column = (pick: (s: KaplanMeierResult['curve'][number]) => number | null) => fit.curve.map(pick);
  expectColumn(column((s) => s.time), reference.time, 'time');
  if (reference.atRisk) expectColumn(column((s) => s.atRisk), reference.atRisk, 'atRisk');
  if (reference.events) expectColumn(column((s) => s.events), reference.events, 'events');
  if (reference.censored) expectColumn(column((s) => s.censored), reference.censored, 'censored');
  expectColumn(column((s) => s.survival), reference.survival, 'survival');
  expectColumn(column((s) => s.standardError), reference.standardError, 'standardError');
  expectColumn(column((s) => s.lower), reference.lower, 'lower');
  expectColumn(column((s) => s.upper), reference.upper, 'upper');
  expect(fit.quantiles.map((q) => q.probability)).toEqual([0.25, 0.5, 0.75]);
  expectColumn(
    fit.quantiles.map((q) => q.value),
    reference.quantiles[0],
    'quantile',
  );
  expectColumn(
    fit.quantiles.map((q) => q.lower),
    reference.quantiles[1],
    'quantile lower',
  );
  expectColumn(
    fit.quantiles.map((q) => q.upper),
    reference.quantiles[2],
    'quantile upper',
  );
  // The median is the 0.5 quantile, in the one SurvivalQuantile shape (never null itself).
  const median = fit.quantiles[1];
  expect(median).toBeDefined();
  expect(fit.median).toEqual({ value: median?.value, lower: median?.lower, upper: median?.upper });
}

const subjects = (time: readonly number[], status: readonly number[]) => time.map((duration, i) => ({ duration, observed: status[i] === 1 }));

// The ties data set: events and censorings tied at 1, 2, 4 and 6.
// t <- c(1,1,2,2,2,3,4,4,5,6,6,7); s <- c(1,0,1,1,0,1,0,1,1,0,1,0)
const TIES = subjects([1, 1, 2, 2, 2, 3, 4, 4, 5, 6, 6, 7], [1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0]);
const TIES_TABLE = {
  time: [1, 2, 3, 4, 5, 6, 7],
  atRisk: [12, 10, 7, 6, 4, 3, 1],
  events: [1, 2, 1, 1, 1, 1, 0],
  censored: [1, 1, 0, 1, 0, 1, 1],
  survival: [0.916666666666667, 0.733333333333333, 0.628571428571429, 0.523809523809524, 0.392857142857143, 0.261904761904762, 0.261904761904762],
  standardError: [0.0797855923130282, 0.13235754046717, 0.149257963765179, 0.156897011015671, 0.163426658152066, 0.152652199766366, 0.152652199766366],
};

describe('kaplanMeier against R survfit', () => {
  it("matches ties and censorings at event times, conf.type 'log' (R's default)", () => {
    // R: fit <- survfit(Surv(t, s) ~ 1); fit$time, fit$n.risk, fit$n.event, fit$n.censor, fit$surv,
    //    summary(fit, censored = TRUE)$std.err, fit$lower, fit$upper; quantile(fit, c(.25, .5, .75))
    const fit = kaplanMeier(TIES);
    expect(fit).toMatchObject({ n: 12, events: 7, censored: 5, confidence: 0.95, confType: 'log', at: [] });
    expectFit(fit, {
      ...TIES_TABLE,
      lower: [0.772900973689615, 0.514837461887132, 0.394667940386513, 0.291214122662322, 0.173835694631654, 0.0835636295406597, 0.0835636295406597],
      upper: [1, 1, 1, 0.942181013493338, 0.887831092578005, 0.820860758268214, 0.820860758268214],
      quantiles: [
        [2, 5, null],
        [2, 3, 5],
        [null, null, null],
      ],
    });
    expect(fit.median).toEqual({ value: 5, lower: 3, upper: null });
  });

  it("matches conf.type 'log-log'", () => {
    // R: fit <- survfit(Surv(t, s) ~ 1, conf.type = 'log-log'); as above
    expectFit(kaplanMeier(TIES, { confType: 'log-log' }), {
      ...TIES_TABLE,
      lower: [0.538977180570741, 0.378960953985169, 0.282209586825932, 0.201281311479775, 0.106879241731925, 0.0431553322455771, 0.0431553322455771],
      upper: [0.987825565400458, 0.905617456381091, 0.843323578504397, 0.770410584711392, 0.676792879714961, 0.564893465960088, 0.564893465960088],
      quantiles: [
        [2, 5, null],
        [1, 2, 4],
        [5, null, null],
      ],
    });
  });

  it("matches conf.type 'plain', cut at 0", () => {
    // R: fit <- survfit(Surv(t, s) ~ 1, conf.type = 'plain'); as above
    const fit = kaplanMeier(TIES, { confType: 'plain' });
    expect(fit.confType).toBe('plain');
    expectFit(fit, {
      ...TIES_TABLE,
      lower: [0.760289779247936, 0.473917320935378, 0.336031195185893, 0.216297032936824, 0.0725467787653546, 0, 0],
      upper: [1, 0.992749345731289, 0.921111661956964, 0.831322014682224, 0.713167506948931, 0.561097575607652, 0.561097575607652],
      quantiles: [
        [2, 5, null],
        [2, 2, 4],
        [5, null, null],
      ],
    });
  });

  it('matches conf.int = 0.9', () => {
    // R: fit <- survfit(Surv(t, s) ~ 1, conf.int = 0.9); as above
    const fit = kaplanMeier(TIES, { confidence: 0.9 });
    expect(fit.confidence).toBe(0.9);
    expectFit(fit, {
      ...TIES_TABLE,
      lower: [0.79439257825462, 0.544966726723901, 0.425331792406586, 0.32003937204316, 0.198183812001298, 0.100410989489333, 0.100410989489333],
      upper: [1, 0.986808462620572, 0.928926658834471, 0.857320821128714, 0.778755505484308, 0.683133436461924, 0.683133436461924],
      quantiles: [
        [2, 5, null],
        [2, 3, 5],
        [6, null, null],
      ],
    });
  });

  it('reads the survival at chosen times as summary(fit, times =)', () => {
    // R: summary(survfit(Surv(t, s) ~ 1), times = c(0, 2.5, 6, 7)): surv, std.err, lower, upper.
    // 7.5 is after the last time: R drops it (extend = FALSE), here survival null.
    const fit = kaplanMeier(TIES, { times: [0, 2.5, 6, 7, 7.5] });
    expect(fit.at.map((a) => a.time)).toEqual([0, 2.5, 6, 7, 7.5]);
    expectColumn(
      fit.at.map((a) => a.survival),
      [1, 0.733333333333333, 0.261904761904762, 0.261904761904762, null],
      'survival',
    );
    expectColumn(
      fit.at.map((a) => a.standardError),
      [0, 0.13235754046717, 0.152652199766366, 0.152652199766366, null],
      'standardError',
    );
    expectColumn(
      fit.at.map((a) => a.lower),
      [1, 0.514837461887132, 0.0835636295406597, 0.0835636295406597, null],
      'lower',
    );
    expectColumn(
      fit.at.map((a) => a.upper),
      [1, 1, 0.820860758268214, 0.820860758268214, null],
      'upper',
    );
  });

  it('gives a curve that reaches 0 no standard error and no bounds there (R: NA)', () => {
    // R: z <- survfit(Surv(c(1,2,2,3,5), c(1,1,0,1,1)) ~ 1); as above.
    //    summary(z, times = c(4, 5, 9), extend = TRUE): surv 0.3, 0, 0; std.err 0.238746727726266, NA, NA
    const fit = kaplanMeier(subjects([1, 2, 2, 3, 5], [1, 1, 0, 1, 1]), { times: [4, 5, 9] });
    expectFit(fit, {
      time: [1, 2, 3, 5],
      atRisk: [5, 4, 2, 1],
      events: [1, 1, 1, 1],
      censored: [0, 1, 0, 0],
      survival: [0.8, 0.6, 0.3, 0],
      standardError: [0.178885438199983, 0.219089023002066, 0.238746727726266, null],
      lower: [0.516125760342172, 0.293316431638326, 0.0630544842551363, null],
      upper: [1, 1, 1, null],
      quantiles: [
        [2, 3, 5],
        [1, 2, 3],
        [null, null, null],
      ],
    });
    expect(fit.at[0]?.survival).toBeCloseTo(0.3, 14);
    expect(fit.at.slice(1)).toEqual([
      { time: 5, survival: 0, standardError: null, lower: null, upper: null },
      { time: 9, survival: 0, standardError: null, lower: null, upper: null },
    ]);
    expect(JSON.parse(JSON.stringify(fit))).toEqual(fit);
  });

  it('takes the midpoint of a flat stretch at exactly 0.5 (quantile.survfit)', () => {
    // R: f <- survfit(Surv(1:6, rep(1, 6)) ~ 1); quantile(f, c(.25, .5, .75)):
    //    quantile 2, 3.5, 5; lower 1, 2, 3; upper NA, NA, NA  (S = 0.5 on [3, 4): median (3 + 4) / 2)
    expect(kaplanMeier(subjects([1, 2, 3, 4, 5, 6], [1, 1, 1, 1, 1, 1])).median).toEqual({ value: 3.5, lower: 2, upper: null });
    // Censorings inside the flat stretch: it runs from 4 to the next event, 7.
    // R: f <- survfit(Surv(c(1,2,3,4,5,6,7,8), c(1,1,1,1,0,0,1,1)) ~ 1); quantile(f, c(.25, .5, .75)):
    //    quantile 2.5, 5.5, 7.5; lower 1, 3, 7; upper NA, NA, NA
    const inside = kaplanMeier(subjects([1, 2, 3, 4, 5, 6, 7, 8], [1, 1, 1, 1, 0, 0, 1, 1]));
    expect(inside.quantiles).toEqual([
      { probability: 0.25, value: 2.5, lower: 1, upper: null },
      { probability: 0.5, value: 5.5, lower: 3, upper: null },
      { probability: 0.75, value: 7.5, lower: 7, upper: null },
    ]);
    // The curve ends on the flat stretch: the midpoint of its start and the last time.
    // R: f <- survfit(Surv(c(1,2,3,4), c(1,1,0,0)) ~ 1); quantile(f, c(.25, .5, .75)):
    //    quantile 1.5, 3, NA; lower 1, 1, 2; upper NA, NA, NA
    const ending = kaplanMeier(subjects([1, 2, 3, 4], [1, 1, 0, 0]));
    expect(ending.median).toEqual({ value: 3, lower: 1, upper: null });
    expect(ending.quantiles[2]).toEqual({ probability: 0.75, value: null, lower: 2, upper: null });
  });

  it('reports chosen quantiles in the order given', () => {
    // R, with the ties data set: f <- survfit(Surv(t, s) ~ 1); for (p in c(.5, .1, 0)) print(unlist(quantile(f, p)))
    //    0.5: 5, 3, NA; 0.1: 2, 1, 5; 0: 0, 0, 0  (quantile, lower, upper)
    const fit = kaplanMeier(TIES, { quantiles: [0.5, 0.1, 0] });
    expect(fit.quantiles).toEqual([
      { probability: 0.5, value: 5, lower: 3, upper: null },
      { probability: 0.1, value: 2, lower: 1, upper: 5 },
      { probability: 0, value: 0, lower: 0, upper: 0 },
    ]);
  });
});

describe('kaplanMeier shapes and options', () => {
  it('gives empty input an empty result', () => {
    expect(kaplanMeier([], { times: [3] })).toEqual({
      n: 0,
      events: 0,
      censored: 0,
      confidence: 0.95,
      confType: 'log',
      curve: [],
      median: { value: null, lower: null, upper: null },
      quantiles: [
        { probability: 0.25, value: null, lower: null, upper: null },
        { probability: 0.5, value: null, lower: null, upper: null },
        { probability: 0.75, value: null, lower: null, upper: null },
      ],
      at: [{ time: 3, survival: null, standardError: null, lower: null, upper: null }],
    });
  });

  it('gives a median value of null (not a null median) when the curve stays above 0.5', () => {
    // Hand-worked: one event of 4 at risk at time 1, S = 3/4; the rest censored. The median is
    // not reached, but the lower 'log' bound at time 1, 0.75 exp(−1.96 √(1/(4 · 3))) = 0.426,
    // is below 0.5, so the median's lower limit is 1 (R's print(fit): median NA, 0.95LCL 1, UCL NA).
    const fit = kaplanMeier(subjects([1, 2, 3, 4], [1, 0, 0, 0]));
    expect(fit.median).toEqual({ value: null, lower: 1, upper: null });
    expect(fit.curve.map((s) => s.survival)).toEqual([0.75, 0.75, 0.75, 0.75]);
  });

  it('reads other records through accessors, and any iterable', () => {
    const rows = TIES.map((s) => ({ days: s.duration, churned: s.observed }));
    function* generate() {
      yield* rows;
    }
    const fit = kaplanMeier(generate(), { duration: (r) => r.days, observed: (r) => r.churned });
    expect(fit).toEqual(kaplanMeier(TIES));
  });

  it('does not mutate its input', () => {
    const input = Object.freeze(TIES.map((s) => Object.freeze({ ...s })));
    const times = Object.freeze([2, 4]);
    const first = kaplanMeier(input, { times });
    expect(kaplanMeier(input, { times })).toEqual(first);
  });
});

describe('kaplanMeier bad input', () => {
  const cases: [string, () => unknown, { code: string; path: string; message: string }][] = [
    [
      'a negative duration',
      () => kaplanMeier([{ duration: 1, observed: true }, { duration: -1, observed: true }]),
      { code: 'invalid-number', path: 'subjects[1].duration', message: 'kaplanMeier: subjects[1].duration must be a finite number >= 0 (-1)' },
    ],
    [
      'a string duration',
      () => kaplanMeier([{ duration: '3', observed: true }] as never),
      { code: 'invalid-number', path: 'subjects[0].duration', message: 'kaplanMeier: subjects[0].duration must be a finite number >= 0 ("3")' },
    ],
    [
      'an infinite duration',
      () => kaplanMeier([{ duration: Number.POSITIVE_INFINITY, observed: false }]),
      { code: 'invalid-number', path: 'subjects[0].duration', message: 'kaplanMeier: subjects[0].duration must be a finite number >= 0 (Infinity)' },
    ],
    [
      'observed 1',
      () => kaplanMeier([{ duration: 1, observed: true }, { duration: 2, observed: 1 }] as never),
      { code: 'invalid-boolean', path: 'subjects[1].observed', message: 'kaplanMeier: subjects[1].observed must be true or false (1)' },
    ],
    [
      'observed "true"',
      () => kaplanMeier([{ duration: 1, observed: 'true' }] as never),
      { code: 'invalid-boolean', path: 'subjects[0].observed', message: 'kaplanMeier: subjects[0].observed must be true or false ("true")' },
    ],
    [
      'a missing observed',
      () => kaplanMeier([{ duration: 1 }] as never),
      { code: 'invalid-boolean', path: 'subjects[0].observed', message: 'kaplanMeier: subjects[0].observed must be true or false (undefined)' },
    ],
    [
      'a record that is not an object',
      () => kaplanMeier([null] as never),
      { code: 'invalid-record', path: 'subjects[0]', message: 'kaplanMeier: subjects[0] must be an object (null)' },
    ],
    [
      'subjects that are not iterable',
      () => kaplanMeier(5 as never),
      { code: 'invalid-input', path: 'subjects', message: 'kaplanMeier: subjects must be an array or another iterable of records (5)' },
    ],
    [
      'a bad confidence',
      () => kaplanMeier(TIES, { confidence: 95 }),
      { code: 'invalid-option', path: 'options.confidence', message: 'kaplanMeier: options.confidence must be a number strictly between 0 and 1 (95)' },
    ],
    [
      'a bad confType',
      () => kaplanMeier(TIES, { confType: 'arcsin' as never }),
      {
        code: 'invalid-option',
        path: 'options.confType',
        message: "kaplanMeier: options.confType must be one of 'log', 'log-log', 'plain' (\"arcsin\")",
      },
    ],
    [
      'a negative time',
      () => kaplanMeier(TIES, { times: [1, -2] }),
      { code: 'invalid-number', path: 'options.times[1]', message: 'kaplanMeier: options.times[1] must be a finite number >= 0 (-2)' },
    ],
    [
      'a quantile above 1',
      () => kaplanMeier(TIES, { quantiles: [1.5] }),
      { code: 'invalid-number', path: 'options.quantiles[0]', message: 'kaplanMeier: options.quantiles[0] must be a number from 0 to 1 (1.5)' },
    ],
    [
      'times that are not an array',
      () => kaplanMeier(TIES, { times: 3 as never }),
      { code: 'invalid-option', path: 'options.times', message: 'kaplanMeier: options.times must be an array of numbers (3)' },
    ],
    [
      'an accessor that is not a function',
      () => kaplanMeier(TIES, { duration: 'days' as never }),
      { code: 'invalid-option', path: 'options.duration', message: 'kaplanMeier: options.duration must be a function that reads the field from a record ("days")' },
    ],
    [
      'a bad duration of a record with a userId: the message names it',
      () => kaplanMeier([{ userId: 'u_1', duration: 1, observed: true }, { userId: 'u_7', duration: -1, observed: true }]),
      { code: 'invalid-number', path: 'subjects[1].duration', message: 'kaplanMeier: subjects[1] (userId "u_7").duration must be a finite number >= 0 (-1)' },
    ],
    [
      'a bad observed of a record with an accountId, read through accessors',
      () => kaplanMeier([{ accountId: 42, months: 3, churned: 'yes' }], { duration: (r) => r.months, observed: (r) => r.churned as never }),
      { code: 'invalid-boolean', path: 'subjects[0].observed', message: 'kaplanMeier: subjects[0] (accountId 42).observed must be true or false ("yes")' },
    ],
    [
      'an unknown option',
      () => kaplanMeier(TIES, { alpha: 0.05 } as never),
      { code: 'unknown-option', path: 'options.alpha', message: 'kaplanMeier: options.alpha is not an option; the options are confType, confidence, duration, observed, quantiles, times (0.05)' },
    ],
    [
      'a near-miss option',
      () => kaplanMeier(TIES, { quantile: [0.5] } as never),
      { code: 'unknown-option', path: 'options.quantile', message: 'kaplanMeier: options.quantile is not an option; did you mean quantiles? (an array of 1)' },
    ],
    [
      'a null option',
      () => kaplanMeier(TIES, { confidence: null } as never),
      { code: 'invalid-option', path: 'options.confidence', message: 'kaplanMeier: options.confidence must not be null; leave it out (or pass undefined) for the default (null)' },
    ],
  ];
  it.each(cases)('rejects %s', (_, run, expected) => {
    const error = errorOf(run);
    expect({ code: error.code, path: error.path, message: error.message }).toEqual(expected);
  });
});

const subjectArb = fc.record({ duration: fc.integer({ min: 0, max: 20 }), observed: fc.boolean() });

describe('kaplanMeier properties', () => {
  it('keeps survival non-increasing within [0, 1], bounds around it', () => {
    fc.assert(
      fc.property(fc.array(subjectArb, { maxLength: 40 }), fc.constantFrom('log' as const, 'log-log' as const, 'plain' as const), (list, confType) => {
        const fit = kaplanMeier(list, { confType });
        let previous = 1;
        for (const step of fit.curve) {
          expect(step.survival).toBeLessThanOrEqual(previous);
          expect(step.survival).toBeGreaterThanOrEqual(0);
          previous = step.survival;
          if (step.lower !== null && step.upper !== null) {
            expect(step.lower).toBeGreaterThanOrEqual(0);
            expect(step.upper).toBeLessThanOrEqual(1);
            expect(step.lower).toBeLessThanOrEqual(step.survival + 1e-12);
            expect(step.upper).toBeGreaterThanOrEqual(step.survival - 1e-12);
          } else expect(step.survival).toBe(0);
        }
        expect(fit.events + fit.censored).toBe(list.length);
        expect(fit.curve.reduce((s, step) => s + step.events + step.censored, 0)).toBe(list.length);
      }),
    );
  });

  it('equals the empirical survival function without censoring', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 40 }), (durations) => {
        const fit = kaplanMeier(durations.map((duration) => ({ duration, observed: true })));
        for (const step of fit.curve) {
          const beyond = durations.filter((d) => d > step.time).length;
          expect(step.survival).toBeCloseTo(beyond / durations.length, 12);
        }
      }),
    );
  });

  it('does not depend on the order of the subjects', () => {
    fc.assert(
      fc.property(fc.array(subjectArb, { maxLength: 40 }), fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (list, picks) => {
        expect(kaplanMeier(shuffled(list, picks), { times: [0, 5, 10] })).toEqual(kaplanMeier(list, { times: [0, 5, 10] }));
      }),
    );
  });

  it('is plain JSON: no NaN, no Infinity', () => {
    fc.assert(
      fc.property(fc.array(subjectArb, { maxLength: 30 }), fc.constantFrom('log' as const, 'log-log' as const, 'plain' as const), (list, confType) => {
        const fit = kaplanMeier(list, { confType, times: [0, 3, 30] });
        expect(JSON.parse(JSON.stringify(fit))).toEqual(fit);
      }),
    );
  });
});
