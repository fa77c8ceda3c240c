import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerLifetimeValue, type CustomerLifetimeValueInput } from '../../src/scores/customer-lifetime-value.js';
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

describe('customerLifetimeValue', () => {
  it('runs the doc example', () => {
    expect(customerLifetimeValue({ arpa: 100, grossMargin: 0.8, churnRate: 0.02 })).toEqual({
      value: 4000,
      arpa: 100,
      grossMargin: 0.8,
      churnRate: 0.02,
      churnFloor: null,
      effectiveChurnRate: 0.02,
      expectedLifetime: 50,
    });
    expect(customerLifetimeValue({ arpa: 100, grossMargin: 0.8, churnRate: 0 }).value).toBe(null);
    expect(customerLifetimeValue({ arpa: 100, grossMargin: 0.8, churnRate: 0, churnFloor: 0.01 }).value).toBe(8000);
  });

  it('is ARPA × margin / churn, the lifetime 1 / churn periods', () => {
    // Monthly: 250 × 0.75 = 187.5 gross profit a month; 2.5% monthly churn → 40 months; 187.5 × 40 = 7500.
    const monthly = customerLifetimeValue({ arpa: 250, grossMargin: 0.75, churnRate: 0.025 });
    expectClose(monthly.value, 7500);
    expectClose(monthly.expectedLifetime, 40);
    // Annual: 12 000 × 0.8 = 9600 a year; 10% annual churn → 10 years; 96 000.
    const annual = customerLifetimeValue({ arpa: 12_000, grossMargin: 0.8, churnRate: 0.1 });
    expectClose(annual.value, 96_000);
    expectClose(annual.expectedLifetime, 10);
    // Everyone churns every period: one period of gross profit.
    expect(customerLifetimeValue({ arpa: 80, grossMargin: 0.5, churnRate: 1 })).toMatchObject({ value: 40, expectedLifetime: 1 });
    // No revenue or no margin: worth 0, lifetime still finite.
    expect(customerLifetimeValue({ arpa: 0, grossMargin: 0.8, churnRate: 0.05 })).toMatchObject({ value: 0, expectedLifetime: 20 });
    expect(customerLifetimeValue({ arpa: 100, grossMargin: 0, churnRate: 0.05 }).value).toBe(0);
  });

  it('is null without churn unless a floor is given, never Infinity', () => {
    const none = customerLifetimeValue({ arpa: 100, grossMargin: 0.8, churnRate: 0 });
    expect(none).toEqual({ value: null, arpa: 100, grossMargin: 0.8, churnRate: 0, churnFloor: null, effectiveChurnRate: 0, expectedLifetime: null });
    expect(JSON.parse(JSON.stringify(none))).toEqual(none);
    // Floor 1%: 80 / 0.01 = 8000 over 100 months.
    expect(customerLifetimeValue({ arpa: 100, grossMargin: 0.8, churnRate: 0, churnFloor: 0.01 })).toEqual({
      value: 8000,
      arpa: 100,
      grossMargin: 0.8,
      churnRate: 0,
      churnFloor: 0.01,
      effectiveChurnRate: 0.01,
      expectedLifetime: 100,
    });
  });

  it('uses the larger of the churn rate and the floor', () => {
    // 0.5% churn under a 1% floor: the floor, 80 / 0.01 = 8000.
    expect(customerLifetimeValue({ arpa: 100, grossMargin: 0.8, churnRate: 0.005, churnFloor: 0.01 })).toMatchObject({
      value: 8000,
      effectiveChurnRate: 0.01,
      churnRate: 0.005,
    });
    // 2% churn above the floor: the rate, 80 / 0.02 = 4000.
    expect(customerLifetimeValue({ arpa: 100, grossMargin: 0.8, churnRate: 0.02, churnFloor: 0.01 })).toMatchObject({
      value: 4000,
      effectiveChurnRate: 0.02,
      churnFloor: 0.01,
    });
  });

  it('does not mutate its input', () => {
    const input = Object.freeze({ arpa: 100, grossMargin: 0.8, churnRate: 0.02 });
    const first = customerLifetimeValue(input);
    expect(customerLifetimeValue(input)).toEqual(first);
    expect(input).toEqual({ arpa: 100, grossMargin: 0.8, churnRate: 0.02 });
  });

  // 1.0: the argument is checked as an options object (unknown keys are errors), so its
  // fields are named options.<field> in errors (were input.<field>).
  it('rejects bad input, naming the field', () => {
    expectError(() => customerLifetimeValue({ arpa: 100, grossMargin: 1.5, churnRate: 0.02 }), {
      code: 'invalid-number',
      path: 'options.grossMargin',
      message: 'customerLifetimeValue: options.grossMargin must be a number from 0 to 1 (1.5)',
    });
    expectError(() => customerLifetimeValue({ arpa: 100, grossMargin: 0.8, churnRate: -0.1 }), {
      code: 'invalid-number',
      path: 'options.churnRate',
      message: 'customerLifetimeValue: options.churnRate must be a number from 0 to 1 (-0.1)',
    });
    expectError(() => customerLifetimeValue({ arpa: -5, grossMargin: 0.8, churnRate: 0.02 }), {
      code: 'invalid-number',
      path: 'options.arpa',
      message: 'customerLifetimeValue: options.arpa must be a finite number >= 0 (-5)',
    });
    expect(errorOf(() => customerLifetimeValue({ arpa: '100' as unknown as number, grossMargin: 0.8, churnRate: 0.02 })).message).toBe(
      'customerLifetimeValue: options.arpa must be a finite number >= 0 ("100")',
    );
    expect(errorOf(() => customerLifetimeValue({ arpa: Number.POSITIVE_INFINITY, grossMargin: 0.8, churnRate: 0.02 })).path).toBe('options.arpa');
    expect(errorOf(() => customerLifetimeValue({ arpa: 100, grossMargin: Number.NaN, churnRate: 0.02 })).path).toBe('options.grossMargin');
    expect(errorOf(() => customerLifetimeValue({ arpa: 100, grossMargin: 80, churnRate: 0.02 })).path).toBe('options.grossMargin');
    expect(errorOf(() => customerLifetimeValue({ arpa: 100, grossMargin: 0.8, churnRate: 2 })).path).toBe('options.churnRate');
    expect(errorOf(() => customerLifetimeValue({ arpa: 100, grossMargin: 0.8 } as CustomerLifetimeValueInput)).message).toBe(
      'customerLifetimeValue: options.churnRate must be a number from 0 to 1 (undefined)',
    );
    for (const churnFloor of [0, -0.01, 1.5, Number.NaN]) {
      expectError(() => customerLifetimeValue({ arpa: 100, grossMargin: 0.8, churnRate: 0, churnFloor }), {
        code: 'invalid-number',
        path: 'options.churnFloor',
        message: `customerLifetimeValue: options.churnFloor must be a number greater than 0 and at most 1 (${churnFloor})`,
      });
    }
    expectError(() => customerLifetimeValue(null as unknown as CustomerLifetimeValueInput), {
      code: 'invalid-input',
      path: 'options',
      message: 'customerLifetimeValue: options must be an object { arpa, grossMargin, churnRate, churnFloor? } (null)',
    });
  });

  it('refuses a churn so tiny that the value overflows', () => {
    expectError(() => customerLifetimeValue({ arpa: 1e300, grossMargin: 1, churnRate: 1e-10 }), {
      code: 'overflow',
      path: 'options.churnRate',
      message: 'customerLifetimeValue: options.churnRate is too small: the lifetime value overflows (1e-10)',
    });
    // Tiny floor used in place of a zero churn: the floor is named.
    expect(errorOf(() => customerLifetimeValue({ arpa: 1, grossMargin: 1, churnRate: 0, churnFloor: 5e-324 })).path).toBe('options.churnFloor');
  });

  it('property: value = ARPA × margin × lifetime, falling as churn rises', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 1e-6, max: 1, noNaN: true }),
        fc.double({ min: 1e-6, max: 1, noNaN: true }),
        (arpa, grossMargin, a, b) => {
          const low = customerLifetimeValue({ arpa, grossMargin, churnRate: Math.min(a, b) });
          const high = customerLifetimeValue({ arpa, grossMargin, churnRate: Math.max(a, b) });
          expect(high.value as number).toBeLessThanOrEqual(low.value as number);
          const lifetime = low.expectedLifetime as number;
          expect(Math.abs((low.value as number) - arpa * grossMargin * lifetime)).toBeLessThanOrEqual(1e-12 * arpa * grossMargin * lifetime + 1e-300); // absolute slack for subnormal products
          // A floor never raises the value.
          const floored = customerLifetimeValue({ arpa, grossMargin, churnRate: Math.min(a, b), churnFloor: Math.max(a, b) });
          expect(floored.value).toBe(high.value);
          expect(floored.effectiveChurnRate).toBe(Math.max(a, b));
        },
      ),
    );
  });
});
