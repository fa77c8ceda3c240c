/**
 * Active users over plain Node HTTP (node:http, no framework):
 * `npx tsx examples/node-http.ts`, then `curl 'http://127.0.0.1:3000/dau?timeZone=UTC'`.
 *
 *   GET /dau?timeZone=Europe/Berlin&from=2024-03-01&to=2024-03-03
 *   -> 200 the activeUsers() result as JSON (one row per day: dau, wau, mau, dauMau, wauMau)
 *
 * The dataset is built in; a real service would read its events from a database.
 * Checked by `npm run check` (scripts/smoke/examples.mjs) against the packed package.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import { activeUsers } from 'customer-success-metrics/engagement';
import { MetricsInputError } from 'customer-success-metrics';

const events = [
  { userId: 'ana', timestamp: '2024-03-01T09:00:00Z' },
  { userId: 'ben', timestamp: '2024-03-01T17:30:00Z' },
  { userId: 'ana', timestamp: '2024-03-02T08:00:00Z' },
  { userId: 'cy', timestamp: '2024-03-02T23:30:00Z' }, // 2024-03-03 00:30 in Berlin
  { userId: 'ana', timestamp: '2024-03-03T10:00:00Z' },
];

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** The request handler: `createServer(handler)`, or mount it in any node:http server. */
export function handler(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method !== 'GET' || url.pathname !== '/dau') return send(res, 404, { error: 'try GET /dau?timeZone=UTC' });
  const query = url.searchParams;
  const timeZone = query.get('timeZone');
  const from = query.get('from');
  const to = query.get('to');
  try {
    const result = activeUsers(events, {
      ...(timeZone === null ? {} : { timeZone }),
      ...(from === null ? {} : { from }),
      ...(to === null ? {} : { to }),
    });
    send(res, 200, result);
  } catch (error) {
    // Bad query parameters (an unknown time zone, a malformed date) are the client's error.
    if (error instanceof MetricsInputError) return send(res, 400, { error: error.message });
    throw error;
  }
}

/** Listens on 127.0.0.1:`port` (0 picks a free port); resolves with the listening server. */
export function main(port = Number(process.env['PORT'] ?? 3000)): Promise<Server> {
  const server = createServer(handler);
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address !== null ? address.port : port;
      console.log(`listening on http://127.0.0.1:${actual}/dau?timeZone=UTC`);
      resolve(server);
    });
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main();
}
