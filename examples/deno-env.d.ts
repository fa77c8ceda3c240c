// Lets `tsc -p tsconfig.json` type-check examples/deno-script.ts: Deno's `npm:` specifier
// is the package itself.
declare module 'npm:customer-success-metrics/scores' {
  export * from 'customer-success-metrics/scores';
}
