/**
 * The fixed plan of the sample company: its 18 months, campaigns, plans and names, and the
 * calendar helpers of its generators.
 * @internal
 */

export const DAY = 86_400_000;
export const START = Date.UTC(2025, 4, 1); // 2025-05-01
export const END = Date.UTC(2026, 10, 1); // 2026-11-01 (exclusive): 18 months
/** The last day of the data, the `asOf` of the company. */
export const AS_OF = '2026-10-31';
/**
 * No timestamp at or after this instant: 2026-10-31T22:00Z is midnight in UTC+2, so every
 * event lies on or before 2026-10-31 in every zone from UTC−12 to UTC+2. (Sessions start by
 * 21:01 UTC; an event later than 22:00 UTC is dropped.)
 */
export const LAST_EVENT_BEFORE = Date.UTC(2026, 9, 31, 22);

/** The length of a trial, in days. */
export const TRIAL_DAYS = 14;

/** A source campaign and how engaged its trials tend to be. */
export interface Campaign {
  readonly name: string;
  readonly quality: number;
}

export const CAMPAIGNS: readonly Campaign[] = [
  { name: 'organic', quality: 0.75 },
  { name: 'google-ads', quality: 0.45 },
  { name: 'linkedin', quality: 0.55 },
  { name: 'partner', quality: 0.85 },
  { name: 'webinar', quality: 0.65 },
];

export const PLANS = [
  { plan: 'starter', seatPrice: 10 },
  { plan: 'team', seatPrice: 25 },
  { plan: 'business', seatPrice: 45 },
] as const;

/** One of {@link PLANS}. */
export type Plan = (typeof PLANS)[number];

/** An annual plan costs 12 months of seats less this discount. */
export const ANNUAL_DISCOUNT = 0.15;

/** The price of `seats` seats of `plan` per billing interval. */
export function priceOf(plan: Plan, seats: number, annual: boolean): number {
  const monthly = seats * plan.seatPrice;
  return annual ? Math.round(monthly * 12 * (1 - ANNUAL_DISCOUNT)) : monthly;
}

export const NAMES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne', 'Wonka', 'Tyrell', 'Cyberdyne', 'Soylent'];

/** `YYYY-MM-DD` of an instant, in UTC. */
export function isoDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** The same day of the month `months` later, in UTC. */
export function addMonths(t: number, months: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate());
}
