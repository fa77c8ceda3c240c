/**
 * The timestamp column types `timestampType: 'timestamp'` reads: a zoned timestamp
 * (TIMESTAMPTZ, the conformance properties' tables) and, here, one without a zone that holds
 * UTC (DuckDB and PostgreSQL `TIMESTAMP`, ClickHouse `DateTime` with no zone). Each engine's
 * session zone is not UTC (see support/engines.ts), so a query that read such a column in the
 * session's zone would put the events on other days.
 */
import { describe, expect, it } from 'vitest';
import { activeUsers } from '../../src/engagement/index.js';
import { activeUsersSql } from '../../src/sql/index.js';
import { runQuery, useEngines } from './support/conformance.js';
import type { Engine } from './support/engines.js';

const engines = useEngines();

// 23:30 UTC on March 30 is 00:30 on March 31 in Berlin; 22:30 UTC on March 31 is 00:30 on April 1.
const EVENTS = [
  { userId: 'a', timestamp: '2024-03-30T23:30:00Z' },
  { userId: 'b', timestamp: '2024-03-31T22:30:00Z' },
];

const TABLES: Record<Engine['dialect'], string[]> = {
  duckdb: [
    'DROP TABLE IF EXISTS naive',
    'CREATE TABLE naive (user_id VARCHAR, ts TIMESTAMP)',
    "INSERT INTO naive VALUES ('a', TIMESTAMP '2024-03-30 23:30:00'), ('b', TIMESTAMP '2024-03-31 22:30:00')",
  ],
  postgres: [
    'DROP TABLE IF EXISTS naive',
    'CREATE TABLE naive (user_id text, ts timestamp)',
    "INSERT INTO naive VALUES ('a', TIMESTAMP '2024-03-30 23:30:00'), ('b', TIMESTAMP '2024-03-31 22:30:00')",
  ],
  clickhouse: [
    'DROP TABLE IF EXISTS naive',
    'CREATE TABLE naive (user_id String, ts DateTime) ENGINE = Memory',
    "INSERT INTO naive VALUES ('a', toDateTime('2024-03-30 23:30:00', 'UTC')), ('b', toDateTime('2024-03-31 22:30:00', 'UTC'))",
  ],
};

describe("timestampType 'timestamp' on a column without a zone that holds UTC", () => {
  it('puts events on the same local days as the library, whatever the session zone', async () => {
    // Worked by hand: Berlin days March 31 (a) and April 1 (b), one active user each.
    const expected = activeUsers(EVENTS, { timeZone: 'Europe/Berlin' });
    expect(expected.days.map((d) => [d.date, d.dau])).toEqual([
      ['2024-03-31', 1],
      ['2024-04-01', 1],
    ]);
    for (const engine of engines) {
      const none = engine.dialect === 'clickhouse' ? {} : [];
      for (const statement of TABLES[engine.dialect]) await engine.run(statement, none);
      const query = activeUsersSql({ dialect: engine.dialect, table: 'naive', userId: 'user_id', timestamp: 'ts', timeZone: 'Europe/Berlin' });
      expect(await runQuery(engine, query), engine.name).toStrictEqual(expected);
    }
  }, 60_000);
});
