/**
 * The generator of one sample account, in the order it draws random numbers (the order
 * fixes the data of a seed): the account's profile and trial; each trial user's signup and
 * first week; the account's life after the trial (conversion, usage level, churn, seats,
 * new users, comeback; account-timeline.ts); then every user's later activity and NPS
 * answers, which follow that life.
 * @internal
 */

import type { SampleAccount, SampleEvent, SampleNpsResponse, SampleSubscription, SampleTrial, SampleUser } from '../types.js';
import { drawTimeline, type TeamMember } from './account-timeline.js';
import { CAMPAIGNS, DAY, END, NAMES, PLANS, START, type Plan } from './company-plan.js';
import type { SeededRandom } from './random.js';
import { drawLaterActivity, drawNpsAnswers, drawUserStart, type UserStart } from './user-activity.js';

/** The tables the generators append to. */
export interface CompanyTables {
  readonly accounts: SampleAccount[];
  readonly users: SampleUser[];
  readonly events: SampleEvent[];
  readonly trials: SampleTrial[];
  readonly subscriptions: SampleSubscription[];
  readonly npsResponses: SampleNpsResponse[];
}

/**
 * Draws account number `a` (0-based) with its trial, users, events, NPS answers and
 * subscriptions, and appends them. `next` numbers the subscriptions; returns the next number.
 */
export function drawAccount(random: SeededRandom, a: number, next: number, tables: CompanyTables): number {
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
  const teamSize = tireKicker ? random.int(1, 2) : 2 + Math.floor(22 * random.next() ** 2);
  const name = `${random.pick(NAMES)} ${a + 1}`;
  tables.trials.push({ accountId, trialStart, sourceCampaign: campaign.name });
  const account = { accountId, trialStart, plan, quality, tireKicker, teamSize };

  // The trial team: the first user on day 0, the others over the following days.
  const users: UserStart[] = [];
  const start = (signupDay: number): UserStart | null =>
    drawUserStart(random, account, `${accountId}-u${users.length + 1}`, signupDay, users.length === 0, tables.events, tables.users);
  for (let k = 0; k < teamSize; k++) {
    const user = start(k === 0 ? 0 : tireKicker ? random.int(0, 2) : Math.floor(random.exponential(8)));
    if (user !== null) users.push(user);
  }
  const trialActiveDays = users.reduce((sum, user) => sum + user.trialActiveDays, 0);
  const engagedShare = trialActiveDays / (teamSize * 7);

  // New users joining a paying account: their signup and first week now, the rest below.
  const hire = (count: number, fromDay: number, toDay: number): TeamMember[] => {
    const hired: UserStart[] = [];
    for (let k = 0; k < count; k++) {
      const user = start(random.int(fromDay, Math.max(fromDay, toDay)));
      if (user === null) continue;
      users.push(user);
      hired.push(user);
    }
    return hired;
  };
  const { timeline, next: after } = drawTimeline(random, { accountId, trialStart, plan, quality, teamSize }, engagedShare, [...users], hire, next, tables.subscriptions);

  for (const user of users) {
    drawLaterActivity(random, user, account, timeline.level, timeline.paid);
    drawNpsAnswers(random, tables.npsResponses, user, account, timeline.level, timeline.paid);
  }
  // Licenses: the seats of the latest subscription; for a trial that never paid, the seats it evaluated for.
  const licenses = timeline.seats ?? Math.max(1, Math.round(teamSize * (0.6 + random.next() * 1.2)));
  tables.accounts.push({ accountId, name, plan: plan.plan, licenses, sourceCampaign: campaign.name, trialStart });
  return after;
}
