/**
 * The life of one sample account after its trial, month by month: whether it converts,
 * how its usage moves (an activity level that drifts around where the trial left it, or
 * falls for months once the account starts to drift away), when it churns (the lower its
 * usage at a renewal, the likelier), when it adds seats (after new users join), cuts seats,
 * and comes back. It writes the account's subscriptions and returns the activity level of
 * every day, which the users' later activity follows.
 * @internal
 */

import type { SampleSubscription } from '../types.js';
import { addMonths, DAY, END, isoDay, priceOf, TRIAL_DAYS, type Plan } from './company-plan.js';
import type { SeededRandom } from './random.js';

/** What the timeline needs to know about the account. */
export interface TimelineAccount {
  readonly accountId: string;
  readonly trialStart: number;
  readonly plan: Plan;
  /** How engaged the account's users tend to be, in [0.05, 1]. */
  readonly quality: number;
  /** The size of the team that evaluates (the users planned for the trial). */
  readonly teamSize: number;
}

/** A member of the account's team: from signup to leaving (days since the trial start). */
export interface TeamMember {
  readonly signupDay: number;
  readonly leaveDay: number;
}

/** The account's activity level and seats. */
export interface Timeline {
  /**
   * The activity level of each day since the trial start: 1 in the trial; for a paying
   * account around its usage level (about 0.5 to 1.1), falling month by month while it
   * drifts away; {@link LAPSED_LEVEL} after it churns; a fading free plan after a trial that
   * does not convert.
   */
  readonly level: Float64Array;
  /** 1 on the days the account pays (a subscription runs), else 0; days since the trial start. */
  readonly paid: Uint8Array;
  /** The seats of the account's latest subscription; `null` when it never paid. */
  readonly seats: number | null;
}

/** The activity level of an account that has churned: its users hardly come back. */
export const LAPSED_LEVEL = 0.02;

/**
 * The chance that a paying account churns at a renewal, given how far its usage has fallen
 * below its usual level (`drop = max(0, 1 − usage / usual)`, 0 while usage holds up):
 * `0.003 + 0.6 · drop²` for a monthly plan (renewed every month), `0.02 + 0.9 · drop²` for
 * an annual one (renewed every 12 months), plus 0.012 (0.08 annual) for an account whose
 * usual level is low (below 0.7); at most 0.9. An account whose usage has halved churns at
 * about one monthly renewal in seven; one whose usage holds up, at one in 330 (one in 70
 * when its usual level is low).
 */
export function churnChance(usage: number, usual: number, annual: boolean): number {
  const drop = Math.max(0, 1 - usage / usual);
  const low = usual < 0.7 ? (annual ? 0.08 : 0.012) : 0;
  return Math.min(0.9, annual ? 0.02 + low + 0.9 * drop * drop : 0.003 + low + 0.6 * drop * drop);
}

/**
 * Draws the account's life after its trial and appends its subscriptions. `team` holds the
 * trial's users; `hire(count, fromDay, toDay)` draws `count` new users signing up between
 * those days and returns them (they join `team`). `engagedShare` is the share of the trial
 * team's first-week days that were active. Returns the timeline and the next subscription
 * number.
 */
export function drawTimeline(
  random: SeededRandom,
  account: TimelineAccount,
  engagedShare: number,
  team: TeamMember[],
  hire: (count: number, fromDay: number, toDay: number) => TeamMember[],
  next: number,
  subscriptions: SampleSubscription[],
): { timeline: Timeline; next: number } {
  const { accountId, trialStart, plan, quality } = account;
  const days = Math.max(0, Math.round((END - trialStart) / DAY));
  const level = new Float64Array(days).fill(1);
  const paidDays = new Uint8Array(days);
  const trialEnd = trialStart + TRIAL_DAYS * DAY;
  const dayOf = (t: number): number => Math.round((t - trialStart) / DAY);
  const fill = (from: number, to: number, value: (d: number) => number): void => {
    for (let d = Math.max(0, dayOf(from)); d < Math.min(days, dayOf(to)); d++) level[d] = value(d);
  };
  if (trialEnd >= END || !random.chance(Math.min(0.9, 0.15 + engagedShare * 1.2))) {
    // No conversion: a free, read-only plan whose use halves every month.
    fill(trialEnd, END, (d) => 0.45 * 0.5 ** ((d - TRIAL_DAYS) / 30));
    return { timeline: { level, paid: paidDays, seats: null }, next };
  }

  const annual = random.chance(0.3);
  const target = Math.min(1.1, 0.55 + 0.6 * engagedShare);
  let usage = target;
  let drifting = false;
  let seats = Math.max(1, Math.round(account.teamSize * (0.9 + random.next() * 0.25)));
  let paid = true;
  let termMonth = 0;
  let returnAt = -1;
  let hiredSinceChange = 0;
  let count = next;
  let open = { start: trialEnd, seats };
  const close = (end: number | null): void => {
    count++;
    subscriptions.push({
      subscriptionId: `sub-${count}`,
      accountId,
      start: isoDay(open.start),
      end: end === null || end >= END ? null : isoDay(end),
      amount: priceOf(plan, open.seats, annual),
      interval: annual ? 'year' : 'month',
      currency: 'USD',
    });
  };
  /** The team on a day: users who joined before it and have not left. */
  const teamOn = (day: number): number => team.filter((m) => m.signupDay < day && m.leaveDay >= day).length;

  for (let i = 0; ; i++) {
    const from = addMonths(trialEnd, i);
    if (from >= END) break;
    const to = addMonths(trialEnd, i + 1);
    if (!paid) {
      fill(from, to, () => LAPSED_LEVEL);
      if (i + 1 === returnAt && to < END) {
        // Back after a break: a new champion, fewer seats at first.
        paid = true;
        usage = 0.6 + 0.3 * random.next();
        drifting = false;
        termMonth = 0;
        hiredSinceChange = 0;
        seats = Math.max(1, Math.round(seats * (0.6 + random.next() * 0.5)));
        open = { start: to, seats };
        const back = addMonths(trialEnd, i + 2);
        if (teamOn(dayOf(to)) === 0) team.push(...hire(1, dayOf(to), Math.min(dayOf(back), days) - 1));
      }
      continue;
    }
    // Usage this month: drifting away (it falls by 12–28% a month), or near its usual
    // level; when nobody of the team is left, it collapses.
    const empty = teamOn(dayOf(from)) === 0;
    if (empty) drifting = true;
    else if (!drifting && random.chance(0.02 + 0.03 * (1 - quality))) drifting = true;
    else if (drifting && random.chance(0.15)) drifting = false;
    usage = drifting ? usage * (empty ? 0.3 : 0.65 + 0.2 * random.next()) : usage + (target - usage) * 0.3 + (random.next() - 0.5) * 0.1;
    usage = Math.min(1.2, Math.max(0.03, usage));
    const monthUsage = usage;
    fill(from, to, () => monthUsage);
    for (let d = Math.max(0, dayOf(from)); d < Math.min(days, dayOf(to)); d++) paidDays[d] = 1;
    // A team whose usage holds up grows: new users sign up during the month.
    if (usage > 0.6 && random.chance(0.1 * usage)) {
      const size = teamOn(dayOf(from));
      const hired = hire(random.int(1, Math.max(2, Math.round(size * 0.3))), dayOf(from), Math.min(dayOf(to), days) - 1);
      team.push(...hired);
      hiredSinceChange += hired.length;
    }
    termMonth++;
    if (to >= END) break;
    const renewal = annual ? termMonth % 12 === 0 : true;
    if (renewal && random.chance(churnChance(usage, target, annual))) {
      close(to);
      paid = false;
      // A few come back after one to four months.
      returnAt = random.chance(0.3) ? i + 1 + random.int(1, 4) : -1;
      continue;
    }
    // Seats at the boundary: a true-up when new users took the team past its seats; at a
    // renewal, a cut when the team shrank or usage is low.
    const teamNow = teamOn(dayOf(to));
    let nextSeats = seats;
    if (hiredSinceChange > 0 && teamNow > seats) nextSeats = teamNow;
    else if (renewal && teamNow < seats * 0.75 && random.chance(annual ? 0.7 : 0.15)) nextSeats = Math.max(1, teamNow);
    else if (renewal && usage < 0.45 && random.chance(0.25)) nextSeats = Math.max(1, seats - random.int(1, Math.max(1, Math.floor(seats / 3))));
    if (nextSeats !== seats) {
      close(to);
      seats = nextSeats;
      hiredSinceChange = 0;
      open = { start: to, seats };
    }
  }
  if (paid) close(null);
  return { timeline: { level, paid: paidDays, seats }, next: count };
}
