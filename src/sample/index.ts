/**
 * A seeded synthetic SaaS company for demos, notebooks and your own experiments. Kept out of
 * the main entry so it never lands in an application bundle by accident.
 * @module
 */
export * from '../core/shared.js';
export { sampleCompany } from './sample-company.js';
export type {
  SampleAccount,
  SampleCompany,
  SampleEvent,
  SampleNpsResponse,
  SampleOptions,
  SampleSubscription,
  SampleTrial,
  SampleUser,
} from './types.js';
