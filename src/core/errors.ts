/**
 * The one error this library throws for bad input.
 *
 * Every function validates what it reads and throws a `MetricsInputError` whose message
 * names the function, the record (by its index) and the field, followed by the offending
 * value: `activeUsers: events[41].timestamp is not a valid timestamp ("yesterday")`.
 * Nothing is dropped silently and no `NaN` is returned instead.
 *
 * @example
 * ```ts
 * import { MetricsInputError, wilsonInterval } from 'customer-success-metrics';
 * try {
 *   wilsonInterval(5, 3);
 * } catch (error) {
 *   error instanceof MetricsInputError; // => true
 *   (error as MetricsInputError).path; // => 'successes'
 * }
 * ```
 */
export class MetricsInputError extends Error {
  /** A stable, machine-readable reason, such as `'invalid-timestamp'`. */
  readonly code: string;
  /** Where the bad value sits: `events[41].timestamp`, `options.timeZone`. */
  readonly path: string;
  /** The offending value itself. */
  readonly value: unknown;

  constructor(message: string, code: string, path: string, value: unknown) {
    super(message);
    this.name = 'MetricsInputError';
    this.code = code;
    this.path = path;
    this.value = value;
  }
}

/**
 * A short, readable rendering of a bad value for an error message: strings quoted,
 * long values cut.
 * @internal
 */
export function describeValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else if (typeof value === 'bigint') text = `${value}n`;
  else if (value === null) text = 'null';
  else if (value === undefined) text = 'undefined';
  else if (value instanceof Date) text = Number.isNaN(value.getTime()) ? 'Invalid Date' : `Date(${value.toISOString()})`;
  else if (typeof value === 'function') text = 'a function';
  else if (Array.isArray(value)) text = `an array of ${value.length}`;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = 'an object';
    }
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Throws a {@link MetricsInputError} in the library's message format:
 * `fn: path problem (value)`.
 * @internal
 */
export function fail(fn: string, path: string, code: string, problem: string, value: unknown): never {
  throw new MetricsInputError(`${fn}: ${path} ${problem} (${describeValue(value)})`, code, path, value);
}

/**
 * The path of a field of the record at `index` of a collection: `events[41].timestamp`.
 * @internal
 */
export function recordPath(collection: string, index: number, field: string): string {
  return `${collection}[${index}].${field}`;
}

/**
 * Where a bad value sits, for an error message: the collection, the record's 0-based index,
 * and the record's id with the name of its id field.
 * @internal
 */
export interface RecordAt {
  readonly collection: string;
  readonly index: number;
  readonly idField: string;
  readonly id: unknown;
}

/**
 * Throws a {@link MetricsInputError} for a field of a record that has an id, naming the id
 * beside the 0-based index so the record can be found in the source data:
 * `activeUsers: events[1234] (userId "u_77").timestamp is not a valid timestamp ("yesterday")`.
 * The error's `path` stays `events[1234].timestamp`. A cold path: only called to throw.
 * @internal
 */
export function failRecord(
  fn: string,
  at: RecordAt,
  field: string,
  code: string,
  problem: string,
  value: unknown,
): never {
  const label = `${at.collection}[${at.index}] (${at.idField} ${describeValue(at.id)})`;
  const path = recordPath(at.collection, at.index, field);
  throw new MetricsInputError(`${fn}: ${label}.${field} ${problem} (${describeValue(value)})`, code, path, value);
}

/**
 * As {@link failRecord} for a column value: `events.timestamp[5] (userId "u_77")`, with
 * `path` `events.timestamp[5]`.
 * @internal
 */
export function failColumnValue(
  fn: string,
  at: RecordAt,
  field: string,
  code: string,
  problem: string,
  value: unknown,
): never {
  const path = `${at.collection}.${field}[${at.index}]`;
  throw new MetricsInputError(`${fn}: ${path} (${at.idField} ${describeValue(at.id)}) ${problem} (${describeValue(value)})`, code, path, value);
}
