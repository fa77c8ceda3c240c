/**
 * The public types of the sample module: the records of the sample company and the options
 * of `sampleCompany`; with the shared types of the library, re-exported so that the sample
 * entry has them. Declared here, in a public file, so that the module's `internal/`
 * generators can read them without an import cycle.
 * @module
 */


/** An account of the sample company. */
export interface SampleAccount {
  /** The account's id. */
  accountId: string;
  /** The account's display name. */
  name: string;
  /** The account's plan. */
  plan: 'starter' | 'team' | 'business';
  /**
   * Licenses (seats): those of the account's latest subscription, its current seats while it
   * pays; for a trial that never converted, the seats it evaluated for.
   */
  licenses: number;
  /** The campaign the account came from. */
  sourceCampaign: string;
  /** Trial start, epoch ms (UTC midnight). */
  trialStart: number;
}

/** A user of the sample company. */
export interface SampleUser {
  /** The user's id. */
  userId: string;
  /** The id of the user's account. */
  accountId: string;
  /** Signup, epoch ms. */
  signedUpAt: number;
}

/** A product event of the sample company. */
export interface SampleEvent {
  /** The id of the user who triggered the event. */
  userId: string;
  /** The id of the user's account. */
  accountId: string;
  /** The event's name. */
  name: string;
  /** Epoch ms. */
  timestamp: number;
}

/** A trial of the sample company. */
export interface SampleTrial {
  /** The account's id. */
  accountId: string;
  /** Trial start, epoch ms (UTC midnight). */
  trialStart: number;
  /** The campaign the account came from. */
  sourceCampaign: string;
}

/** A subscription period of the sample company. */
export interface SampleSubscription {
  /** The subscription's id. */
  subscriptionId: string;
  /** The id of the subscribing account (revenue functions read `accountId` by default). */
  accountId: string;
  /** `YYYY-MM-DD`, inclusive. */
  start: string;
  /**
   * `YYYY-MM-DD`, exclusive, at most `asOf` (2026-10-31); `null` while the subscription is
   * still active at the end of the data, whatever would have happened later.
   */
  end: string | null;
  /** Price per `interval`, in `currency`. */
  amount: number;
  /** Billing interval. */
  interval: 'month' | 'year';
  /** The currency of `amount`. */
  currency: 'USD';
}

/** An NPS answer of the sample company. */
export interface SampleNpsResponse {
  /** The id of the respondent's account. */
  accountId: string;
  /** The respondent's user id. */
  userId: string;
  /** When the response was given, epoch ms. */
  answeredAt: number;
  /** The NPS answer, 0 to 10. */
  score: number;
}

/** Everything the sample company generates. */
export interface SampleCompany {
  /** Every account. */
  accounts: SampleAccount[];
  /** Every user. */
  users: SampleUser[];
  /** Every event. */
  events: SampleEvent[];
  /** One trial per account. */
  trials: SampleTrial[];
  /** Every subscription. */
  subscriptions: SampleSubscription[];
  /** Every NPS response. */
  npsResponses: SampleNpsResponse[];
  /**
   * The last day of the data, `'2026-10-31'`: pass it as `asOf`. A date-only `asOf` means
   * the data is complete through the end of that local day, so October 2026 is a complete
   * month and the 30-day window ending on `asOf` is 2026-10-02 to 2026-10-31. Every event,
   * signup and answer is at or before 2026-10-31T21:59:59.999Z, so it falls on or before
   * that day in UTC and in every zone from UTC−12 to UTC+2 (the Americas, Europe, Africa).
   */
  asOf: string;
}

/** Options of `sampleCompany`. */
export interface SampleOptions {
  /** Seed of the generator; the same seed gives the same company. Default 42. */
  seed?: number;
  /** Number of accounts. Default 500. */
  accounts?: number;
}
