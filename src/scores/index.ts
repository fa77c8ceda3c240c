/**
 * Scores: NPS with its uncertainty, CSAT, CES, composable health scores, customer
 * lifetime value and count shares (adoption, referral, advocacy). See docs/scores.md.
 * @module
 */
export * from '../core/shared.js';
export { ces } from './ces.js';
export { countShare } from './count-share.js';
export { csat } from './csat.js';
export { customerLifetimeValue } from './customer-lifetime-value.js';
export { healthScore } from './health-score.js';
export { healthScores } from './health-scores.js';
export { nps } from './nps.js';
export { npsChange } from './nps-change.js';
export type {
  AccountHealthScore,
  AnswerCount,
  CesFigures,
  CesGroup,
  CesOptions,
  CesResult,
  CountShareOptions,
  CsatFigures,
  CsatGroup,
  CsatOptions,
  CsatResult,
  CustomerLifetimeValueInput,
  CustomerLifetimeValueOptions,
  CustomerLifetimeValueResult,
  GroupedCesResult,
  GroupedCsatResult,
  GroupedNpsResult,
  HealthBand,
  HealthBandRange,
  HealthComponent,
  HealthContribution,
  HealthNormalizer,
  HealthScoreClassifier,
  HealthScoreOptions,
  HealthScoreResult,
  HealthScoresOptions,
  HealthScoresResult,
  HealthTrend,
  NpsChangeOptions,
  NpsChangeResult,
  NpsFigures,
  NpsGroup,
  NpsMethod,
  NpsOptions,
  NpsResult,
  NpsSample,
  NpsSummary,
  PreviousHealthScore,
  ResponseAccessors,
  ResponseGrouping,
  Responses,
} from './types.js';
