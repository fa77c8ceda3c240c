/** Decimals written in a number literal's shortest form (0.328 -> 3). */
function decimalsOf(value: number): number {
  const text = String(value);
  if (text.includes('e')) return 20;
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : text.length - dot - 1;
}

/** Deep comparison where numbers match to the decimals the expected value shows. */
function matches(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isInteger(expected) && Number.isInteger(actual)) return actual === expected;
    const decimals = decimalsOf(expected);
    return Math.abs(actual - expected) <= 0.5 * 10 ** -decimals + 1e-12;
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(actual[i], e));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return false;
    const keys = Object.keys(expected);
    if (Object.keys(actual).length !== keys.length) return false;
    return keys.every((k) => matches((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k]));
  }
  return Object.is(actual, expected);
}

/** Checks one `// =>` line of a doc example. */
export function __check(actual: unknown, expected: unknown, source: string): void {
  if (!matches(actual, expected)) {
    throw new Error(`doc example: ${source}\n  expected ${JSON.stringify(expected)}\n  received ${JSON.stringify(actual)}`);
  }
}
