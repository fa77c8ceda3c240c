import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'engagement/index': 'src/engagement/index.ts',
    'lifecycle/index': 'src/lifecycle/index.ts',
    'retention/index': 'src/retention/index.ts',
    'revenue/index': 'src/revenue/index.ts',
    'scores/index': 'src/scores/index.ts',
    'display/index': 'src/display/index.ts',
    'sample/index': 'src/sample/index.ts',
    'sql/index': 'src/sql/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  // Shared chunks in both formats, so MetricsInputError is one class across entry points.
  splitting: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  sourcemap: false,
  treeshake: true,
  tsconfig: 'tsconfig.src.json',
});
