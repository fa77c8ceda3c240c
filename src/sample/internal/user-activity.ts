/**
 * The generators of one sample user: signup and first week (the "aha" is three reports in
 * the first week), then the later activity and NPS answers, which follow the account's
 * activity level day by day (see account-timeline.ts).
 * @internal
 */

import type { SampleEvent, SampleNpsResponse } from '../types.js';
import { DAY, END, LAST_EVENT_BEFORE, TRIAL_DAYS } from './company-plan.js';
import type { SeededRandom } from './random.js';

/** What the user generators need to know about the account. */
export interface UserAccount {
  readonly accountId: string;
  /** Trial start, epoch ms (UTC midnight); days are counted from it. */
  readonly trialStart: number;
  /** How engaged the account's users tend to be, in [0.05, 1]. */
  readonly quality: number;
  /** A trial that never gets going: one or two people look around once or twice and leave. */
  readonly tireKicker: boolean;
}

/** Emits an event on a day; events of a day come in sessions: a start time, then a few minutes between events. */
export type Emit = (name: string, day: number) => void;

/** A user after signup and first week. */
export interface UserStart {
  readonly userId: string;
  /** Signup, in days since the trial start. */
  readonly signupDay: number;
  /** How active the user tends to be, in [0, 1]. */
  readonly propensity: number;
  /** Three reports or more in the first week. */
  readonly aha: boolean;
  /**
   * The last day the user keeps using the product on their own (days since the trial
   * start): while the account pays, they keep using it until they leave; outside paid
   * months (the trial, a free plan, after churn) they stop after this day.
   */
  readonly interestDay: number;
  /** The day the user leaves the account (changes job), in days since the trial start. */
  readonly leaveDay: number;
  /** Rarely logs in even while the account pays (a seat bought but hardly used). */
  readonly shelfware: boolean;
  /** Active days in the first week that fall inside the trial. */
  readonly trialActiveDays: number;
  readonly emit: Emit;
}

/**
 * Draws a user signing up on `signupDay` (days since the trial start) and their first
 * week (`champion`: the account's first user): confirmation, onboarding, logins, dashboards, reports (the aha), invitations.
 * Returns `null` for a signup at or after the end of the data (nothing recorded).
 */
export function drawUserStart(
  random: SeededRandom,
  account: UserAccount,
  userId: string,
  signupDay: number,
  champion: boolean,
  events: SampleEvent[],
  users: { userId: string; accountId: string; signedUpAt: number }[],
): UserStart | null {
  const { accountId, trialStart, tireKicker, quality } = account;
  const signedUpAt = trialStart + signupDay * DAY + random.int(8, 18) * 3_600_000;
  if (signedUpAt >= LAST_EVENT_BEFORE) return null;
  users.push({ userId, accountId, signedUpAt });
  const propensity = tireKicker ? 0.02 : quality * (0.25 + 0.75 * random.next());
  const emit = sessionEmitter(random, events, userId, accountId, trialStart, signedUpAt);
  events.push({ userId, accountId, name: 'signed_up', timestamp: signedUpAt });
  if (random.chance(0.93)) emit('email_confirmed', signupDay);
  if (random.chance(0.35 + 0.6 * propensity)) emit('onboarding_completed', signupDay + (random.chance(0.7) ? 0 : random.int(1, 4)));
  let reports = 0;
  let trialActiveDays = 0;
  for (let d = signupDay; d < signupDay + 7; d++) {
    if (!random.chance(tireKicker ? (d === signupDay ? 0.6 : 0.04) : 0.25 + 0.6 * propensity)) continue;
    emit('login', d);
    for (let e = random.poisson(2); e > 0; e--) emit('dashboard_viewed', d);
    const created = random.poisson(1.1 * propensity);
    reports += created;
    for (let e = 0; e < created; e++) emit('report_created', d);
    if (random.chance(0.15 * propensity)) emit('teammate_invited', d);
    if (d < TRIAL_DAYS) trialActiveDays++;
  }
  const aha = reports >= 3;
  // How long the user keeps at it on their own after the first week: the aha multiplies it.
  const interestDay = tireKicker ? signupDay + 7 : signupDay + 7 + Math.floor(random.exponential(aha ? 540 : 70) * (0.5 + propensity));
  const leaveDay = signupDay + 7 + Math.floor(random.exponential(champion ? 2 * TENURE_DAYS : TENURE_DAYS));
  // The first user of an account is its champion: never shelfware.
  const shelfware = !champion && !aha && random.chance(SHELFWARE_CHANCE);
  return { userId, signupDay, propensity, aha, interestDay, leaveDay, shelfware, trialActiveDays, emit };
}

/** The event emitter of one user, keeping the user's session clock. */
function sessionEmitter(random: SeededRandom, events: SampleEvent[], userId: string, accountId: string, trialStart: number, signedUpAt: number): Emit {
  let sessionDay = -1;
  let clock = 0;
  return (name, day) => {
    if (day !== sessionDay || random.chance(0.12)) {
      sessionDay = day;
      clock = trialStart + day * DAY + random.int(7 * 60, 21 * 60) * 60_000 + random.int(0, 59_999);
    } else {
      clock += random.int(1, 12) * 60_000 + random.int(0, 59_999);
    }
    if (clock < LAST_EVENT_BEFORE && clock >= signedUpAt) events.push({ userId, accountId, name, timestamp: clock });
  };
}

/** The mean time a user stays with an account before leaving it (changing jobs), in days; twice that for its first user. */
export const TENURE_DAYS = 1_000;

/** The share of users without the aha (the account's first user aside) who hardly use their seat even while the account pays. */
export const SHELFWARE_CHANCE = 0.3;

/** A user takes a whole calendar month off (leave, a project elsewhere) with this chance, then comes back. */
export const MONTH_OFF_CHANCE = 0.025;

/** Whether the user is still with the account and using it on day `d`: before leaving, and in a paid month or before losing interest. */
export function isUsing(user: UserStart, paid: Uint8Array, d: number): boolean {
  return d <= user.leaveDay && (paid[d] === 1 || d <= user.interestDay);
}

/**
 * Activity after the first week, on the days the user is still using the product
 * ({@link isUsing}): on each day the user is active with a chance set by their propensity
 * and aha (much lower for shelfware), times the account's activity level that day
 * (`level[day]`: 1 in the trial, lower as usage falls, near 0 once the account has
 * churned), less on weekends; now and then a whole month off.
 */
export function drawLaterActivity(random: SeededRandom, user: UserStart, account: UserAccount, level: Float64Array, paid: Uint8Array): void {
  const { signupDay, propensity, aha, emit } = user;
  const base = user.shelfware ? 0.03 : 0.12 + 0.55 * propensity + (aha ? 0.1 : 0);
  const usesExport = random.chance(0.2 + 0.4 * propensity);
  let month = -1;
  let monthOff = false;
  for (let d = signupDay + 7; d <= user.leaveDay; d++) {
    const t = account.trialStart + d * DAY;
    if (t >= END) break;
    if (!isUsing(user, paid, d)) continue;
    const date = new Date(t);
    if (date.getUTCMonth() !== month) {
      month = date.getUTCMonth();
      monthOff = random.chance(MONTH_OFF_CHANCE);
    }
    if (monthOff) continue;
    const weekday = date.getUTCDay();
    const chance = Math.min(0.95, base * (level[d] ?? 0)) * (weekday === 0 || weekday === 6 ? 0.3 : 1);
    if (!random.chance(chance)) continue;
    emit('login', d);
    for (let e = random.poisson(1.5); e > 0; e--) emit('dashboard_viewed', d);
    for (let e = random.poisson(0.6 * propensity); e > 0; e--) emit('report_created', d);
    if (usesExport && random.chance(0.3)) emit('export', d);
  }
}

/**
 * NPS: about every quarter while the user still uses the product ({@link isUsing}) in an account that does,
 * 30% answer; aha users answer higher, and so do users of accounts whose usage holds up
 * (an account whose usage falls answers lower before it churns).
 */
export function drawNpsAnswers(random: SeededRandom, npsResponses: SampleNpsResponse[], user: UserStart, account: UserAccount, level: Float64Array, paid: Uint8Array): void {
  const { accountId, trialStart } = account;
  const { userId, signupDay, propensity, aha } = user;
  for (let d = signupDay + 30; d <= user.leaveDay && trialStart + d * DAY < END; d += 90) {
    const at = level[d] ?? 0;
    if (!isUsing(user, paid, d) || at < 0.1 || !random.chance(0.3)) continue;
    const mood = 0.25 + propensity + (aha ? 0.25 : 0) + (Math.min(1, at) - 0.75) * 0.8 + (random.next() - 0.5) * 0.6;
    const score = Math.max(0, Math.min(10, Math.round(3 + mood * 7.5)));
    const answeredAt = trialStart + d * DAY + 12 * 3_600_000;
    if (answeredAt < LAST_EVENT_BEFORE) npsResponses.push({ accountId, userId, answeredAt, score });
  }
}
