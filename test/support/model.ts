/** Slow, obvious reference implementations used by property tests. */

const formats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock date `YYYY-MM-DD` of an instant in a zone, straight from Intl. */
export function wallDate(t: number, timeZone: string): string {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timeZone, format);
  }
  return format.format(t);
}

/** `YYYY-MM-DD` plus `n` days. */
export function addDays(key: string, n: number): string {
  return new Date(Date.parse(`${key}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Every key from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const keys: string[] = [];
  for (let key = from; key <= to; key = addDays(key, 1)) keys.push(key);
  return keys;
}

/** Fisher-Yates shuffle driven by fast-check's random integers. */
export function shuffled<T>(items: readonly T[], picks: readonly number[]): T[] {
  const copy = items.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = (picks[i % Math.max(1, picks.length)] ?? 0) % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** Zones the property tests draw from: DST north and south, half- and quarter-hour offsets. */
export const TEST_ZONES = [
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'America/Santiago',
  'Pacific/Chatham',
  'America/St_Johns',
  'Pacific/Kiritimati',
] as const;
