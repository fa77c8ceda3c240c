import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerLifetimeValue } from '../../src/scores/customer-lifetime-value.js';
import type { CustomerLifetimeValueInput, CustomerLifetimeValueOptions } from '../../src/scores/types.js';
import { errorOf } from '../support/errors.js';

/** Runs `run`, expecting a MetricsInputError with exactly this code, path and message. */
function expectError(run: () => unknown, expected: { code: string; path: string; message: string }): void {
  const error = errorOf(run);
  expect({ code: error.code, path: error.path, message: error.message }).toEqual(expected);
}

/** Asserts |actual − expected| <= 1e-12 · |expected|. */
function expectClose(actual: number | null, expected: number): void {
  expect(actual).not.toBe(null);
  expect(Math.abs((actual as number) - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(1e-12 * Math.abs(expected));
}

/** The data of a call: ARPA and the logo churn rate (as lifetimeValueInputs gives them). */
const data = (arpa: number | null, churnRate: number | null): CustomerLifetimeValueInput => ({ arpa, logoChurn: churnRate === null ? null : { value: churnRate } });

describe('customerLifetimeValue', () => {
  it('runs the doc example', () => {
    expect(customerLifetimeValue(data(100, 0.02), { grossMargin: 0.8 })).toEqual({
      value: 4000,
      reason: null,
      arpa: 100,
      grossMargin: 0.8,
      churnRate: 0.02,
      churnFloor: null,
      effectiveChurnRate: 0.02,
      expectedLifetime: 50,
    });
    expect(customerLifetimeValue(data(100, 0), { grossMargin: 0.8 }).value).toBe(null);
    expect(customerLifetimeValue(data(100, 0), { grossMargin: 0.8, churnFloor: 0.01 }).value).toBe(8000);
    expect(customerLifetimeValue(data(null, null), { grossMargin: 0.8 }).reason).toBe('arpa is null: no account was counted');
  });

  it('is ARPA × margin / churn, the lifetime 1 / churn periods', () => {
    // Monthly: 250 × 0.75 = 187.5 gross profit a month; 2.5% monthly churn → 40 months; 187.5 × 40 = 7500.
    const monthly = customerLifetimeValue(data(250, 0.025), { grossMargin: 0.75 });
    expectClose(monthly.value, 7500);
    expectClose(monthly.expectedLifetime, 40);
    // Annual: 12 000 × 0.8 = 9600 a year; 10% annual churn → 10 years; 96 000.
    const annual = customerLifetimeValue(data(12_000, 0.1), { grossMargin: 0.8 });
    expectClose(annual.value, 96_000);
    expectClose(annual.expectedLifetime, 10);
    // Everyone churns every period: one period of gross profit.
    expect(customerLifetimeValue(data(80, 1), { grossMargin: 0.5 })).toMatchObject({ value: 40, expectedLifetime: 1 });
    // No revenue or no margin: worth 0, lifetime still finite.
    expect(customerLifetimeValue(data(0, 0.05), { grossMargin: 0.8 })).toMatchObject({ value: 0, expectedLifetime: 20 });
    expect(customerLifetimeValue(data(100, 0.05), { grossMargin: 0 }).value).toBe(0);
  });

  it('reads only the value of logoChurn: its interval, and any other field of the data, are ignored', () => {
    // A lifetimeValueInputs-shaped object: logoChurn an Estimate, plus fields customerLifetimeValue does not read.
    const inputs = { windowMonths: 3, monthCount: 3, arpa: 50, logoChurn: { value: 0.0625, lower: 0.02, upper: 0.17 }, revenueChurnRate: 0.046875 };
    // 50 × 0.8 / 0.0625 = 640 over 16 months.
    expect(customerLifetimeValue(inputs, { grossMargin: 0.8 })).toMatchObject({ value: 640, churnRate: 0.0625, expectedLifetime: 16 });
  });

  it('is null without churn unless a floor is given, never Infinity', () => {
    const none = customerLifetimeValue(data(100, 0), { grossMargin: 0.8 });
    expect(none).toEqual({
      value: null,
      reason: 'the churn rate is 0 and no churnFloor is given: the lifetime is unbounded',
      arpa: 100,
      grossMargin: 0.8,
      churnRate: 0,
      churnFloor: null,
      effectiveChurnRate: 0,
      expectedLifetime: null,
    });
    expect(JSON.parse(JSON.stringify(none))).toEqual(none);
    // Floor 1%: 80 / 0.01 = 8000 over 100 months.
    expect(customerLifetimeValue(data(100, 0), { grossMargin: 0.8, churnFloor: 0.01 })).toEqual({
      value: 8000,
      reason: null,
      arpa: 100,
      grossMargin: 0.8,
      churnRate: 0,
      churnFloor: 0.01,
      effectiveChurnRate: 0.01,
      expectedLifetime: 100,
    });
  });

  it('is null with a reason when the ARPA or the churn rate is unknown (null), never NaN', () => {
    // No account counted at all (lifetimeValueInputs over no months): both null.
    const nothing = customerLifetimeValue(data(null, null), { grossMargin: 0.8, churnFloor: 0.01 });
    expect(nothing).toEqual({
      value: null,
      reason: 'arpa is null: no account was counted',
      arpa: null,
      grossMargin: 0.8,
      churnRate: null,
      churnFloor: 0.01,
      effectiveChurnRate: null,
      expectedLifetime: null,
    });
    expect(JSON.parse(JSON.stringify(nothing))).toEqual(nothing);
    // ARPA unknown, churn known: the lifetime is still 1 / 0.02 = 50.
    expect(customerLifetimeValue(data(null, 0.02), { grossMargin: 0.8 })).toMatchObject({ value: null, reason: 'arpa is null: no account was counted', expectedLifetime: 50 });
    // Churn unknown (no account at risk): a floor does not stand in for an unknown rate.
    for (const logoChurn of [null, { value: null }]) {
      expect(customerLifetimeValue({ arpa: 100, logoChurn }, { grossMargin: 0.8, churnFloor: 0.01 })).toMatchObject({
        value: null,
        reason: 'the logo churn rate is null: no account was at risk of churning',
        churnRate: null,
        effectiveChurnRate: null,
        expectedLifetime: null,
      });
    }
  });

  it('uses the larger of the churn rate and the floor', () => {
    // 0.5% churn under a 1% floor: the floor, 80 / 0.01 = 8000.
    expect(customerLifetimeValue(data(100, 0.005), { grossMargin: 0.8, churnFloor: 0.01 })).toMatchObject({
      value: 8000,
      effectiveChurnRate: 0.01,
      churnRate: 0.005,
    });
    // 2% churn above the floor: the rate, 80 / 0.02 = 4000.
    expect(customerLifetimeValue(data(100, 0.02), { grossMargin: 0.8, churnFloor: 0.01 })).toMatchObject({
      value: 4000,
      effectiveChurnRate: 0.02,
      churnFloor: 0.01,
    });
  });

  it('does not mutate its input', () => {
    const inputs = Object.freeze({ arpa: 100, logoChurn: Object.freeze({ value: 0.02 }) });
    const options = Object.freeze({ grossMargin: 0.8 });
    const first = customerLifetimeValue(inputs, options);
    expect(customerLifetimeValue(inputs, options)).toEqual(first);
    expect(inputs).toEqual({ arpa: 100, logoChurn: { value: 0.02 } });
    expect(options).toEqual({ grossMargin: 0.8 });
  });

  // 1.0: data first ({ arpa, logoChurn }, named inputs.<field> in errors), the assumptions as options.
  it('rejects bad input, naming the field', () => {
    expectError(() => customerLifetimeValue(data(100, 0.02), { grossMargin: 1.5 }), {
      code: 'invalid-number',
      path: 'options.grossMargin',
      message: 'customerLifetimeValue: options.grossMargin must be a number from 0 to 1 (1.5)',
    });
    expectError(() => customerLifetimeValue(data(100, -0.1), { grossMargin: 0.8 }), {
      code: 'invalid-number',
      path: 'inputs.logoChurn.value',
      message: 'customerLifetimeValue: inputs.logoChurn.value must be a number from 0 to 1 or null (-0.1)',
    });
    expectError(() => customerLifetimeValue(data(-5, 0.02), { grossMargin: 0.8 }), {
      code: 'invalid-number',
      path: 'inputs.arpa',
      message: 'customerLifetimeValue: inputs.arpa must be a finite number >= 0 or null (-5)',
    });
    expect(errorOf(() => customerLifetimeValue(data('100' as unknown as number, 0.02), { grossMargin: 0.8 })).message).toBe(
      'customerLifetimeValue: inputs.arpa must be a finite number >= 0 or null ("100")',
    );
    expect(errorOf(() => customerLifetimeValue(data(Number.POSITIVE_INFINITY, 0.02), { grossMargin: 0.8 })).path).toBe('inputs.arpa');
    expect(errorOf(() => customerLifetimeValue(data(undefined as unknown as number, 0.02), { grossMargin: 0.8 })).path).toBe('inputs.arpa');
    expect(errorOf(() => customerLifetimeValue(data(100, 0.02), { grossMargin: Number.NaN })).path).toBe('options.grossMargin');
    expect(errorOf(() => customerLifetimeValue(data(100, 0.02), { grossMargin: 80 })).path).toBe('options.grossMargin');
    expect(errorOf(() => customerLifetimeValue(data(100, 2), { grossMargin: 0.8 })).path).toBe('inputs.logoChurn.value');
    // grossMargin has no default.
    expect(errorOf(() => customerLifetimeValue(data(100, 0.02), {} as CustomerLifetimeValueOptions)).message).toBe(
      'customerLifetimeValue: options.grossMargin must be a number from 0 to 1 (undefined)',
    );
    expect(errorOf(() => customerLifetimeValue(data(100, 0.02), undefined as unknown as CustomerLifetimeValueOptions)).path).toBe('options.grossMargin');
    for (const churnFloor of [0, -0.01, 1.5, Number.NaN]) {
      expectError(() => customerLifetimeValue(data(100, 0), { grossMargin: 0.8, churnFloor }), {
        code: 'invalid-number',
        path: 'options.churnFloor',
        message: `customerLifetimeValue: options.churnFloor must be a number greater than 0 and at most 1 (${churnFloor})`,
      });
    }
    expectError(() => customerLifetimeValue(null as unknown as CustomerLifetimeValueInput, { grossMargin: 0.8 }), {
      code: 'invalid-input',
      path: 'inputs',
      message: 'customerLifetimeValue: inputs must be an object { arpa, logoChurn }, such as a lifetimeValueInputs result (null)',
    });
    expectError(() => customerLifetimeValue({ arpa: 100, logoChurn: 0.02 } as unknown as CustomerLifetimeValueInput, { grossMargin: 0.8 }), {
      code: 'invalid-input',
      path: 'inputs.logoChurn',
      message: 'customerLifetimeValue: inputs.logoChurn must be an estimate { value } or null, as lifetimeValueInputs returns it (0.02)',
    });
    // The 0.x call, one object with everything in it, says how to write it now.
    expectError(() => customerLifetimeValue({ arpa: 100, grossMargin: 0.8, churnRate: 0.02 } as never, undefined as never), {
      code: 'invalid-input',
      path: 'inputs.logoChurn',
      message:
        'customerLifetimeValue: inputs.logoChurn must be an estimate { value } or null, as lifetimeValueInputs returns it (0.x took churnRate: write customerLifetimeValue({ arpa, logoChurn: { value: churnRate } }, { grossMargin })) (undefined)',
    });
  });

  it('refuses a churn so tiny that the value overflows', () => {
    expectError(() => customerLifetimeValue(data(1e300, 1e-10), { grossMargin: 1 }), {
      code: 'overflow',
      path: 'inputs.logoChurn.value',
      message: 'customerLifetimeValue: inputs.logoChurn.value is too small: the lifetime value overflows (1e-10)',
    });
    // Tiny floor used in place of a zero churn: the floor is named.
    expect(errorOf(() => customerLifetimeValue(data(1, 0), { grossMargin: 1, churnFloor: 5e-324 })).path).toBe('options.churnFloor');
  });

  it('property: value = ARPA × margin × lifetime, falling as churn rises', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 1e-6, max: 1, noNaN: true }),
        fc.double({ min: 1e-6, max: 1, noNaN: true }),
        (arpa, grossMargin, a, b) => {
          const low = customerLifetimeValue(data(arpa, Math.min(a, b)), { grossMargin });
          const high = customerLifetimeValue(data(arpa, Math.max(a, b)), { grossMargin });
          expect(high.value as number).toBeLessThanOrEqual(low.value as number);
          const lifetime = low.expectedLifetime as number;
          expect(Math.abs((low.value as number) - arpa * grossMargin * lifetime)).toBeLessThanOrEqual(1e-12 * arpa * grossMargin * lifetime + 1e-300); // absolute slack for subnormal products
          // A floor never raises the value.
          const floored = customerLifetimeValue(data(arpa, Math.min(a, b)), { grossMargin, churnFloor: Math.max(a, b) });
          expect(floored.value).toBe(high.value);
          expect(floored.effectiveChurnRate).toBe(Math.max(a, b));
        },
      ),
    );
  });
});
