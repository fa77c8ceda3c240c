import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  curvePoint,
  entryAt,
  kaplanMeierEngine,
  sortNonNegative,
  survivalAt,
  survivalQuantile,
  type KaplanMeierConfType,
  type KaplanMeierCurve,
} from '../../src/stats/kaplan-meier-engine.js';
import { shuffled } from '../support/model.js';
import { expectClose, expectInputError } from './helpers.js';

// Every reference number below is R 4.2.2 with survival 3.5-3, printed with
// sprintf('%.15g', x), so 15 significant digits: compared with a relative tolerance of 1e-13.
// `null` stands for R's NA, NaN or Inf (a point where the curve has reached 0).
const RELATIVE = 1e-13;

type Column = readonly (number | null)[];

interface CurveReference {
  time: Column;
  nRisk: Column;
  nEvent: Column;
  nCensor: Column;
  survival: Column;
  /** fit$std.err (log scale), Inf as null. */
  logSE: Column;
  /** summary(fit, censored = TRUE)$std.err (scale of S). */
  se: Column;
  lower: Column;
  upper: Column;
}

/** [quantile, lower, upper] of R's quantile(fit, p). */
type QuantileReference = readonly [number | null, number | null, number | null];

function closeOrNull(actual: number | null, expected: number | null, what: string): void {
  if (expected === null) {
    expect(actual, what).toBeNull();
    return;
  }
  expect(actual, what).not.toBeNull();
  expectClose(actual as number, expected, RELATIVE);
}

function expectCurve(curve: KaplanMeierCurve, reference: CurveReference): void {
  expect(curve.length).toBe(reference.time.length);
  for (let k = 0; k < curve.length; k++) {
    const point = curvePoint(curve, k);
    expect(point.time, `time[${k}]`).toBe(reference.time[k]);
    expect(point.nRisk, `nRisk[${k}]`).toBe(reference.nRisk[k]);
    expect(point.nEvent, `nEvent[${k}]`).toBe(reference.nEvent[k]);
    expect(point.nCensor, `nCensor[${k}]`).toBe(reference.nCensor[k]);
    closeOrNull(point.survival, reference.survival[k] ?? null, `survival[${k}]`);
    closeOrNull(point.standardError, reference.se[k] ?? null, `standardError[${k}]`);
    closeOrNull(point.lower, reference.lower[k] ?? null, `lower[${k}]`);
    closeOrNull(point.upper, reference.upper[k] ?? null, `upper[${k}]`);
    const logSE = reference.logSE[k] ?? null;
    if (logSE === null) expect(k).toBeGreaterThanOrEqual(curve.withBounds);
    else expectClose(curve.logStandardError[k] as number, logSE, RELATIVE);
  }
}

function expectQuantile(curve: KaplanMeierCurve, p: number, [value, lower, upper]: QuantileReference): void {
  const q = survivalQuantile(curve, p);
  closeOrNull(q.value, value, `quantile(${p})`);
  closeOrNull(q.lower, lower, `quantile(${p})$lower`);
  closeOrNull(q.upper, upper, `quantile(${p})$upper`);
}

// aml[aml$x == 'Maintained', ]: an event and a censoring tied at 13.
const AML_TIME = [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161];
const AML_EVENT = [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0];
const AML_TABLE = {
  time: [9, 13, 18, 23, 28, 31, 34, 45, 48, 161],
  nRisk: [11, 10, 8, 7, 6, 5, 4, 3, 2, 1],
  nEvent: [1, 1, 1, 1, 0, 1, 1, 0, 1, 0],
  nCensor: [0, 1, 0, 0, 1, 0, 0, 1, 0, 1],
  survival: [
    0.909090909090909, 0.818181818181818, 0.715909090909091, 0.613636363636364, 0.613636363636364, 0.490909090909091, 0.368181818181818,
    0.368181818181818, 0.184090909090909, 0.184090909090909,
  ],
  logSE: [
    0.0953462589245592, 0.14213381090374, 0.195087577921207, 0.248734169081545, 0.248734169081545, 0.334467766561573, 0.441816726937788,
    0.441816726937788, 0.833787754888509, 0.833787754888509,
  ],
  se: [
    0.0866784172041448, 0.116291299830333, 0.139664970557228, 0.152632331027312, 0.152632331027312, 0.164193267221136, 0.162668885827095,
    0.162668885827095, 0.153492745786294, 0.153492745786294,
  ],
};

// The ties data set: t <- c(1,1,2,2,2,3,4,4,5,6,6,7); s <- c(1,0,1,1,0,1,0,1,1,0,1,0).
// Events and censorings tied at 1, 2, 4 and 6.
const TIES_TIME = [1, 1, 2, 2, 2, 3, 4, 4, 5, 6, 6, 7];
const TIES_EVENT = [1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0];
const TIES_TABLE = {
  time: [1, 2, 3, 4, 5, 6, 7],
  nRisk: [12, 10, 7, 6, 4, 3, 1],
  nEvent: [1, 2, 1, 1, 1, 1, 0],
  nCensor: [1, 1, 0, 1, 0, 1, 1],
  survival: [0.916666666666667, 0.733333333333333, 0.628571428571429, 0.523809523809524, 0.392857142857143, 0.261904761904762, 0.261904761904762],
  logSE: [0.0870388279778489, 0.180487555182504, 0.237455851444603, 0.299530657393554, 0.415995129841622, 0.582853853653396, 0.582853853653396],
  se: [0.0797855923130282, 0.13235754046717, 0.149257963765179, 0.156897011015671, 0.163426658152066, 0.152652199766366, 0.152652199766366],
};

// survival::lung: time, and status - 1 (1 = death).
const LUNG_TIME = [306, 455, 1010, 210, 883, 1022, 310, 361, 218, 166, 170, 654, 728, 71, 567, 144, 613, 707, 61, 88, 301, 81, 624, 371, 394, 520, 574, 118, 390, 12, 473, 26, 533, 107, 53, 122, 814, 965, 93, 731, 460, 153, 433, 145, 583, 95, 303, 519, 643, 765, 735, 189, 53, 246, 689, 65, 5, 132, 687, 345, 444, 223, 175, 60, 163, 65, 208, 821, 428, 230, 840, 305, 11, 132, 226, 426, 705, 363, 11, 176, 791, 95, 196, 167, 806, 284, 641, 147, 740, 163, 655, 239, 88, 245, 588, 30, 179, 310, 477, 166, 559, 450, 364, 107, 177, 156, 529, 11, 429, 351, 15, 181, 283, 201, 524, 13, 212, 524, 288, 363, 442, 199, 550, 54, 558, 207, 92, 60, 551, 543, 293, 202, 353, 511, 267, 511, 371, 387, 457, 337, 201, 404, 222, 62, 458, 356, 353, 163, 31, 340, 229, 444, 315, 182, 156, 329, 364, 291, 179, 376, 384, 268, 292, 142, 413, 266, 194, 320, 181, 285, 301, 348, 197, 382, 303, 296, 180, 186, 145, 269, 300, 284, 350, 272, 292, 332, 285, 259, 110, 286, 270, 81, 131, 225, 269, 225, 243, 279, 276, 135, 79, 59, 240, 202, 235, 105, 224, 239, 237, 173, 252, 221, 185, 92, 13, 222, 192, 183, 211, 175, 197, 203, 116, 188, 191, 105, 174, 177];
const LUNG_EVENT = [1, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 1, 1, 1, 0, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0];

describe('kaplanMeierEngine against R survfit', () => {
  it("matches aml (Maintained) with conf.type 'log', R's default", () => {
    // R: fit <- survfit(Surv(time, status) ~ 1, data = aml[aml$x == 'Maintained', ])
    //    fit$time, fit$n.risk, fit$n.event, fit$n.censor, fit$surv, fit$std.err,
    //    summary(fit, censored = TRUE)$std.err, fit$lower, fit$upper
    const curve = kaplanMeierEngine(AML_TIME, AML_EVENT);
    expect(curve).toMatchObject({ subjects: 11, events: 7, confidence: 0.95, confType: 'log', withBounds: 10 });
    expectCurve(curve, {
      ...AML_TABLE,
      lower: [
        0.754133845081525, 0.619248987399364, 0.488426287422128, 0.37686705950168, 0.37686705950168, 0.254859951199317, 0.154877117897191,
        0.154877117897191, 0.0359178984891853, 0.0359178984891853,
      ],
      // The upper bound rises at 48: S halves while σ doubles.
      upper: [1, 1, 1, 0.999157600228473, 0.999157600228473, 0.945584955200429, 0.875260678143908, 0.875260678143908, 0.943525769474552, 0.943525769474552],
    });
    // R: quantile(fit, c(.25, .5, .75)) -> quantile 18 31 48, lower 13 18 34, upper NA NA NA
    expectQuantile(curve, 0.25, [18, 13, null]);
    expectQuantile(curve, 0.5, [31, 18, null]);
    expectQuantile(curve, 0.75, [48, 34, null]);
  });

  it("matches aml (Maintained) with conf.type 'log-log'", () => {
    // R: fit <- survfit(Surv(time, status) ~ 1, data = aml[aml$x == 'Maintained', ], conf.type = 'log-log')
    const curve = kaplanMeierEngine(AML_TIME, AML_EVENT, { confType: 'log-log' });
    expectCurve(curve, {
      ...AML_TABLE,
      lower: [
        0.50808020576993, 0.447428614682181, 0.350190385907938, 0.265752040001286, 0.265752040001286, 0.167330909776851, 0.0928295749369852,
        0.0928295749369852, 0.0117384801231896, 0.0117384801231896,
      ],
      upper: [
        0.986673822667823, 0.951162228582492, 0.899023974191053, 0.835299243250221, 0.835299243250221, 0.753399790370811, 0.657040832398164,
        0.657040832398164, 0.525014842726641, 0.525014842726641,
      ],
    });
    // R: quantile(fit, c(.25, .5, .75)) -> quantile 18 31 48, lower 9 13 31, upper 34 NA NA
    expectQuantile(curve, 0.25, [18, 9, 34]);
    expectQuantile(curve, 0.5, [31, 13, null]);
    expectQuantile(curve, 0.75, [48, 31, null]);
  });

  it("matches aml (Maintained) with conf.type 'plain', clipped at 0", () => {
    // R: fit <- survfit(Surv(time, status) ~ 1, data = aml[aml$x == 'Maintained', ], conf.type = 'plain')
    const curve = kaplanMeierEngine(AML_TIME, AML_EVENT, { confType: 'plain' });
    expectCurve(curve, {
      ...AML_TABLE,
      lower: [
        0.739204333133848, 0.590255058799017, 0.442170778715077, 0.314482491946437, 0.314482491946437, 0.169096200651704, 0.0493566605554544,
        0.0493566605554544, 0, 0,
      ],
      upper: [1, 1, 0.989647403103104, 0.91279023532629, 0.91279023532629, 0.812721981166478, 0.687006975808182, 0.687006975808182, 0.484931162720207, 0.484931162720207],
    });
    // R: quantile(fit, c(.25, .5, .75)) -> quantile 18 31 48, lower 9 18 31, upper 34 48 NA
    expectQuantile(curve, 0.25, [18, 9, 34]);
    expectQuantile(curve, 0.5, [31, 18, 48]);
    expectQuantile(curve, 0.75, [48, 31, null]);
  });

  it('matches aml (Maintained) at conf.int = 0.9', () => {
    // R: fit <- survfit(Surv(time, status) ~ 1, data = aml[aml$x == 'Maintained', ], conf.int = 0.9)
    const curve = kaplanMeierEngine(AML_TIME, AML_EVENT, { confidence: 0.9 });
    expectCurve(curve, {
      ...AML_TABLE,
      lower: [
        0.777135294472088, 0.647614278014167, 0.519393965412095, 0.407593849182696, 0.407593849182696, 0.283187278660588, 0.178012369873839,
        0.178012369873839, 0.0467105894601983, 0.0467105894601983,
      ],
      upper: [1, 1, 0.986776629257976, 0.923835302058442, 0.923835302058442, 0.850997744944711, 0.761508042029562, 0.761508042029562, 0.725519913183589, 0.725519913183589],
    });
    // R: quantile(fit, c(.25, .5, .75)) -> quantile 18 31 48, lower 13 23 34, upper 48 NA NA
    expectQuantile(curve, 0.25, [18, 13, 48]);
    expectQuantile(curve, 0.5, [31, 23, null]);
    expectQuantile(curve, 0.75, [48, 34, null]);
  });

  it('reads survival at chosen times as R summary(fit, times = ...)', () => {
    // R: summary(fit, times = c(0, 5, 9, 12.5, 13, 100, 161)) with fit as in the 'log' test:
    //    surv    1 1 0.909090909090909 0.909090909090909 0.818181818181818 0.184090909090909 0.184090909090909
    //    std.err 0 0 0.0866784172041448 0.0866784172041448 0.116291299830333 0.153492745786294 0.153492745786294
    //    lower   1 1 0.754133845081525 0.754133845081525 0.619248987399364 0.0359178984891853 0.0359178984891853
    //    upper   1 1 1 1 1 0.943525769474552 0.943525769474552
    const curve = kaplanMeierEngine(AML_TIME, AML_EVENT);
    const times = [0, 5, 9, 12.5, 13, 100, 161];
    const surv = [1, 1, 0.909090909090909, 0.909090909090909, 0.818181818181818, 0.184090909090909, 0.184090909090909];
    const se = [0, 0, 0.0866784172041448, 0.0866784172041448, 0.116291299830333, 0.153492745786294, 0.153492745786294];
    const lower = [1, 1, 0.754133845081525, 0.754133845081525, 0.619248987399364, 0.0359178984891853, 0.0359178984891853];
    const upper = [1, 1, 1, 1, 1, 0.943525769474552, 0.943525769474552];
    times.forEach((t, i) => {
      const at = survivalAt(curve, t);
      closeOrNull(at?.value ?? null, surv[i] as number, `S(${t})`);
      closeOrNull(at?.standardError ?? null, se[i] as number, `se(${t})`);
      closeOrNull(at?.lower ?? null, lower[i] as number, `lower(${t})`);
      closeOrNull(at?.upper ?? null, upper[i] as number, `upper(${t})`);
    });
    // R: summary(fit, times = 200) drops the time (after the last, censored, observation);
    // summary(fit, times = 200, extend = TRUE) would repeat S(161). Here: not observed.
    expect(survivalAt(curve, 200)).toBeNull();
    expect(survivalAt(curve, -1)).toEqual({ value: 1, standardError: 0, lower: 1, upper: 1 });
  });

  it.each(['log', 'log-log', 'plain'] as const)("matches the ties data set with conf.type '%s'", (confType) => {
    // R: t <- c(1,1,2,2,2,3,4,4,5,6,6,7); s <- c(1,0,1,1,0,1,0,1,1,0,1,0)
    //    fit <- survfit(Surv(t, s) ~ 1, conf.type = confType); quantile(fit, c(.25, .5, .75))
    const bounds: Record<KaplanMeierConfType, { lower: number[]; upper: number[]; q: QuantileReference[] }> = {
      log: {
        lower: [0.772900973689615, 0.514837461887132, 0.394667940386513, 0.291214122662322, 0.173835694631654, 0.0835636295406597, 0.0835636295406597],
        upper: [1, 1, 1, 0.942181013493338, 0.887831092578005, 0.820860758268214, 0.820860758268214],
        q: [
          [2, 2, null],
          [5, 3, null],
          [null, 5, null],
        ],
      },
      'log-log': {
        lower: [0.538977180570741, 0.378960953985169, 0.282209586825932, 0.201281311479775, 0.106879241731925, 0.0431553322455771, 0.0431553322455771],
        upper: [0.987825565400458, 0.905617456381091, 0.843323578504397, 0.770410584711392, 0.676792879714961, 0.564893465960088, 0.564893465960088],
        q: [
          [2, 1, 5],
          [5, 2, null],
          [null, 4, null],
        ],
      },
      plain: {
        lower: [0.760289779247936, 0.473917320935378, 0.336031195185893, 0.216297032936824, 0.0725467787653546, 0, 0],
        upper: [1, 0.992749345731289, 0.921111661956964, 0.831322014682224, 0.713167506948931, 0.561097575607652, 0.561097575607652],
        q: [
          [2, 2, 5],
          [5, 2, null],
          [null, 4, null],
        ],
      },
    };
    const expected = bounds[confType];
    const curve = kaplanMeierEngine(TIES_TIME, TIES_EVENT, { confType });
    expectCurve(curve, { ...TIES_TABLE, lower: expected.lower, upper: expected.upper });
    [0.25, 0.5, 0.75].forEach((p, i) => expectQuantile(curve, p, expected.q[i] as QuantileReference));
  });

  it('matches the ties data set at conf.int = 0.99, where every upper bound is cut at 1', () => {
    // R: survfit(Surv(t, s) ~ 1, conf.int = 0.99) with the ties data set
    const curve = kaplanMeierEngine(TIES_TIME, TIES_EVENT, { confidence: 0.99 });
    expectCurve(curve, {
      ...TIES_TABLE,
      lower: [0.732561091179067, 0.460676111099862, 0.340973216564911, 0.242157482691604, 0.13454700210503, 0.0583610606393602, 0.0583610606393602],
      upper: [1, 1, 1, 1, 1, 1, 1],
    });
    // R: quantile(fit, c(.25, .5, .75)) -> quantile 2 5 NA, lower 1 2 4, upper NA NA NA
    expectQuantile(curve, 0.25, [2, 1, null]);
    expectQuantile(curve, 0.5, [5, 2, null]);
    expectQuantile(curve, 0.75, [null, 4, null]);
  });

  it.each(['log', 'log-log', 'plain'] as const)("gives a curve that reaches 0 no bounds at its end (R: NA), conf.type '%s'", (confType) => {
    // R: fit <- survfit(Surv(c(1,2,3,4), c(1,1,1,1)) ~ 1, conf.type = confType)
    //    surv .75 .5 .25 0; std.err 0.288675134594813 0.5 0.866025403784439 Inf;
    //    lower/upper at 4: NA (log, log-log), NaN (plain)
    const bounds: Record<KaplanMeierConfType, { lower: number[]; upper: number[]; q: QuantileReference[] }> = {
      // R: quantile(fit, c(.25, .5, .75, .9, 1)): quantile 1.5 2.5 3.5 4 4; lower 1 1 2 3 NA; upper NA NA NA NA NA
      log: {
        lower: [0.425932268497982, 0.187658928706588, 0.0457907596660182],
        upper: [1, 1, 1],
        q: [
          [1.5, 1, null],
          [2.5, 1, null],
          [3.5, 2, null],
          [4, 3, null],
          [4, null, null],
        ],
      },
      // R: lower 1 1 1 2 (p = .25 .. .9); upper 3 NA NA NA
      'log-log': {
        lower: [0.12794691759514587, 0.05784708299514463, 0.00894782441660317],
        upper: [0.960548642285078, 0.844861281190374, 0.665325342788865],
        q: [
          [1.5, 1, 3],
          [2.5, 1, null],
          [3.5, 1, null],
          [4, 2, null],
          [4, null, null],
        ],
      },
      // R: lower 1 1 2 2; upper 3 NA NA NA
      plain: {
        lower: [0.3256553497214357, 0.0100090038649866, 0],
        upper: [1, 0.989990996135013, 0.674344650278564],
        q: [
          [1.5, 1, 3],
          [2.5, 1, null],
          [3.5, 2, null],
          [4, 2, null],
          [4, null, null],
        ],
      },
    };
    const expected = bounds[confType];
    const curve = kaplanMeierEngine([4, 3, 2, 1], [true, true, true, true], { confType });
    expect(curve.withBounds).toBe(3);
    expectCurve(curve, {
      time: [1, 2, 3, 4],
      nRisk: [4, 3, 2, 1],
      nEvent: [1, 1, 1, 1],
      nCensor: [0, 0, 0, 0],
      survival: [0.75, 0.5, 0.25, 0],
      logSE: [0.288675134594813, 0.5, 0.866025403784439, null],
      se: [0.21650635094611, 0.25, 0.21650635094611, null],
      lower: [...expected.lower, null],
      upper: [...expected.upper, null],
    });
    // The median on the flat 0.5 stretch from 2 to 3 is their midpoint, 2.5.
    [0.25, 0.5, 0.75, 0.9, 1].forEach((p, i) => expectQuantile(curve, p, expected.q[i] as QuantileReference));
    // Once at 0 the curve stays there: R's summary(fit, times = 10, extend = TRUE)$surv -> 0.
    expect(survivalAt(curve, 10)).toEqual({ value: 0, standardError: null, lower: null, upper: null });
    expect(survivalAt(curve, 4)).toEqual({ value: 0, standardError: null, lower: null, upper: null });
  });

  it('gives everyone dying at once S = 0 with no interval, and R quantiles 1, NA, NA', () => {
    // R: fit <- survfit(Surv(c(1,1,1), c(1,1,1)) ~ 1); fit$surv 0, fit$std.err Inf, lower/upper NA;
    //    quantile(fit, c(.25, .5, .75)) -> quantile 1 1 1, lower NA NA NA, upper NA NA NA
    const curve = kaplanMeierEngine([1, 1, 1], [1, 1, 1]);
    expect(curvePoint(curve, 0)).toEqual({ time: 1, nRisk: 3, nEvent: 3, nCensor: 0, survival: 0, standardError: null, lower: null, upper: null });
    for (const p of [0.25, 0.5, 0.75]) expect(survivalQuantile(curve, p)).toEqual({ value: 1, lower: null, upper: null });
  });

  it('takes the midpoint to the last time when the curve ends flat at exactly 1 - p', () => {
    // R: fit <- survfit(Surv(c(1,2), c(1,0)) ~ 1); surv 0.5 0.5; std.err 0.707106781186548 (both)
    //    lower 0.125048826629953 (both); upper 1 1
    //    quantile(fit, .5) -> 1.5, lower 1, upper NA (print(fit) says median 1: it uses its own rule)
    const curve = kaplanMeierEngine([1, 2], [true, false]);
    expectCurve(curve, {
      time: [1, 2],
      nRisk: [2, 1],
      nEvent: [1, 0],
      nCensor: [0, 1],
      survival: [0.5, 0.5],
      logSE: [0.707106781186548, 0.707106781186548],
      se: [0.353553390593274, 0.353553390593274],
      lower: [0.125048826629953, 0.125048826629953],
      upper: [1, 1],
    });
    expectQuantile(curve, 0.5, [1.5, 1, null]);
  });

  it("follows R where the upper curve rises: the point with the smallest 1 - upper >= p, not the first", () => {
    // R: fit <- survfit(Surv(c(1,4,4,1,6,6,4,7,8,8,5,4), c(1,1,1,1,1,1,1,0,0,1,1,1)) ~ 1)
    //    upper 1 0.880421672024074 0.813822017235157 0.666102065388224 0.666102065388224 0.682452097932565
    //    quantile(fit, c(.25, .5)) -> quantile 4 4.5, lower 1 4, upper 8 NA
    //    (1 - upper first reaches 0.25 at 6, 0.3339; at 8 it is 0.3175, the smallest >= 0.25.)
    const curve = kaplanMeierEngine([1, 4, 4, 1, 6, 6, 4, 7, 8, 8, 5, 4], [1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1]);
    expectCurve(curve, {
      time: [1, 4, 5, 6, 7, 8],
      nRisk: [12, 10, 6, 5, 3, 2],
      nEvent: [2, 4, 1, 2, 0, 1],
      nCensor: [0, 0, 0, 0, 1, 1],
      survival: [0.833333333333333, 0.5, 0.416666666666667, 0.25, 0.25, 0.125],
      logSE: [0.129099444873581, 0.288675134594813, 0.341565025531987, 0.5, 0.5, 0.866025403784439],
      se: [0.107582870727984, 0.144337567297406, 0.142318760638328, 0.125, 0.125, 0.108253175473055],
      lower: [0.647036987013362, 0.283954845665321, 0.213328107908569, 0.0938294643532942, 0.0938294643532942, 0.0228953798330091],
      upper: [1, 0.880421672024074, 0.813822017235157, 0.666102065388224, 0.666102065388224, 0.682452097932565],
    });
    expectQuantile(curve, 0.25, [4, 1, 8]);
    expectQuantile(curve, 0.5, [4.5, 4, null]);
  });

  it("reproduces R's log-log quantile when S = 1 before the first event (R: NA bounds there)", () => {
    // R: fit <- survfit(Surv(c(1,2,3,3), c(0,1,1,1)) ~ 1, conf.type = 'log-log')
    //    surv 1 0.666666666666667 0; lower NA 0.0540734267865168 NA; upper NA 0.945206387272047 NA
    //    quantile(fit, c(.25, .5)) -> quantile 2 3, lower 2 2, upper NA NA
    //    p <- 1 - fit$upper[2] (sprintf('%.17g') 0.054793612727953023); quantile(fit, p) -> 2 2 2.5:
    //    the NA at time 1 makes R drop the final NA as a repeat, so the upper curve "ends" at
    //    exactly 1 - p and R takes the midpoint of 2 and the last time, 3.
    const curve = kaplanMeierEngine([1, 2, 3, 3], [0, 1, 1, 1], { confType: 'log-log' });
    expectCurve(curve, {
      time: [1, 2, 3],
      nRisk: [4, 3, 2],
      nEvent: [0, 1, 2],
      nCensor: [1, 0, 0],
      survival: [1, 0.666666666666667, 0],
      logSE: [0, 0.408248290463863, null],
      se: [0, 0.272165526975909, null],
      // Here [1, 1] at S = 1 (the limit; R: NA from 0/0).
      lower: [1, 0.0540734267865168, null],
      upper: [1, 0.945206387272047, null],
    });
    expectQuantile(curve, 0.25, [2, 2, null]);
    expectQuantile(curve, 0.5, [3, 2, null]);
    expectQuantile(curve, 0.054793612727953023, [2, 2, 2.5]);
    // R: the same data with conf.type = 'log': upper 1 1 NA; quantile(fit, .5) -> 3 2 NA
    expectQuantile(kaplanMeierEngine([1, 2, 3, 3], [0, 1, 1, 1]), 0.5, [3, 2, null]);
  });

  it('handles durations of 0 and censorings only', () => {
    // R: fit <- survfit(Surv(c(0,0,1,2,2,3), c(1,0,1,1,0,0)) ~ 1)
    //    quantile(fit, c(.25, .5)) -> quantile 1 2, lower 0 1, upper NA NA
    const curve = kaplanMeierEngine([0, 0, 1, 2, 2, 3], [1, 0, 1, 1, 0, 0]);
    expectCurve(curve, {
      time: [0, 1, 2, 3],
      nRisk: [6, 4, 3, 1],
      nEvent: [1, 1, 1, 0],
      nCensor: [1, 0, 1, 1],
      survival: [0.833333333333333, 0.625, 0.416666666666667, 0.416666666666667],
      logSE: [0.182574185835055, 0.341565025531987, 0.532290647422377, 0.532290647422377],
      se: [0.152145154862546, 0.213478140957492, 0.221787769759324, 0.221787769759324],
      lower: [0.58265479547714, 0.319992161862854, 0.146791915534471, 0.146791915534471],
      upper: [1, 1, 1, 1],
    });
    expectQuantile(curve, 0.25, [1, 0, null]);
    expectQuantile(curve, 0.5, [2, 1, null]);
    // R: fit <- survfit(Surv(c(2,3,3), c(0,0,0)) ~ 1): surv 1 1, std.err 0 0, lower 1 1, upper 1 1;
    //    quantile(fit, .5) -> NA NA NA
    const censored = kaplanMeierEngine([2, 3, 3], [false, false, false]);
    expectCurve(censored, {
      time: [2, 3],
      nRisk: [3, 2],
      nEvent: [0, 0],
      nCensor: [1, 2],
      survival: [1, 1],
      logSE: [0, 0],
      se: [0, 0],
      lower: [1, 1],
      upper: [1, 1],
    });
    expectQuantile(censored, 0.5, [null, null, null]);
  });

  it.each(['log', 'log-log', 'plain'] as const)("matches survival::lung quantiles and summary(times =) with conf.type '%s'", (confType) => {
    // R: fit <- survfit(Surv(time, status) ~ 1, data = lung, conf.type = confType)
    //    length(fit$time) 186, sum(fit$n.event) 165
    //    quantile(fit, c(.1, .25, .5, .75, .9)); summary(fit, times = c(0, 5, 100, 365, 500, 1000, 1022))
    const reference: Record<KaplanMeierConfType, { q: QuantileReference[]; lower: number[]; upper: number[] }> = {
      // quantile 79 170 310 550 735; lower 60 145 285 460 689; upper 107 197 363 654 NA
      log: {
        q: [
          [79, 60, 107],
          [170, 145, 197],
          [310, 285, 363],
          [550, 460, 654],
          [735, 689, null],
        ],
        lower: [1, 0.987073416740515, 0.820584892081258, 0.344721581795827, 0.231982138262412, 0.02068546019898, 0.02068546019898],
        upper: [1, 1, 0.909646746189512, 0.485837603547281, 0.370747595588351, 0.122534195516598, 0.122534195516598],
      },
      // lower 54 144 284 457 687; upper 105 194 361 643 NA
      'log-log': {
        q: [
          [79, 54, 105],
          [170, 144, 194],
          [310, 284, 361],
          [550, 457, 643],
          [735, 687, null],
        ],
        lower: [1, 0.969277036218889, 0.812222319753539, 0.338714269088323, 0.226503677118074, 0.0178661710928527, 0.0178661710928527],
        upper: [1, 0.999381011438739, 0.902310180515044, 0.478380767646914, 0.363028599684183, 0.108662176030919, 0.108662176030919],
      },
      // lower 60 145 284 457 655; upper 107 197 361 643 883
      plain: {
        q: [
          [79, 60, 107],
          [170, 145, 197],
          [310, 284, 361],
          [550, 457, 643],
          [735, 655, 883],
        ],
        lower: [1, 0.987036574146309, 0.819457733913681, 0.339028583847676, 0.224517932798043, 0.00556421507827679, 0.00556421507827679],
        upper: [1, 1, 0.908480201376806, 0.479454665072453, 0.362020454625094, 0.0951269210633441, 0.0951269210633441],
      },
    };
    const expected = reference[confType];
    const curve = kaplanMeierEngine(LUNG_TIME, LUNG_EVENT, { confType });
    expect([curve.length, curve.events, curve.subjects]).toEqual([186, 165, 228]);
    [0.1, 0.25, 0.5, 0.75, 0.9].forEach((p, i) => expectQuantile(curve, p, expected.q[i] as QuantileReference));
    // surv and std.err are the same for every conf.type.
    const surv = [1, 0.995614035087719, 0.863968967645244, 0.409241624460064, 0.293269193711569, 0.0503455680708105, 0.0503455680708105];
    const se = [0, 0.00437633599855315, 0.0227102304341618, 0.0358236381720378, 0.0350778184986187, 0.0228480489160838, 0.0228480489160838];
    [0, 5, 100, 365, 500, 1000, 1022].forEach((t, i) => {
      const at = survivalAt(curve, t);
      closeOrNull(at?.value ?? null, surv[i] as number, `S(${t})`);
      closeOrNull(at?.standardError ?? null, se[i] as number, `se(${t})`);
      closeOrNull(at?.lower ?? null, expected.lower[i] as number, `lower(${t})`);
      closeOrNull(at?.upper ?? null, expected.upper[i] as number, `upper(${t})`);
    });
  });
});

describe('kaplanMeierEngine edge cases', () => {
  it('gives no subjects an empty curve, no quantiles and no survival', () => {
    const curve = kaplanMeierEngine([], []);
    expect(curve).toMatchObject({ subjects: 0, events: 0, length: 0, withBounds: 0 });
    expect(survivalQuantile(curve, 0.5)).toEqual({ value: null, lower: null, upper: null });
    expect(survivalAt(curve, 1)).toBeNull();
    expect(entryAt(curve, 1)).toBe(-1);
  });

  it('treats -0 as 0 and accepts typed arrays', () => {
    const curve = kaplanMeierEngine(new Float64Array([-0, 0, 2]), new Uint8Array([1, 0, 1]));
    expect(curvePoint(curve, 0)).toMatchObject({ time: 0, nRisk: 3, nEvent: 1, nCensor: 1 });
    expect(Object.is(curve.time[0], 0)).toBe(true);
  });

  it('returns time 0 for p = 0, as R does', () => {
    // R: quantile(survfit(Surv(c(1,2,3,4), c(1,1,1,1)) ~ 1), 0) -> 0, lower 0, upper 0
    expect(survivalQuantile(kaplanMeierEngine([1, 2, 3, 4], [1, 1, 1, 1]), 0)).toEqual({ value: 0, lower: 0, upper: 0 });
  });

  it('does not mutate its input', () => {
    const durations = Object.freeze([5, 3, 3, 1, 8]);
    const observed = Object.freeze([true, false, true, true, false]);
    const first = kaplanMeierEngine(durations, observed);
    expect(durations).toEqual([5, 3, 3, 1, 8]);
    expect(kaplanMeierEngine(durations, observed)).toEqual(first);
  });

  it('tabulates a million subjects quickly, sorted or not', () => {
    // A deterministic linear congruential sequence: durations 0..9999 (many ties), 70 % events.
    const n = 1_000_000;
    const durations = new Float64Array(n);
    const observed = new Uint8Array(n);
    let state = 12345;
    let events = 0;
    for (let i = 0; i < n; i++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      durations[i] = state % 10_000;
      observed[i] = (state >>> 16) % 10 < 7 ? 1 : 0;
      events += observed[i] as number;
    }
    const started = performance.now();
    const curve = kaplanMeierEngine(durations, observed);
    const unsortedMs = performance.now() - started;
    expect(curve.subjects).toBe(n);
    expect(curve.events).toBe(events);
    expect(curve.length).toBe(10_000);
    let total = 0;
    for (let k = 0; k < curve.length; k++) total += (curve.nEvent[k] as number) + (curve.nCensor[k] as number);
    expect(total).toBe(n);
    // The same subjects in duration order (a counting sort: durations are integers below 10 000).
    const starts = new Int32Array(10_001);
    for (let i = 0; i < n; i++) {
      const slot = (durations[i] as number) + 1;
      starts[slot] = (starts[slot] as number) + 1;
    }
    for (let t = 0; t < 10_000; t++) starts[t + 1] = (starts[t + 1] as number) + (starts[t] as number);
    const sortedDurations = new Float64Array(n);
    const sortedObserved = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const t = durations[i] as number;
      const at = starts[t] as number;
      starts[t] = at + 1;
      sortedDurations[at] = durations[i] as number;
      sortedObserved[at] = observed[i] as number;
    }
    const again = performance.now();
    expect(kaplanMeierEngine(sortedDurations, sortedObserved)).toEqual(curve);
    const sortedMs = performance.now() - again;
    // Generous bounds (a few hundred ms on a busy machine): they catch a quadratic slip, not noise.
    expect(unsortedMs).toBeLessThan(3000);
    expect(sortedMs).toBeLessThan(3000);
  });
});

describe('sortNonNegative', () => {
  it('sorts like the native sort, above and below the radix threshold', () => {
    // Non-negative doubles of every kind: 0, subnormals, fractions, integers, huge values, repeats.
    const value = fc.oneof(
      fc.constantFrom(0, Number.MIN_VALUE, 1, 2, 0.5, Number.MAX_VALUE),
      fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true }).map((x) => x + 0),
      fc.integer({ min: 0, max: 1000 }),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 0, maxLength: 300 }), fc.integer({ min: 1, max: 40 }), (pool, copies) => {
        // Repeat the pool to reach past 4096 values for most runs.
        const values = Float64Array.from({ length: pool.length * copies }, (_, i) => pool[(i * 7919) % pool.length] as number);
        const expected = values.slice().sort();
        const input = values.slice();
        expect(sortNonNegative(input)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});

describe('kaplanMeierEngine input errors', () => {
  it('names the bad duration, flag, length and option', () => {
    expectInputError(() => kaplanMeierEngine([1, -2], [1, 1]), {
      code: 'invalid-number',
      path: 'durations[1]',
      message: 'kaplanMeier: durations[1] must be a finite number >= 0 (-2)',
    });
    expectInputError(() => kaplanMeierEngine([1, Number.NaN], [1, 1]), {
      code: 'invalid-number',
      path: 'durations[1]',
      message: 'kaplanMeier: durations[1] must be a finite number >= 0 (NaN)',
    });
    expectInputError(() => kaplanMeierEngine([Number.POSITIVE_INFINITY], [1]), {
      code: 'invalid-number',
      path: 'durations[0]',
      message: 'kaplanMeier: durations[0] must be a finite number >= 0 (Infinity)',
    });
    expectInputError(() => kaplanMeierEngine(['3'] as unknown as number[], [1], { fn: 'timeToValue' }), {
      code: 'invalid-number',
      path: 'durations[0]',
      message: 'timeToValue: durations[0] must be a finite number >= 0 ("3")',
    });
    expectInputError(() => kaplanMeierEngine([1, 2], [1, 2]), {
      code: 'invalid-boolean',
      path: 'observed[1]',
      message: 'kaplanMeier: observed[1] must be true or false (or 1 or 0) (2)',
    });
    expectInputError(() => kaplanMeierEngine([1], ['true'] as unknown as boolean[]), {
      code: 'invalid-boolean',
      path: 'observed[0]',
      message: 'kaplanMeier: observed[0] must be true or false (or 1 or 0) ("true")',
    });
    expectInputError(() => kaplanMeierEngine([1, 2], [1]), {
      code: 'invalid-input',
      path: 'observed',
      message: 'kaplanMeier: observed must have as many entries as durations, 2 (1)',
    });
    expectInputError(() => kaplanMeierEngine([1], [1], { confidence: 1 }), {
      code: 'invalid-option',
      path: 'options.confidence',
      message: 'kaplanMeier: options.confidence must be a number strictly between 0 and 1 (1)',
    });
    expectInputError(() => kaplanMeierEngine([1], [1], { confType: 'logit' as KaplanMeierConfType }), {
      code: 'invalid-option',
      path: 'options.confType',
      message: `kaplanMeier: options.confType must be one of 'log', 'log-log', 'plain' ("logit")`,
    });
  });
});

/** Small samples: durations on a coarse grid (many ties) with event flags. */
const subjects = fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }).map((t) => t / 2), fc.boolean()), { maxLength: 40 });
const confType = fc.constantFrom<KaplanMeierConfType>('log', 'log-log', 'plain');
const confidence = fc.double({ min: 0.5, max: 0.999, noNaN: true });

function curveOf(sample: readonly (readonly [number, boolean])[], options: { confType?: KaplanMeierConfType; confidence?: number } = {}): KaplanMeierCurve {
  return kaplanMeierEngine(
    sample.map(([t]) => t),
    sample.map(([, o]) => o),
    options,
  );
}

/** The slow, obvious product-limit estimate at time t: over every distinct event time <= t. */
function modelSurvival(sample: readonly (readonly [number, boolean])[], t: number): { survival: number; greenwood: number } {
  const eventTimes = [...new Set(sample.filter(([u, o]) => o && u <= t).map(([u]) => u))].sort((a, b) => a - b);
  let survival = 1;
  let greenwood = 0;
  for (const u of eventTimes) {
    const atRisk = sample.filter(([v]) => v >= u).length;
    const deaths = sample.filter(([v, o]) => o && v === u).length;
    survival *= 1 - deaths / atRisk;
    greenwood += atRisk === deaths ? Number.POSITIVE_INFINITY : deaths / (atRisk * (atRisk - deaths));
  }
  return { survival, greenwood };
}

describe('kaplanMeierEngine properties', () => {
  it('keeps S non-increasing in [0, 1], lower <= S <= upper in [0, 1], and no NaN', () => {
    fc.assert(
      fc.property(subjects, confType, confidence, (sample, type, level) => {
        const curve = curveOf(sample, { confType: type, confidence: level });
        let previous = 1;
        for (let k = 0; k < curve.length; k++) {
          const point = curvePoint(curve, k);
          expect(point.survival).toBeLessThanOrEqual(previous);
          expect(point.survival).toBeGreaterThanOrEqual(0);
          previous = point.survival;
          if (point.lower === null || point.upper === null || point.standardError === null) {
            expect(point.survival).toBe(0);
            expect(k).toBe(curve.length - 1);
            continue;
          }
          expect(Number.isFinite(point.standardError)).toBe(true);
          expect(point.lower).toBeGreaterThanOrEqual(0);
          expect(point.lower).toBeLessThanOrEqual(point.survival * (1 + 1e-12));
          expect(point.upper).toBeGreaterThanOrEqual(point.survival * (1 - 1e-12));
          expect(point.upper).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('agrees with the slow product-limit model, S and Greenwood, at every time', () => {
    fc.assert(
      fc.property(subjects, (sample) => {
        const curve = curveOf(sample);
        for (let t = -0.5; t <= 6.5; t += 0.25) {
          const model = modelSurvival(sample, t);
          const at = survivalAt(curve, t);
          const last = curve.length === 0 ? Number.NEGATIVE_INFINITY : (curve.time[curve.length - 1] as number);
          if (curve.length === 0 || (t > last && (curve.survival[curve.length - 1] as number) > 0)) {
            expect(at).toBeNull();
            continue;
          }
          expect(at).not.toBeNull();
          expectClose(at?.value as number, model.survival, 1e-12, 1e-15);
          if (model.survival === 0) expect(at?.standardError).toBeNull();
          else expectClose(at?.standardError as number, model.survival * Math.sqrt(model.greenwood), 1e-12, 1e-15);
        }
      }),
    );
  });

  it('equals the empirical survival function when nothing is censored', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 60 }), (times) => {
        const curve = kaplanMeierEngine(times, times.map(() => true));
        for (let k = 0; k < curve.length; k++) {
          const t = curve.time[k] as number;
          const beyond = times.filter((u) => u > t).length;
          expectClose(curve.survival[k] as number, beyond / times.length, 1e-12, 1e-15);
        }
      }),
    );
  });

  it('does not depend on the order of the subjects', () => {
    fc.assert(
      fc.property(subjects, fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), confType, (sample, picks, type) => {
        const curve = curveOf(sample, { confType: type });
        const again = curveOf(shuffled(sample, picks), { confType: type });
        expect(again).toEqual(curve);
        for (const p of [0.25, 0.5, 0.75, 0.9]) expect(survivalQuantile(again, p)).toEqual(survivalQuantile(curve, p));
      }),
    );
  });

  it("puts quantiles and their bounds within the observed times, and (except 'log-log') lower <= value <= upper", () => {
    fc.assert(
      fc.property(subjects, confType, fc.double({ min: 0.01, max: 0.99, noNaN: true }), (sample, type, p) => {
        const curve = curveOf(sample, { confType: type });
        const q = survivalQuantile(curve, p);
        const first = curve.time[0] ?? 0;
        const last = curve.time[curve.length - 1] ?? 0;
        for (const x of [q.value, q.lower, q.upper]) {
          if (x === null) continue;
          expect(x).toBeGreaterThanOrEqual(first);
          expect(x).toBeLessThanOrEqual(last);
        }
        // The 'log-log' curves need not be monotone, and R's search takes the smallest value
        // past 1 - p, not the first: R gives quantile(survfit(Surv(c(.5, 0, .5, .5),
        // c(0, 1, 1, 0)) ~ 1, conf.type = 'log-log', conf.int = 0.9981744537992986), 0.01)
        // quantile 0, lower 0.5, upper 0 (its lower curve rises by 4e-17 at 0.5).
        if (type === 'log-log' || q.value === null) return;
        if (q.lower !== null) expect(q.lower).toBeLessThanOrEqual(q.value);
        if (q.upper !== null) expect(q.upper).toBeGreaterThanOrEqual(q.value);
      }),
    );
  });

  it("reproduces R's counterexample to lower <= value under 'log-log'", () => {
    // R: fit <- survfit(Surv(c(.5, 0, .5, .5), c(0, 1, 1, 0)) ~ 1, conf.type = 'log-log',
    //    conf.int = 0.9981744537992986); quantile(fit, 0.01) -> quantile 0, lower 0.5, upper 0
    const curve = kaplanMeierEngine([0.5, 0, 0.5, 0.5], [false, true, true, false], { confType: 'log-log', confidence: 0.9981744537992986 });
    expect(survivalQuantile(curve, 0.01)).toEqual({ value: 0, lower: 0.5, upper: 0 });
  });

  it('reaches a quantile exactly when the curve falls to 1 - p or below', () => {
    fc.assert(
      fc.property(subjects, fc.double({ min: 0.01, max: 0.99, noNaN: true }), (sample, p) => {
        const curve = curveOf(sample);
        const lowest = curve.length === 0 ? 1 : (curve.survival[curve.length - 1] as number);
        expect(survivalQuantile(curve, p).value === null).toBe(1 - lowest < p);
      }),
    );
  });
});
