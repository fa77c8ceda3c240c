// The runtime smoke checks: the one list that scripts/smoke.mjs runs in every runtime
// (Node ESM and CJS, Deno, Bun, workerd). Add a check here when a module gains an export.
//
// This file is copied next to the generated runners and runs inside each runtime, so it
// must stay plain, dependency-free JavaScript: no Node APIs, no imports.
//
// A check:
//   entry       subpath as in package.json "exports": '.', './scores', ...
//   exportName  the export to look up in that entry
//   type        only check `typeof export` (no call), e.g. 'function'
//   args        call the export with these arguments (the label is built from them)
//   call        or: (fn) => result, for calls that args can't express (then give a label)
//   label       optional text for the output line
//   expected    the result: numbers compare within `tolerance`; objects compare the keys
//               listed (extra keys in the result are allowed); arrays compare element-wise
//   tolerance   absolute tolerance for numbers (default 1e-9)
//
// Every entry point in package.json "exports" is also imported by each runtime, whether
// or not a check names it.

export const checks = [
  { entry: '.', exportName: 'MetricsInputError', type: 'function' },
  {
    // R: print(prop.test(42, 100, correct = FALSE)$conf.int, digits = 10)
    //    0.3279838267 0.5179351330   (scipy binomtest(42, 100).proportion_ci('wilson') agrees)
    entry: '.',
    exportName: 'wilsonInterval',
    args: [42, 100],
    expected: { value: 0.42, lower: 0.3279838267, upper: 0.517935133 },
    tolerance: 1e-6,
  },
  {
    // Local days across New York's 23-hour spring-forward day, worked by hand:
    // 04:30Z is 03-09 23:30 EST; 05:00Z is 03-10 00:00 EST; 03-11 03:59:59Z is 03-10 23:59:59 EDT.
    // Exercises the runtime's Intl time-zone data, not just arithmetic.
    entry: './engagement',
    exportName: 'activeUsers',
    label: "activeUsers(4 events, { timeZone: 'America/New_York' }) DAU per day",
    call: (activeUsers) =>
      activeUsers(
        [
          { userId: 'a', timestamp: '2024-03-10T04:30:00Z' },
          { userId: 'b', timestamp: '2024-03-10T05:00:00Z' },
          { userId: 'c', timestamp: '2024-03-11T03:59:59Z' },
          { userId: 'd', timestamp: '2024-03-11T04:00:00Z' },
        ],
        { timeZone: 'America/New_York' },
      ).days.map((day) => day.dau),
    expected: [1, 2, 1],
  },
  {
    // Worked by hand: promoters 10, 9, 9, 10, 9 (5); passives 8, 7 (2); detractors 6, 3, 5 (3):
    // NPS = 100 * (5 - 3) / 10 = 20.
    entry: './scores',
    exportName: 'nps',
    label: 'nps([10, 9, 9, 8, 7, 6, 3, 10, 9, 5]).score',
    call: (nps) => nps([10, 9, 9, 8, 7, 6, 3, 10, 9, 5]).score,
    expected: 20,
  },
  {
    // Worked by hand: the 7th friend_added 9 days after signup is within 10 days of it.
    entry: './lifecycle',
    exportName: 'eventCount',
    label: "eventCount('friend_added', { atLeast: 7, withinDays: 10 }) on a 7-friend journey",
    call: (eventCount) => {
      const day = 86400000;
      const events = [0, 1, 2, 3, 5, 8, 9].map((d) => ({ name: 'friend_added', timestamp: d * day, record: null }));
      return eventCount('friend_added', { atLeast: 7, withinDays: 10 })({ id: 'u', start: 0, events }) / day;
    },
    expected: 9,
  },
  {
    // Worked by hand: an account at 100 in January, 150 in February: expansion 50.
    entry: './revenue',
    exportName: 'mrrMovements',
    label: 'mrrMovements(100 -> 150).months[1].expansionMrr',
    call: (mrrMovements) =>
      mrrMovements([
        { accountId: 'a', month: '2024-01', mrr: 100 },
        { accountId: 'a', month: '2024-02', mrr: 150 },
      ]).months[1].expansionMrr,
    expected: 50,
  },
  {
    // R: summary(survfit(Surv(c(1, 2, 3, 4), c(1, 1, 1, 1)) ~ 1)): median 2.5 (flat 0.5 segment midpoint).
    entry: './retention',
    exportName: 'kaplanMeier',
    label: 'kaplanMeier(4 events at 1, 2, 3, 4).median.value',
    call: (kaplanMeier) =>
      kaplanMeier([1, 2, 3, 4].map((duration) => ({ duration, observed: true }))).median.value,
    expected: 2.5,
  },
];

/**
 * Runs the checks against the loaded entry points.
 * @param {Record<string, object>} modules  entry subpath -> module namespace / exports object
 * @param {string} packageName
 * @returns {{ ok: boolean, text: string, exports?: string[], entry?: string }[]}
 */
export function runChecks(modules, packageName) {
  const results = [];
  for (const [entry, mod] of Object.entries(modules)) {
    const names = Object.keys(mod).filter((name) => name !== 'default' && name !== '__esModule').sort();
    results.push({
      ok: mod != null && typeof mod === 'object',
      text: `${specifier(packageName, entry)} (${names.length} export${names.length === 1 ? '' : 's'})`,
      entry,
      exports: names,
    });
  }
  for (const check of checks) {
    results.push(runCheck(check, modules, packageName));
  }
  return results;
}

function runCheck(check, modules, packageName) {
  const where = specifier(packageName, check.entry);
  const mod = modules[check.entry];
  if (!mod) return { ok: false, text: `${check.exportName}: entry ${where} is not loaded` };
  const value = mod[check.exportName];
  if (value === undefined) return { ok: false, text: `${check.exportName}: not exported by ${where}` };
  if (check.type) {
    const ok = typeof value === check.type;
    return { ok, text: `${check.exportName} from ${where} is a ${typeof value}${ok ? '' : `, expected ${check.type}`}` };
  }
  const label = check.label ?? `${check.exportName}(${(check.args ?? []).map((a) => JSON.stringify(a)).join(', ')})`;
  let result;
  try {
    result = check.call ? check.call(value) : value(...(check.args ?? []));
  } catch (error) {
    return { ok: false, text: `${label} threw ${error && error.stack ? error.stack : error}` };
  }
  const problem = compare(result, check.expected, check.tolerance ?? 1e-9, 'result');
  return {
    ok: problem === null,
    text: `${label} = ${show(result)}${problem === null ? '' : `: ${problem}`}`,
  };
}

/** Returns null when `actual` matches `expected`, else a description of the first difference. */
function compare(actual, expected, tolerance, path) {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return `${path} is ${typeof actual}, expected a number`;
    if (Number.isNaN(expected) ? !Number.isNaN(actual) : !(Math.abs(actual - expected) <= tolerance)) {
      return `${path} = ${actual}, expected ${expected} ± ${tolerance}`;
    }
    return null;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path} is not an array`;
    if (actual.length !== expected.length) return `${path}.length = ${actual.length}, expected ${expected.length}`;
    for (let i = 0; i < expected.length; i++) {
      const problem = compare(actual[i], expected[i], tolerance, `${path}[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return `${path} is ${actual === null ? 'null' : typeof actual}, expected an object`;
    for (const key of Object.keys(expected)) {
      const problem = compare(actual[key], expected[key], tolerance, `${path}.${key}`);
      if (problem) return problem;
    }
    return null;
  }
  return Object.is(actual, expected) ? null : `${path} = ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
}

/** Short rendering of a result: estimates as `value [lower, upper]`, numbers to 5 decimals. */
function show(x) {
  const round = (n) => (typeof n === 'number' ? String(+n.toFixed(5)) : String(n));
  if (typeof x === 'number') return round(x);
  if (x && typeof x === 'object' && 'value' in x && 'lower' in x && 'upper' in x) {
    return `${round(x.value)} [${round(x.lower)}, ${round(x.upper)}]`;
  }
  const text = JSON.stringify(x, (_key, v) => (typeof v === 'number' ? +v.toFixed(5) : v));
  return text === undefined ? String(x) : text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function specifier(packageName, entry) {
  return entry === '.' ? packageName : `${packageName}/${entry.replace(/^\.\//, '')}`;
}

/** The line scripts/smoke.mjs looks for in a runtime's output. */
export const MARKER = '__SMOKE_RESULTS__';

export function report(results) {
  console.log(`${MARKER} ${JSON.stringify(results)}`);
}
