/**
 * Every entry a user imports has `MetricsInputError` (one class across entries, so
 * `instanceof` works whichever entry threw) and the shared types; the root re-exports the
 * metric modules but not `display` or `sample`. Entries are read from package.json.
 */
/// <reference types="vite/client" />
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type * as Display from '../src/display/index.js';
import type * as Engagement from '../src/engagement/index.js';
import type * as Root from '../src/index.js';
import type * as Lifecycle from '../src/lifecycle/index.js';
import type * as Retention from '../src/retention/index.js';
import type * as Revenue from '../src/revenue/index.js';
import type * as Sample from '../src/sample/index.js';
import type * as Scores from '../src/scores/index.js';
import type * as Sql from '../src/sql/index.js';
import { MetricsInputError } from '../src/core/errors.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const subpaths = Object.keys((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> }).exports).filter(
  (key) => key !== './package.json',
);
const modules = import.meta.glob<Record<string, unknown>>('../src/**/index.ts');
const load = (subpath: string) => (modules[subpath === '.' ? '../src/index.ts' : `../src/${subpath.slice(2)}/index.ts`] as () => Promise<Record<string, unknown>>)();

describe('entries', () => {
  it('every entry exports the one MetricsInputError class', async () => {
    expect(subpaths.length).toBeGreaterThanOrEqual(8);
    for (const subpath of subpaths) expect((await load(subpath)).MetricsInputError, subpath).toBe(MetricsInputError);
  });

  it('the root re-exports every metric module but not display, sample or sql', async () => {
    const rootExports = await load('.');
    for (const subpath of ['./engagement', './lifecycle', './retention', './revenue', './scores']) {
      for (const name of Object.keys(await load(subpath))) expect(rootExports[name], `${subpath} ${name}`).toBe((await load(subpath))[name]);
    }
    expect(rootExports.retentionChart).toBeUndefined();
    expect(rootExports.sampleCompany).toBeUndefined();
    expect(rootExports.activeUsersSql).toBeUndefined();
  });

  it('every entry exports the shared types (checked by the type checker)', () => {
    // Each line fails to compile when that entry lacks the type.
    expectTypeOf<[Engagement.Estimate, Engagement.Timestamp, Engagement.Id, Engagement.RateChange, Engagement.SurvivalStep, Engagement.SurvivalQuantile]>().toEqualTypeOf<
      [Root.Estimate, Root.Timestamp, Root.Id, Root.RateChange, Root.SurvivalStep, Root.SurvivalQuantile]
    >();
    expectTypeOf<[Lifecycle.Estimate, Lifecycle.Timestamp, Lifecycle.Id, Lifecycle.RateChange, Lifecycle.SurvivalStep, Lifecycle.SurvivalQuantile]>().toEqualTypeOf<
      [Root.Estimate, Root.Timestamp, Root.Id, Root.RateChange, Root.SurvivalStep, Root.SurvivalQuantile]
    >();
    expectTypeOf<[Retention.Estimate, Retention.Timestamp, Retention.Id, Retention.RateChange, Retention.SurvivalStep, Retention.SurvivalQuantile]>().toEqualTypeOf<
      [Root.Estimate, Root.Timestamp, Root.Id, Root.RateChange, Root.SurvivalStep, Root.SurvivalQuantile]
    >();
    expectTypeOf<[Revenue.Estimate, Revenue.Timestamp, Revenue.Id, Revenue.RateChange, Revenue.SurvivalStep, Revenue.SurvivalQuantile]>().toEqualTypeOf<
      [Root.Estimate, Root.Timestamp, Root.Id, Root.RateChange, Root.SurvivalStep, Root.SurvivalQuantile]
    >();
    expectTypeOf<[Scores.Estimate, Scores.Timestamp, Scores.Id, Scores.RateChange, Scores.SurvivalStep, Scores.SurvivalQuantile]>().toEqualTypeOf<
      [Root.Estimate, Root.Timestamp, Root.Id, Root.RateChange, Root.SurvivalStep, Root.SurvivalQuantile]
    >();
    expectTypeOf<[Display.Estimate, Display.Timestamp, Display.Id, Display.RateChange, Display.SurvivalStep, Display.SurvivalQuantile]>().toEqualTypeOf<
      [Root.Estimate, Root.Timestamp, Root.Id, Root.RateChange, Root.SurvivalStep, Root.SurvivalQuantile]
    >();
    expectTypeOf<[Sample.Estimate, Sample.Timestamp, Sample.Id, Sample.RateChange, Sample.SurvivalStep, Sample.SurvivalQuantile]>().toEqualTypeOf<
      [Root.Estimate, Root.Timestamp, Root.Id, Root.RateChange, Root.SurvivalStep, Root.SurvivalQuantile]
    >();
    expectTypeOf<[Sql.Estimate, Sql.Timestamp, Sql.Id, Sql.RateChange, Sql.SurvivalStep, Sql.SurvivalQuantile]>().toEqualTypeOf<
      [Root.Estimate, Root.Timestamp, Root.Id, Root.RateChange, Root.SurvivalStep, Root.SurvivalQuantile]
    >();
    type EveryEntry = [typeof Engagement, typeof Lifecycle, typeof Retention, typeof Revenue, typeof Scores, typeof Display, typeof Sample, typeof Sql];
    expectTypeOf<EveryEntry[number]['MetricsInputError']>().toEqualTypeOf<typeof MetricsInputError>();
  });
});
