/**
 * NPS with its confidence interval, in Deno: `deno run examples/deno-script.ts`.
 *
 * Deno loads the package from npm through the `npm:` specifier (no install step); in a
 * project with a node_modules directory, `deno run --node-modules-dir=manual` uses the
 * installed copy instead. Prints the result as JSON.
 *
 * Checked by `npm run check` (scripts/smoke/examples.mjs) against the packed package.
 */
import { nps } from 'npm:customer-success-metrics/scores';

// Ten answers to "How likely are you to recommend us?" (0-10).
const answers = [10, 9, 9, 8, 7, 6, 3, 10, 9, 5];

const result = nps(answers);
console.log(
  JSON.stringify(
    {
      score: result.score,
      interval: [result.lower, result.upper],
      marginOfError: result.marginOfError,
      confidence: result.confidence,
      method: result.method,
      counts: { n: result.n, promoters: result.promoters, passives: result.passives, detractors: result.detractors },
    },
    null,
    2,
  ),
);
