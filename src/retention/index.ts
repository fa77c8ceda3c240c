/**
 * The retention module: see docs/retention.md.
 * @module
 */
export {};
