/**
 * Second tables for the conformance properties of licenseUtilizationByAccountSql and
 * engagedEvaluationSql, drawn from an event log:
 *
 * - licenses: one row per account, accounts drawn from the log's `accountId` values (and
 *   one the log never has), counts 0 to 5 or fractions, the account column sometimes of
 *   the other id type (so `'100'` meets the events' `100`); now and then one defect (a NULL
 *   account or count, a negative count, an account twice), to compare the error codes;
 * - trials: accounts from the log (the column sometimes of the other id type), starts near the log's dates in the log's zone: exactly
 *   an event's instant (a tie with it) or 1 ms either side, a local midnight of an event's
 *   day, of a DST day, or the day before; stored as a timestamp, epoch ms or a DATE;
 *   campaigns text, integer or NULL; repeated trials; now and then a NULL account or start.
 *
 * Column names are the defaults or hostile ones (quotes, spaces, `;--`), so the builders'
 * quoting of the second table's columns is exercised too.
 */
import fc from 'fast-check';
import { zoneCalendar } from '../../../src/core/time-zone.js';
import type { TableSpec } from './engines.js';
import type { EventLog } from './event-logs.js';

/** A table to load and the same rows as the in-process function reads them. */
export interface SecondTable {
  readonly spec: TableSpec;
  readonly rows: Record<string, unknown>[];
  /** The rows for the in-process function (keys = the column names; a DATE as 'YYYY-MM-DD'). */
  readonly records: Record<string, unknown>[];
}

const HOSTILE = {
  account: ['accountId', 'acct "id"', "account`; --id"],
  licenses: ['licenses', 'seats; --', "lic'enses"],
  start: ['trialStart', 'started at', 'start"ed`'],
  campaign: ['sourceCampaign', 'camp/*aign*/', "o'campaign"],
} as const;

/** The log's account ids (a few even when the log is empty), in the log's id type. */
function accountsOf(log: EventLog): (string | number)[] {
  const fallback = log.idKind === 'integer' ? [100, 101, 102] : ['acme', 'initech', "o'hare"];
  return [...new Set([...log.events.map((e) => e.accountId), ...fallback])];
}

/** An account the log has no event of. */
function strangerOf(log: EventLog): string | number {
  return log.idKind === 'integer' ? 103 : 'umbrella';
}

export interface LicensesCase {
  readonly table: SecondTable;
  /** Column names (the builder's `licenseFields`, the in-process accessors' keys). */
  readonly columns: { readonly accountId: string; readonly licenses: string };
}

/** A licenses table for the log's accounts. */
export function licensesArbitrary(log: EventLog, name = 'licenses'): fc.Arbitrary<LicensesCase> {
  const accounts = [...accountsOf(log), strangerOf(log)];
  return fc
    .record({
      chosen: fc.subarray(accounts),
      counts: fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom(0.5, 2.5, 1e-3)), { minLength: accounts.length, maxLength: accounts.length }),
      countType: fc.constantFrom('integer' as const, 'double' as const),
      // The account column in the log's id type, or (rarely) the other one.
      otherIdType: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
      defect: fc.oneof({ weight: 12, arbitrary: fc.constant('none' as const) }, { weight: 1, arbitrary: fc.constantFrom('null-account' as const, 'null-count' as const, 'negative' as const, 'duplicate' as const) }),
      accountColumn: fc.constantFrom(...HOSTILE.account),
      licensesColumn: fc.constantFrom(...HOSTILE.licenses),
    })
    .map(({ chosen, counts, countType, otherIdType, defect, accountColumn, licensesColumn }) => {
      const idType = (log.idKind === 'integer') !== otherIdType ? ('integer' as const) : ('text' as const);
      const asType = (id: string | number): string | number => (idType === 'integer' ? Number(typeof id === 'number' ? id : 100 + accounts.indexOf(id)) : String(id));
      const rows: Record<string, unknown>[] = chosen.map((id, i) => {
        const count = counts[i] as number;
        return { [accountColumn]: asType(id), [licensesColumn]: countType === 'integer' ? Math.round(count) : count };
      });
      if (rows.length > 0 && defect !== 'none') {
        const row = rows[rows.length - 1] as Record<string, unknown>;
        if (defect === 'null-account') row[accountColumn] = null;
        else if (defect === 'null-count') row[licensesColumn] = null;
        else if (defect === 'negative') row[licensesColumn] = -1;
        else rows.push({ ...(rows[0] as Record<string, unknown>) });
      }
      const spec: TableSpec = {
        name,
        columns: [
          { name: accountColumn, type: idType },
          { name: licensesColumn, type: countType },
        ],
      };
      return { table: { spec, rows, records: rows.map((r) => ({ ...r })) }, columns: { accountId: accountColumn, licenses: licensesColumn } };
    });
}

export type TrialStartType = 'timestamp' | 'epoch-ms' | 'date';

export interface TrialsCase {
  readonly table: SecondTable;
  readonly startType: TrialStartType;
  readonly columns: { readonly accountId: string; readonly trialStart: string; readonly sourceCampaign: string };
  /** The trial starts as instants (epoch ms; a date's local midnight), for `asOf` choices. */
  readonly instants: readonly number[];
}

/** The DST days of 2024 (US 03-10 and 11-03, EU 03-31 and 10-27) as day numbers, and a plain day (03-18). */
const DST_DAYS = [19_792, 19_813, 20_023, 20_030, 19_800] as const;

/** A trials table for the log's accounts. */
export function trialsArbitrary(log: EventLog, name = 'trials'): fc.Arbitrary<TrialsCase> {
  const calendar = zoneCalendar(log.timeZone, 'test');
  const accounts = [...accountsOf(log), strangerOf(log)];
  const eventInstants = log.events.map((e) => e.timestamp);
  const eventDays = [...new Set(eventInstants.map((t) => calendar.dayOf(t)))];
  const days = [...eventDays, ...eventDays.map((d) => d - 1), ...DST_DAYS, 20_032];
  const instant = fc.oneof(
    ...(eventInstants.length > 0 ? [fc.constantFrom(...eventInstants).chain((t) => fc.constantFrom(t, t - 1, t + 1))] : []),
    fc.constantFrom(...days).map((d) => calendar.startOfDay(d)),
    fc.record({ day: fc.constantFrom(...days), within: fc.integer({ min: 0, max: 86_399_999 }) }).map(({ day, within }) => calendar.startOfDay(day) + within),
  );
  const campaign = fc.constantFrom<string | number | null>(null, 'webinar', 'ads', "o'reilly");
  // Any account, or an event's account starting at (or 1 ms around) that event: a tie with the start instant.
  const trial = fc.oneof(
    fc.record({ accountId: fc.constantFrom(...accounts), start: instant, campaign }),
    ...(log.events.length > 0
      ? [fc.constantFrom(...log.events).chain((e) => fc.record({ accountId: fc.constant(e.accountId), start: fc.constantFrom(e.timestamp, e.timestamp - 1, e.timestamp + 1), campaign }))]
      : []),
  );
  return fc
    .record({
      trials: fc.array(trial, { maxLength: 8 }),
      repeat: fc.boolean(),
      startType: fc.constantFrom<TrialStartType>('timestamp', 'epoch-ms', 'date'),
      campaignType: fc.constantFrom('text' as const, 'integer' as const),
      // The account column in the log's id type, or (rarely) the other one.
      otherIdType: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
      defect: fc.oneof({ weight: 12, arbitrary: fc.constant('none' as const) }, { weight: 1, arbitrary: fc.constantFrom('null-account' as const, 'null-start' as const) }),
      accountColumn: fc.constantFrom(...HOSTILE.account),
      startColumn: fc.constantFrom(...HOSTILE.start),
      campaignColumn: fc.constantFrom(...HOSTILE.campaign),
    })
    .map(({ trials, repeat, startType, campaignType, otherIdType, defect, accountColumn, startColumn, campaignColumn }) => {
      const idType = (log.idKind === 'integer') !== otherIdType ? ('integer' as const) : ('text' as const);
      const asType = (id: string | number): string | number => (idType === 'integer' ? Number(typeof id === 'number' ? id : 100 + accounts.indexOf(id)) : String(id));
      const list = repeat && trials.length > 0 ? [...trials, trials[0] as (typeof trials)[number]] : trials;
      const campaignValue = (c: string | number | null): string | number | null => (c === null ? null : campaignType === 'text' ? String(c) : ['webinar', 'ads', "o'reilly"].indexOf(String(c)) + 1);
      const dateOf = (t: number): string => new Date(calendar.dayOf(t) * 86_400_000).toISOString().slice(0, 10);
      const rows: Record<string, unknown>[] = list.map((t) => ({
        [accountColumn]: asType(t.accountId),
        [startColumn]: startType === 'date' ? dateOf(t.start) : t.start,
        [campaignColumn]: campaignValue(t.campaign),
      }));
      if (rows.length > 0 && defect !== 'none') {
        const row = rows[0] as Record<string, unknown>;
        if (defect === 'null-account') row[accountColumn] = null;
        else row[startColumn] = null;
      }
      const spec: TableSpec = {
        name,
        columns: [
          { name: accountColumn, type: idType },
          { name: startColumn, type: startType === 'timestamp' ? 'timestamp' : startType === 'epoch-ms' ? 'double' : 'date' },
          { name: campaignColumn, type: campaignType },
        ],
      };
      const instants = list.map((t) => (startType === 'date' ? calendar.startOfDay(calendar.dayOf(t.start)) : t.start));
      return {
        table: { spec, rows, records: rows.map((r) => ({ ...r })) },
        startType,
        columns: { accountId: accountColumn, trialStart: startColumn, sourceCampaign: campaignColumn },
        instants,
      };
    });
}
