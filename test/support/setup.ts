/**
 * Property tests explore new random inputs on every local run; in CI (CI=true) they use a
 * fixed seed, so a submission's result does not depend on the draw. A failure found
 * locally prints its seed and path for replay.
 */
import fc from 'fast-check';

if (process.env.CI === 'true' || process.env.FC_SEED !== undefined) {
  fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261122) });
}
