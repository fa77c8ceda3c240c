/**
 * The serialized state of `mrrMovementsAccumulator`: canonical snapshots as flat JSON arrays,
 * and the validation that reads one back.
 * @internal
 */

import { fail } from '../../core/errors.js';
import { compareIds } from '../../core/id-order.js';
import { isId, type Id } from '../../core/read.js';
import type { MrrMovementsState } from '../types.js';
import type { SortedSnapshots } from './mrr-snapshots.js';
import { MAX_MONTH, MIN_MONTH } from './revenue-months.js';

/** The `kind` of a state. */
export const MRR_STATE_KIND = 'customer-success-metrics/mrr-movements';

/** Month number (`year * 12 + month - 1`) of January 1970, month 0 of the state's encoding. */
const EPOCH_MONTH = 1970 * 12;

/** The state of canonical snapshots: fresh plain arrays. O(n). */
export function encodeState(snapshots: SortedSnapshots): MrrMovementsState {
  const n = snapshots.size;
  const customer = new Array<number>(n);
  const month = new Array<number>(n);
  const mrr = new Array<number>(n);
  for (let k = 0; k < n; k++) {
    customer[k] = snapshots.customer[k] as number;
    month[k] = (snapshots.month[k] as number) - EPOCH_MONTH;
    mrr[k] = snapshots.mrr[k] as number;
  }
  return { kind: MRR_STATE_KIND, version: 2, currency: snapshots.currency, accountIds: snapshots.ids.slice(), account: customer, month, mrr };
}

/** The field names of a state's ids and id indexes: version 2's, or version 1's (0.x). */
interface StateNames {
  readonly ids: 'accountIds' | 'customerIds';
  readonly index: 'account' | 'customer';
}

/**
 * Reads a state back into canonical snapshots, checking everything `encodeState` promises:
 * the kind and version, arrays of one length, ids each once in id order, account indexes
 * that group the snapshots by account and name every id, months that `YYYY-MM` can write,
 * ascending within each account, MRR finite and >= 0, and a currency that is `null` or a
 * non-empty string. A version-1 state (0.x: `customerIds` and `customer`, no currency) reads
 * as the same snapshots without a currency. O(n + C).
 *
 * @throws {MetricsInputError} `invalid-state` at `state` or `state.<field>`.
 */
export function decodeState(fn: string, state: unknown): SortedSnapshots {
  if (state === null || typeof state !== 'object' || Array.isArray(state)) {
    fail(fn, 'state', 'invalid-state', 'must be a state object from mrrMovementsAccumulator().state()', state);
  }
  const s = state as Record<string, unknown>;
  if (s['kind'] !== MRR_STATE_KIND) fail(fn, 'state.kind', 'invalid-state', `must be ${JSON.stringify(MRR_STATE_KIND)}`, s['kind']);
  const version = s['version'];
  if (version !== 2 && version !== 1) fail(fn, 'state.version', 'invalid-state', 'must be 2 (or 1, of 0.x), the versions this library reads', version);
  const names: StateNames = version === 2 ? { ids: 'accountIds', index: 'account' } : { ids: 'customerIds', index: 'customer' };
  const currency = version === 2 ? readStateCurrency(fn, s['currency']) : null;
  const idsValue = arrayField(fn, s[names.ids], names.ids);
  const customerValue = arrayField(fn, s[names.index], names.index);
  const monthValue = arrayField(fn, s['month'], 'month');
  const mrrValue = arrayField(fn, s['mrr'], 'mrr');
  const n = customerValue.length;
  for (const [field, values] of [
    ['month', monthValue],
    ['mrr', mrrValue],
  ] as const) {
    if (values.length !== n) fail(fn, `state.${field}`, 'invalid-state', `must have as many values as state.${names.index} (${n})`, values.length);
  }
  const ids = readStateIds(fn, idsValue, names);
  return { ...readStateSnapshots(fn, ids, customerValue, monthValue, mrrValue, names), currency };
}

/** The state's currency: `null` or a non-empty string. */
function readStateCurrency(fn: string, value: unknown): string | null {
  if (value === null || (typeof value === 'string' && value.trim() !== '')) return value;
  return fail(fn, 'state.currency', 'invalid-state', 'must be null or a non-empty string', value);
}

/** The state's ids: each once, in id order. */
function readStateIds(fn: string, idsValue: readonly unknown[], names: StateNames): Id[] {
  const ids = new Array<Id>(idsValue.length);
  for (let i = 0; i < idsValue.length; i++) {
    const id = idsValue[i];
    if (!isId(id) || (i > 0 && compareIds(ids[i - 1] as Id, id) >= 0)) {
      fail(fn, `state.${names.ids}`, 'invalid-state', `must hold each id once, in id order (numbers ascending, then strings by code units): [${i}] is not`, id);
    }
    ids[i] = id === 0 ? 0 : id; // -0 is the id 0
  }
  return ids;
}

/** The state's snapshots, checked: account indexes grouping them, months ascending within each account, MRR >= 0. */
function readStateSnapshots(
  fn: string,
  ids: readonly Id[],
  customerValue: readonly unknown[],
  monthValue: readonly unknown[],
  mrrValue: readonly unknown[],
  names: StateNames,
): Omit<SortedSnapshots, 'currency'> {
  const n = customerValue.length;
  const customer = new Int32Array(n);
  const month = new Int32Array(n);
  const mrr = new Float64Array(n);
  let previousCustomer = -1;
  let previousMonth = 0;
  for (let k = 0; k < n; k++) {
    const c = customerValue[k];
    if (typeof c !== 'number' || c < 0 || (c !== previousCustomer && c !== previousCustomer + 1) || c >= ids.length) {
      fail(fn, `state.${names.index}`, 'invalid-state', `must hold indexes into state.${names.ids} from 0 up, non-decreasing by steps of 0 or 1: [${k}] is not`, c);
    }
    const encoded = monthValue[k];
    const m = typeof encoded === 'number' && Number.isInteger(encoded) ? encoded + EPOCH_MONTH : Number.NaN;
    if (!(m >= MIN_MONTH && m <= MAX_MONTH) || (c === previousCustomer && m <= previousMonth)) {
      fail(fn, 'state.month', 'invalid-state', `must hold integer months since 1970-01 (years 1 to 9999), ascending within each account: [${k}] is not`, encoded);
    }
    const amount = mrrValue[k];
    if (typeof amount !== 'number' || !(amount >= 0) || amount === Number.POSITIVE_INFINITY) {
      fail(fn, 'state.mrr', 'invalid-state', `must hold finite numbers >= 0: [${k}] is not`, amount);
    }
    customer[k] = c;
    month[k] = m;
    mrr[k] = amount + 0;
    previousCustomer = c;
    previousMonth = m;
  }
  if (previousCustomer !== ids.length - 1) {
    fail(fn, `state.${names.index}`, 'invalid-state', `must name every id of state.${names.ids} (${ids.length}), but names ${previousCustomer + 1}`, n);
  }
  return { ids, size: n, customer, month, mrr };
}

function arrayField(fn: string, value: unknown, field: string): readonly unknown[] {
  if (!Array.isArray(value)) fail(fn, `state.${field}`, 'invalid-state', 'must be an array', value);
  return value as readonly unknown[];
}
