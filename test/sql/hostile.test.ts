/**
 * Hostile names and values cannot change a query's meaning: identifiers are quoted per
 * dialect and values are bound (or, with `inlineParams`, written as escaped literals). The
 * properties name the table and its columns with text full of quotes, backquotes,
 * backslashes, semicolons, comment markers, newlines, placeholders and unicode, use such
 * text as an option value (the feature's event name) and as data, load the same log under
 * those names into every engine, and require the decoded result (of the bound and of the
 * inlined query) to equal the in-process result over the plain log; a canary table must
 * survive every query.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeUsers, featureAdoption } from '../../src/engagement/index.js';
import { activeUsersSql, featureAdoptionSql, inlineParams } from '../../src/sql/index.js';
import { propertyParameters, runQuery } from './support/conformance.js';
import { openEngines, type Engine } from './support/engines.js';
import { eventLogArbitrary } from './support/event-logs.js';

let engines: Engine[] = [];
beforeAll(async () => {
  engines = await openEngines();
  for (const engine of engines) await engine.createTable({ name: 'canary', columns: [{ name: 'alive', type: 'integer' }] }, [{ alive: 1 }]);
}, 120_000);
afterAll(async () => {
  for (const engine of engines) await engine.close();
});

/** Pieces of SQL syntax that would break out of a badly quoted identifier or literal. */
const ATTACKS = [
  '"',
  "'",
  '`',
  '\\',
  '";',
  "';",
  '`;',
  ' DROP TABLE canary; ',
  '--',
  '/*',
  '*/',
  '\n',
  '$1',
  '{p1:String}',
  '?',
  ' OR 1=1 ',
  'é',
  '名',
  '🙂',
  ' ',
] as const;

/** A non-empty hostile name, distinct from the others of the same table by a suffix. */
const hostileName = fc.array(fc.oneof(fc.constantFrom(...ATTACKS), fc.string({ minLength: 1, maxLength: 3 }).filter((s) => !s.includes('\u0000'))), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));

const cases = fc.record({
  log: eventLogArbitrary({ maxEvents: 12 }),
  table: hostileName,
  user: hostileName,
  time: hostileName,
  group: hostileName,
  grouped: fc.boolean(),
});

describe('hostile identifiers', () => {
  it('cannot change the meaning of a query on any engine', async () => {
    await fc.assert(
      fc.asyncProperty(cases, async ({ log, table, user, time, group, grouped }) => {
        const names = { table: `t${table}`, user: `u${user}`, time: `t${time}`, group: `g${group}` };
        const spec = {
          name: names.table,
          columns: [
            { name: names.user, type: log.idKind === 'integer' ? ('integer' as const) : ('text' as const) },
            { name: names.group, type: log.idKind === 'integer' ? ('integer' as const) : ('text' as const) },
            { name: names.time, type: 'timestamp' as const },
          ],
        };
        const rows = log.events.map((e) => ({ [names.user]: e.userId, [names.group]: e.accountId, [names.time]: e.timestamp }));
        const options = { timeZone: log.timeZone, ...(grouped ? { groupBy: 'accountId' } : {}) };
        const expected = activeUsers(log.events, options);
        for (const engine of engines) {
          await engine.createTable(spec, rows);
          const query = activeUsersSql({
            dialect: engine.dialect,
            table: [names.table],
            userId: names.user,
            timestamp: names.time,
            timeZone: log.timeZone,
            ...(grouped ? { groupBy: names.group } : {}),
          });
          expect(await runQuery(engine, query), engine.name).toStrictEqual(expected);
          expect(await engine.run('SELECT alive FROM canary', engine.dialect === 'clickhouse' ? {} : []), engine.name).toHaveLength(1);
        }
      }),
      propertyParameters(15),
    );
  }, 300_000);
});

const valueCases = fc.record({
  log: eventLogArbitrary({ maxEvents: 12 }),
  feature: hostileName,
  other: hostileName,
  column: hostileName,
});

describe('hostile option values and data', () => {
  it('an event name full of SQL syntax is a value, bound or inlined, on every engine', async () => {
    await fc.assert(
      fc.asyncProperty(valueCases, async ({ log, feature, other, column }) => {
        // Half the events are named `feature`, the rest `other`: both hostile, both data.
        const events = log.events.map((e, i) => ({ ...e, name: i % 2 === 0 ? feature : `${other}x` }));
        const names = { name: `n${column}` };
        const spec = {
          name: 'events',
          columns: [
            { name: 'userId', type: log.idKind === 'integer' ? ('integer' as const) : ('text' as const) },
            { name: names.name, type: 'text' as const },
            { name: 'timestamp', type: 'timestamp' as const },
          ],
        };
        const rows = events.map((e) => ({ userId: e.userId, [names.name]: e.name, timestamp: e.timestamp }));
        const expected = featureAdoption(events, { feature, timeZone: log.timeZone });
        for (const engine of engines) {
          await engine.createTable(spec, rows);
          const query = featureAdoptionSql({ dialect: engine.dialect, table: 'events', name: names.name, feature, timeZone: log.timeZone });
          expect(await runQuery(engine, query), `${engine.name} bound`).toStrictEqual(expected);
          expect(await runQuery(engine, inlineParams(query)), `${engine.name} inlined`).toStrictEqual(expected);
          expect(await engine.run('SELECT alive FROM canary', engine.dialect === 'clickhouse' ? {} : []), engine.name).toHaveLength(1);
        }
      }),
      propertyParameters(15),
    );
  }, 300_000);
});
