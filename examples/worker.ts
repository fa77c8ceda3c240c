/**
 * A Cloudflare Worker (module syntax) that scores an account's health.
 *
 *   POST /  {"dauMau": 0.3, "nps": 40, "openTickets": 4}
 *   -> 200  {"score": 60, "band": "yellow", "missing": [], "contributions": [...]}
 *
 * Deploy with wrangler (`main = "examples/worker.ts"`); wrangler bundles the package in.
 * Checked by `npm run check` (scripts/smoke/examples.mjs): bundled with esbuild and run
 * under workerd against the packed package.
 */
import { healthScore } from 'customer-success-metrics/scores';

interface Account {
  dauMau?: number | null;
  nps?: number | null;
  openTickets?: number | null;
}

// Built once per isolate, reused by every request.
const classify = healthScore({
  components: [
    { name: 'dauMau', weight: 40, value: (a: Account) => a.dauMau, normalize: { linear: [0, 0.5] } },
    { name: 'nps', weight: 30, value: (a: Account) => a.nps, normalize: { linear: [-100, 100] } },
    { name: 'openTickets', weight: 30, value: (a: Account) => a.openTickets, normalize: { thresholds: [[0, 100], [3, 50], [10, 0]] } },
  ],
});

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** Reads a field that must be a number, null or absent. */
function numberOrNull(body: Record<string, unknown>, key: keyof Account): number | null {
  const value = body[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number') throw new TypeError(`${key} must be a number or null`);
  return value;
}

export default {
  async fetch(request: Request): Promise<Response> {
    if (request.method !== 'POST') return json({ error: 'POST an account as JSON' }, 405);
    let account: Account;
    try {
      const body: unknown = await request.json();
      if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new TypeError('the body must be a JSON object');
      const fields = body as Record<string, unknown>;
      account = { dauMau: numberOrNull(fields, 'dauMau'), nps: numberOrNull(fields, 'nps'), openTickets: numberOrNull(fields, 'openTickets') };
    } catch (error) {
      return json({ error: error instanceof Error ? error.message : String(error) }, 400);
    }
    try {
      const { score, band, missing, contributions } = classify(account);
      return json({ score, band, missing, contributions });
    } catch (error) {
      // MetricsInputError: a value the scorer rejects.
      return json({ error: error instanceof Error ? error.message : String(error) }, 422);
    }
  },
};
