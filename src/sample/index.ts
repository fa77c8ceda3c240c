/**
 * A seeded synthetic SaaS company for demos, notebooks and your own experiments. Kept out of
 * the main entry so it never lands in an application bundle by accident.
 * @module
 */
export {
  sampleCompany,
  type SampleAccount,
  type SampleCompany,
  type SampleEvent,
  type SampleNpsResponse,
  type SampleOptions,
  type SampleSubscription,
  type SampleTrial,
  type SampleUser,
} from './sample-company.js';
