/**
 * The engagement module: see docs/engagement.md.
 * @module
 */
export {};
