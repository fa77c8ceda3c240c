/**
 * Scores: NPS with its uncertainty, CSAT, CES, composable health scores, customer
 * lifetime value and simple advocacy ratios. See docs/scores.md.
 * @module
 */
export { adoptionRate, type AdoptionRateOptions } from './adoption-rate.js';
export { advocacyShare, type AdvocacyShareOptions } from './advocacy-share.js';
export { ces, type CesFigures, type CesOptions, type CesResult, type CesSegment, type SegmentedCesResult } from './ces.js';
export { csat, type AnswerCount, type CsatFigures, type CsatOptions, type CsatResult, type CsatSegment, type SegmentedCsatResult } from './csat.js';
export { customerLifetimeValue, type CustomerLifetimeValueInput, type CustomerLifetimeValueResult } from './customer-lifetime-value.js';
export {
  healthScore,
  type HealthBand,
  type HealthBandRange,
  type HealthComponent,
  type HealthContribution,
  type HealthNormalizer,
  type HealthScoreClassifier,
  type HealthScoreOptions,
  type HealthScoreResult,
  type HealthTrend,
  type PreviousHealthScore,
} from './health-score.js';
export { healthScores, type AccountHealthScore, type HealthScoresOptions, type HealthScoresResult } from './health-scores.js';
export type { ResponseAccessors, Responses } from './internal/responses.js';
export { nps, type NpsFigures, type NpsMethod, type NpsOptions, type NpsResult, type NpsSegment, type SegmentBy, type SegmentedNpsResult } from './nps.js';
export { npsChange, type NpsChangeOptions, type NpsChangeResult, type NpsSample, type NpsSummary } from './nps-change.js';
export { referralRate, type ReferralRateOptions } from './referral-rate.js';
