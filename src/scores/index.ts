/**
 * The scores module: see docs/scores.md.
 * @module
 */
export {};
