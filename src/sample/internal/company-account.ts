/**
 * The generators of one sample account, in the order they draw random numbers (the order
 * fixes the data of a seed): the account's profile and trial, each user's signup, product
 * events and NPS answers, then the subscriptions of a converted trial.
 * @internal
 */

import type { SampleAccount, SampleEvent, SampleNpsResponse, SampleSubscription, SampleTrial, SampleUser } from '../types.js';
import { addMonths, CAMPAIGNS, DAY, END, isoDay, LAST_EVENT_BEFORE, NAMES, PLANS, START, type Plan } from './company-plan.js';
import type { SeededRandom } from './random.js';

/** The tables the generators append to. */
export interface CompanyTables {
  readonly accounts: SampleAccount[];
  readonly users: SampleUser[];
  readonly events: SampleEvent[];
  readonly trials: SampleTrial[];
  readonly subscriptions: SampleSubscription[];
  readonly npsResponses: SampleNpsResponse[];
}

/** What the user and subscription generators need to know about an account. */
export interface AccountProfile {
  readonly accountId: string;
  readonly trialStart: number;
  readonly plan: Plan;
  /** How engaged the account's users tend to be, in [0.05, 1]. */
  readonly quality: number;
  /** A trial that never gets going: one or two people look around once or twice and leave. */
  readonly tireKicker: boolean;
  readonly userCount: number;
  readonly licenses: number;
}

/** Draws account number `a` (0-based) and appends it and its trial. */
export function drawAccount(random: SeededRandom, a: number, tables: CompanyTables): AccountProfile {
  const accountId = `acc-${String(a + 1).padStart(4, '0')}`;
  const campaign = random.pick(CAMPAIGNS);
  // Growth: later months see more trials (density rising linearly).
  const u = Math.sqrt(random.next());
  const trialStart = START + Math.floor(u * ((END - START) / DAY - 1)) * DAY;
  const planIndex = random.chance(0.5) ? 0 : random.chance(0.7) ? 1 : 2;
  const plan = PLANS[planIndex] as Plan;
  const quality = Math.min(1, Math.max(0.05, campaign.quality * (0.5 + random.next())));
  // Some trials never get going: one or two people look around once or twice and leave.
  const tireKicker = random.chance(0.35 + 0.8 * (1 - quality));
  const userCount = tireKicker ? random.int(1, 2) : 2 + Math.floor(22 * random.next() ** 2);
  const licenses = Math.max(1, Math.round(userCount * (0.6 + random.next() * 1.2)));
  tables.accounts.push({ accountId, name: `${random.pick(NAMES)} ${a + 1}`, plan: plan.plan, licenses, sourceCampaign: campaign.name, trialStart });
  tables.trials.push({ accountId, trialStart, sourceCampaign: campaign.name });
  return { accountId, trialStart, plan, quality, tireKicker, userCount, licenses };
}

/**
 * Draws user number `k` (0-based) of an account: signup, first-week events (the "aha" is
 * three reports in the first week), later activity and NPS answers. Returns the user's
 * active days in the trial's first week, which decide the trial's conversion.
 */
export function drawUser(random: SeededRandom, account: AccountProfile, k: number, tables: CompanyTables): number {
  const { accountId, trialStart, tireKicker, quality } = account;
  const userId = `${accountId}-u${k + 1}`;
  const signupDay = k === 0 ? 0 : tireKicker ? random.int(0, 2) : Math.floor(random.exponential(8));
  const signedUpAt = trialStart + signupDay * DAY + random.int(8, 18) * 3_600_000;
  if (signedUpAt >= END) return 0;
  tables.users.push({ userId, accountId, signedUpAt });
  const propensity = tireKicker ? 0.02 : quality * (0.25 + 0.75 * random.next());
  const emit = sessionEmitter(random, tables.events, userId, accountId, trialStart, signedUpAt);
  tables.events.push({ userId, accountId, name: 'signed_up', timestamp: signedUpAt });
  if (random.chance(0.93)) emit('email_confirmed', signupDay);
  if (random.chance(0.35 + 0.6 * propensity)) emit('onboarding_completed', signupDay + (random.chance(0.7) ? 0 : random.int(1, 4)));
  const week = drawFirstWeek(random, emit, account, signupDay, propensity);
  const aha = week.reports >= 3;
  // Lifetime after the first week: the aha moment multiplies it.
  const lastDay = tireKicker ? signupDay + 7 : signupDay + 7 + Math.floor(random.exponential(aha ? 320 : 45) * (0.5 + propensity));
  drawLaterActivity(random, emit, trialStart, signupDay, lastDay, propensity, aha);
  drawNpsAnswers(random, tables.npsResponses, account, userId, signupDay, lastDay, propensity, aha);
  return week.trialActiveDays;
}

/** Emits an event on a day; events of a day come in sessions: a start time, then a few minutes between events. */
type Emit = (name: string, day: number) => void;

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

/** The first week after signup: logins, dashboards, reports (the aha) and invitations. */
function drawFirstWeek(random: SeededRandom, emit: Emit, account: AccountProfile, signupDay: number, propensity: number): { reports: number; trialActiveDays: number } {
  const { tireKicker, trialStart } = account;
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
    if (d - signupDay < 14 && trialStart + d * DAY < trialStart + 14 * DAY) trialActiveDays++;
  }
  return { reports, trialActiveDays };
}

/** Activity after the first week until `lastDay` (or the end of the data), less on weekends. */
function drawLaterActivity(random: SeededRandom, emit: Emit, trialStart: number, signupDay: number, lastDay: number, propensity: number, aha: boolean): void {
  const activeChance = 0.15 + 0.55 * propensity + (aha ? 0.1 : 0);
  const usesExport = random.chance(0.2 + 0.4 * propensity);
  for (let d = signupDay + 7; d <= lastDay; d++) {
    if (trialStart + d * DAY >= END) break;
    const weekday = new Date(trialStart + d * DAY).getUTCDay();
    const chance = weekday === 0 || weekday === 6 ? activeChance * 0.3 : activeChance;
    if (!random.chance(chance)) continue;
    emit('login', d);
    for (let e = random.poisson(1.5); e > 0; e--) emit('dashboard_viewed', d);
    for (let e = random.poisson(0.6 * propensity); e > 0; e--) emit('report_created', d);
    if (usesExport && random.chance(0.3)) emit('export', d);
  }
}

/** NPS: roughly every quarter of the user's life, 30% answer; aha users answer higher. */
function drawNpsAnswers(
  random: SeededRandom,
  npsResponses: SampleNpsResponse[],
  account: AccountProfile,
  userId: string,
  signupDay: number,
  lastDay: number,
  propensity: number,
  aha: boolean,
): void {
  const { accountId, trialStart } = account;
  for (let d = signupDay + 30; d <= lastDay && trialStart + d * DAY < END; d += 90) {
    if (!random.chance(0.3)) continue;
    const mood = propensity + (aha ? 0.25 : 0) + (random.next() - 0.5) * 0.6;
    const score = Math.max(0, Math.min(10, Math.round(3 + mood * 7.5)));
    npsResponses.push({ accountId, userId, answeredAt: trialStart + d * DAY + 12 * 3_600_000, score });
  }
}

/**
 * Conversion at the end of the 14-day trial, more likely for engaged trials
 * (`trialActiveDays` over the users' first weeks), then subscription periods: seat changes,
 * churn, and a few reactivations. `next` numbers the subscriptions; returns the next number.
 */
export function drawSubscriptions(random: SeededRandom, account: AccountProfile, trialActiveDays: number, next: number, tables: CompanyTables): number {
  const { accountId, trialStart, licenses, plan, quality, userCount } = account;
  const trialEnd = trialStart + 14 * DAY;
  const engagedShare = trialActiveDays / (userCount * 7);
  if (trialEnd >= END || !random.chance(Math.min(0.9, 0.15 + engagedShare * 1.2))) return next;
  const annual = random.chance(0.3);
  let seats = Math.max(1, Math.round(licenses * (0.7 + random.next() * 0.3)));
  let start = trialEnd;
  let count = next;
  while (start < END) {
    count++;
    const monthly = seats * plan.seatPrice;
    const amount = annual ? Math.round(monthly * 12 * 0.85) : monthly;
    // How long this price lasts: a change of seats, a churn, or the end of the data.
    const months = annual ? 12 * random.int(1, 2) : random.int(2, 14);
    const end = addMonths(start, months);
    const churnNow = random.chance(annual ? 0.12 : 0.2 * (1 - quality * 0.6));
    tables.subscriptions.push({
      subscriptionId: `sub-${count}`,
      accountId,
      start: isoDay(start),
      // Still running at the end of the data: open, even if it would end (or churn) later.
      end: end >= END ? null : isoDay(end),
      amount,
      interval: annual ? 'year' : 'month',
      currency: 'USD',
    });
    if (end >= END) break;
    if (churnNow) {
      // A few come back after one to four months.
      if (!random.chance(0.25)) break;
      start = addMonths(end, random.int(1, 4));
      seats = Math.max(1, Math.round(seats * (0.6 + random.next() * 0.5)));
      continue;
    }
    // Upgrade or downgrade seats.
    seats = Math.max(1, seats + (random.chance(0.65) ? random.int(1, 4) : -random.int(1, Math.max(1, Math.floor(seats / 3)))));
    start = end;
  }
  return count;
}
