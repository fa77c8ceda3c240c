/**
 * The lifecycle module: see docs/lifecycle.md.
 * @module
 */
export {};
