import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lifecycle } from '../../src/lifecycle/lifecycle.js';
import type { Journey, Milestone } from '../../src/lifecycle/types.js';
import { errorOf } from '../support/errors.js';
import { TEST_ZONES, wallDate } from '../support/model.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const at = (iso: string): number => Date.parse(iso);

/** A journey built by hand: events given as [name, ISO instant], sorted here by time. */
function journey(id: string | number, start: string, events: [string, string][] = []): Journey {
  return {
    id,
    start: at(start),
    events: events.map(([name, time]) => ({ name, timestamp: at(time), record: {} })).sort((a, b) => a.timestamp - b.timestamp),
  };
}

// Small milestones written inline (the module's combinators are tested on their own).
const hasEvent =
  (name: string): Milestone =>
  (j) =>
    j.events.find((e) => e.name === name)?.timestamp ?? null;
const allOf =
  (...milestones: Milestone[]): Milestone =>
  (j) => {
    let latest = Number.NEGATIVE_INFINITY;
    for (const m of milestones) {
      const t = m(j);
      if (t === null) return null;
      if (t > latest) latest = t;
    }
    return latest;
  };

/** The typical stages: account set up = email confirmed, billing added and onboarding completed. */
const stages = {
  'account-set-up': allOf(hasEvent('email_confirmed'), hasEvent('billing_added'), hasEvent('onboarding_completed')),
  aha: hasEvent('report_shared'),
  eureka: hasEvent('invite_accepted'),
  habit: hasEvent('weekly_review'),
};
const NAMES = ['signed-up', 'account-set-up', 'aha', 'eureka', 'habit'];

const setUp: [string, string][] = [
  ['email_confirmed', '2024-03-01T10:00:00Z'],
  ['billing_added', '2024-03-02T08:00:00Z'],
  ['onboarding_completed', '2024-03-01T12:00:00Z'],
];

describe('lifecycle', () => {
  it('runs the doc example', () => {
    const signup = Date.UTC(2024, 2, 1, 9);
    const ana: Journey = {
      id: 'ana',
      start: signup,
      events: [
        { name: 'report_shared', timestamp: signup + DAY, record: {} },
        { name: 'onboarding_completed', timestamp: signup + 2 * DAY, record: {} },
      ],
    };
    const docStages = { 'account-set-up': hasEvent('onboarding_completed'), aha: hasEvent('report_shared'), habit: hasEvent('weekly_review') };
    const classify = lifecycle(docStages);
    expect(classify(ana).stage).toBe('aha');
    expect(classify(ana).reached).toEqual({ 'signed-up': '2024-03-01', 'account-set-up': '2024-03-03', aha: '2024-03-03', habit: null });
    expect(lifecycle(docStages, { inOrder: false })(ana).reached.aha).toBe('2024-03-02');
    expect(lifecycle(docStages, { asOf: '2024-03-02' })(ana).stage).toBe('signed-up');
  });

  it('puts a journey with no milestone at signed-up, reached on its start', () => {
    // Start 2024-03-01T09:00Z and no events: only the default signed-up stage, at the start.
    const result = lifecycle(stages)(journey('u1', '2024-03-01T09:00:00Z'));
    expect(result).toEqual({
      id: 'u1',
      stage: 'signed-up',
      reached: { 'signed-up': '2024-03-01', 'account-set-up': null, aha: null, eureka: null, habit: null },
      at: { 'signed-up': at('2024-03-01T09:00:00Z'), 'account-set-up': null, aha: null, eureka: null, habit: null },
    });
    expect(Object.keys(result.reached)).toEqual(NAMES);
    expect(Object.keys(result.at)).toEqual(NAMES);
  });

  it('sets an account up when the last of its three events happens', () => {
    // email 03-01 10:00, onboarding 03-01 12:00, billing 03-02 08:00: allOf = the latest, 03-02 08:00.
    const classify = lifecycle(stages);
    const result = classify(journey('u2', '2024-03-01T09:00:00Z', setUp));
    expect(result.stage).toBe('account-set-up');
    expect(result.reached).toEqual({ 'signed-up': '2024-03-01', 'account-set-up': '2024-03-02', aha: null, eureka: null, habit: null });
    expect(result.at['account-set-up']).toBe(at('2024-03-02T08:00:00Z'));
    // Two of the three events only: not set up.
    const partial = classify(journey('u3', '2024-03-01T09:00:00Z', setUp.slice(0, 2)));
    expect(partial.stage).toBe('signed-up');
    expect(partial.reached['account-set-up']).toBe(null);
  });

  it('walks a journey through every stage in order', () => {
    const events: [string, string][] = [
      ...setUp,
      ['report_shared', '2024-03-04T10:00:00Z'],
      ['invite_accepted', '2024-03-09T10:00:00Z'],
      ['weekly_review', '2024-03-20T10:00:00Z'],
    ];
    const result = lifecycle(stages)(journey(7, '2024-03-01T09:00:00Z', events));
    expect(result).toEqual({
      id: 7,
      stage: 'habit',
      reached: { 'signed-up': '2024-03-01', 'account-set-up': '2024-03-02', aha: '2024-03-04', eureka: '2024-03-09', habit: '2024-03-20' },
      at: {
        'signed-up': at('2024-03-01T09:00:00Z'),
        'account-set-up': at('2024-03-02T08:00:00Z'),
        aha: at('2024-03-04T10:00:00Z'),
        eureka: at('2024-03-09T10:00:00Z'),
        habit: at('2024-03-20T10:00:00Z'),
      },
    });
  });

  it('counts aha reached before set-up only once set-up is done, with inOrder (default)', () => {
    // Aha (report shared) 03-01 11:00, before the account is set up (03-02 08:00).
    const before = journey('u4', '2024-03-01T09:00:00Z', [...setUp.slice(0, 2), ['report_shared', '2024-03-01T11:00:00Z']]);
    // Onboarding missing: set-up not reached, so aha does not count yet.
    const early = lifecycle(stages)(before);
    expect(early.stage).toBe('signed-up');
    expect(early.reached.aha).toBe(null);
    // Once onboarding completes (03-03 07:00), set-up counts from 03-03 07:00, and aha from then too.
    const later = { ...before, events: [...before.events, { name: 'onboarding_completed', timestamp: at('2024-03-03T07:00:00Z'), record: {} }] };
    const done = lifecycle(stages)(later);
    expect(done.stage).toBe('aha');
    expect(done.at['account-set-up']).toBe(at('2024-03-03T07:00:00Z'));
    expect(done.at.aha).toBe(at('2024-03-03T07:00:00Z'));
    expect(done.reached.aha).toBe('2024-03-03');
  });

  it('counts aha reached before set-up at once, with inOrder: false', () => {
    const before = journey('u4', '2024-03-01T09:00:00Z', [...setUp.slice(0, 2), ['report_shared', '2024-03-01T11:00:00Z']]);
    const result = lifecycle(stages, { inOrder: false })(before);
    // Set-up missing, aha at its own time: the last stage reached in the list is aha.
    expect(result.stage).toBe('aha');
    expect(result.at).toEqual({ 'signed-up': at('2024-03-01T09:00:00Z'), 'account-set-up': null, aha: at('2024-03-01T11:00:00Z'), eureka: null, habit: null });
    // Habit alone (without set-up, aha, eureka) makes the stage habit.
    const habitOnly = lifecycle(stages, { inOrder: false })(journey('u5', '2024-03-01T09:00:00Z', [['weekly_review', '2024-03-05T00:00:00Z']]));
    expect(habitOnly.stage).toBe('habit');
    expect(lifecycle(stages)(journey('u5', '2024-03-01T09:00:00Z', [['weekly_review', '2024-03-05T00:00:00Z']])).stage).toBe('signed-up');
  });

  it('ignores milestones reached after asOf', () => {
    const events: [string, string][] = [...setUp, ['report_shared', '2024-03-04T10:00:00Z']];
    const j = journey('u6', '2024-03-01T09:00:00Z', events);
    // asOf 03-04 10:00 exactly: aha at asOf counts.
    expect(lifecycle(stages, { asOf: '2024-03-04T10:00:00Z' })(j).stage).toBe('aha');
    // One millisecond earlier: aha does not count.
    const cut = lifecycle(stages, { asOf: at('2024-03-04T10:00:00Z') - 1 })(j);
    expect(cut.stage).toBe('account-set-up');
    expect(cut.reached.aha).toBe(null);
    // 1.0: a date-only asOf is the END of that day: with asOf 03-02, billing (03-02 08:00)
    // counts, so set-up is reached (0.1 read 03-02 as midnight and gave signed-up).
    expect(lifecycle(stages, { asOf: '2024-03-02' })(j).stage).toBe('account-set-up');
    // With asOf 03-01 (ending 03-01T23:59:59.999Z) billing comes after it: no set-up.
    expect(lifecycle(stages, { asOf: '2024-03-01' })(j).stage).toBe('signed-up');
    // A journey that starts after asOf has reached nothing.
    const none = lifecycle(stages, { asOf: '2024-02-01' })(j);
    expect(none.stage).toBe(null);
    expect(Object.values(none.reached)).toEqual([null, null, null, null, null]);
    // With inOrder: false, asOf cuts each stage on its own.
    const loose = lifecycle(stages, { asOf: '2024-03-02', inOrder: false })(journey('u7', '2024-03-01T09:00:00Z', [['report_shared', '2024-03-01T11:00:00Z'], ['weekly_review', '2024-03-05T00:00:00Z']]));
    expect(loose.stage).toBe('aha');
    expect(loose.reached.habit).toBe(null);
  });

  it('gives reached dates in the time zone asked for', () => {
    // 2024-03-01T03:00Z is 2024-02-29 22:00 in New York (EST, UTC-5); 2024-03-10T12:00Z is
    // 08:00 EDT on 03-10 (DST began at 07:00Z that day).
    const j = journey('ny', '2024-03-01T03:00:00Z', [['onboarding_completed', '2024-03-10T12:00:00Z']]);
    const classify = lifecycle({ 'account-set-up': hasEvent('onboarding_completed') }, { timeZone: 'America/New_York' });
    expect(classify(j).reached).toEqual({ 'signed-up': '2024-02-29', 'account-set-up': '2024-03-10' });
    // 1.0: a date-only asOf is the end of that day in the zone: 2024-03-10 23:59:59.999 EDT
    // = 03-11T03:59:59.999Z, so the onboarding at 08:00 EDT that day counts.
    const onDay = lifecycle({ 'account-set-up': hasEvent('onboarding_completed') }, { timeZone: 'America/New_York', asOf: '2024-03-10' });
    expect([onDay.asOf, onDay.asOfDate]).toEqual(['2024-03-11T03:59:59.999Z', '2024-03-10']);
    expect(onDay(j).stage).toBe('account-set-up');
    // The day before ends at 2024-03-09 23:59:59.999 EST = 03-10T04:59:59.999Z: not yet.
    const dayBefore = lifecycle({ 'account-set-up': hasEvent('onboarding_completed') }, { timeZone: 'America/New_York', asOf: '2024-03-09' });
    expect(dayBefore.asOf).toBe('2024-03-10T04:59:59.999Z');
    expect(dayBefore(j).stage).toBe('signed-up');
  });

  it('takes stages as an array, with or without an explicit signed-up', () => {
    const j = journey('u8', '2024-03-01T09:00:00Z', [['report_shared', '2024-03-02T00:00:00Z']]);
    const listed = lifecycle([{ name: 'signed-up' }, { name: 'aha', milestone: hasEvent('report_shared') }]);
    const prepended = lifecycle([{ name: 'aha', milestone: hasEvent('report_shared') }]);
    expect(listed(j)).toEqual(prepended(j));
    expect(listed.stages.map((s) => s.name)).toEqual(['signed-up', 'aha']);
    expect(prepended.stages.map((s) => s.name)).toEqual(['signed-up', 'aha']);
    // signed-up placed elsewhere and given its own milestone is taken as given.
    const custom = lifecycle([
      { name: 'trial', milestone: (x) => x.start },
      { name: 'signed-up', milestone: hasEvent('report_shared') },
    ]);
    expect(custom.stages.map((s) => s.name)).toEqual(['trial', 'signed-up']);
    expect(custom(j).at).toEqual({ trial: at('2024-03-01T09:00:00Z'), 'signed-up': at('2024-03-02T00:00:00Z') });
  });

  it('echoes its settings on the classifier', () => {
    const classify = lifecycle(stages, { asOf: Date.UTC(2024, 5, 1), inOrder: false, timeZone: 'Europe/Berlin' });
    // 2024-06-01T00:00Z is 02:00 on 06-01 in Berlin (CEST).
    expect([classify.asOf, classify.asOfDate]).toEqual(['2024-06-01T00:00:00.000Z', '2024-06-01']);
    expect(classify.inOrder).toBe(false);
    expect(classify.timeZone).toBe('Europe/Berlin');
    expect(classify.stages.map((s) => s.name)).toEqual(NAMES);
    // 1.0: without timeZone the classifier reads each journey in its own zone: timeZone null.
    const plain = lifecycle(stages);
    expect([plain.asOf, plain.asOfDate, plain.inOrder, plain.timeZone]).toEqual([null, null, true, null]);
    // Then the echo holds only what does not depend on the zone: the day of a date-only
    // asOf, the instant of a timestamp.
    const dated = lifecycle(stages, { asOf: '2024-06-30' });
    expect([dated.asOf, dated.asOfDate, dated.timeZone]).toEqual([null, '2024-06-30', null]);
    const instant = lifecycle(stages, { asOf: '2024-06-30T12:00:00Z' });
    expect([instant.asOf, instant.asOfDate]).toEqual(['2024-06-30T12:00:00.000Z', null]);
    const month = lifecycle(stages, { asOf: '2024-06' });
    expect([month.asOf, month.asOfDate]).toEqual([null, '2024-06-30']);
    // With a zone, a date-only asOf has both: the end of 06-30 in Berlin is 21:59:59.999Z.
    const berlin = lifecycle(stages, { asOf: '2024-06-30', timeZone: 'Europe/Berlin' });
    expect([berlin.asOf, berlin.asOfDate]).toEqual(['2024-06-30T21:59:59.999Z', '2024-06-30']);
  });

  it('keeps a stage named __proto__ as an ordinary key', () => {
    const j = journey('p', '2024-03-01T00:00:00Z', [['x', '2024-03-02T00:00:00Z']]);
    // A computed key defines an own property named __proto__ (a plain `__proto__:` would set the prototype).
    const mapped = lifecycle({ ['__proto__']: hasEvent('x') })(j);
    const listed = lifecycle([{ name: '__proto__', milestone: hasEvent('x') }])(j);
    for (const result of [mapped, listed]) {
      expect(Object.keys(result.reached)).toEqual(['signed-up', '__proto__']);
      expect(Object.getPrototypeOf(result.reached)).toBe(Object.prototype);
      expect(result.stage).toBe('__proto__');
      expect(JSON.parse(JSON.stringify(result.reached))).toEqual({ 'signed-up': '2024-03-01', ['__proto__']: '2024-03-02' });
    }
  });

  it('does not evaluate milestones after a missing stage in order, and calls each once', () => {
    const calls: string[] = [];
    const spy =
      (name: string, value: number | null): Milestone =>
      () => {
        calls.push(name);
        return value;
      };
    lifecycle([
      { name: 'a', milestone: spy('a', 1) },
      { name: 'b', milestone: spy('b', null) },
      { name: 'c', milestone: spy('c', 3) },
    ])(journey('s', '1970-01-01T00:00:00Z'));
    expect(calls).toEqual(['a', 'b']);
  });

  it('does not mutate the journey or the stages', () => {
    const j = journey('f', '2024-03-01T09:00:00Z', setUp);
    const frozen = Object.freeze({ ...j, events: Object.freeze(j.events.map((e) => Object.freeze({ ...e }))) });
    const frozenStages = Object.freeze({ ...stages });
    const classify = lifecycle(frozenStages);
    expect(classify(frozen)).toEqual(classify(frozen));
    expect(classify(frozen).stage).toBe('account-set-up');
  });

  it('agrees with a slow model on random journeys (property)', () => {
    const names = ['setup', 'aha', 'eureka', 'habit'];
    const base = Date.UTC(2024, 0, 1);
    const arbJourney = fc.record({
      start: fc.integer({ min: 0, max: 30 * DAY }),
      events: fc.array(fc.record({ name: fc.constantFrom(...names, 'other'), offset: fc.integer({ min: -2 * DAY, max: 60 * DAY }) }), { maxLength: 12 }),
    });
    fc.assert(
      fc.property(
        arbJourney,
        fc.boolean(),
        fc.option(fc.integer({ min: 0, max: 90 * DAY }), { nil: undefined }),
        fc.constantFrom(...TEST_ZONES),
        (g, inOrder, asOffset, timeZone) => {
          const start = base + g.start;
          const j: Journey = {
            id: 'x',
            start,
            events: g.events.map((e) => ({ name: e.name, timestamp: start + e.offset, record: null })).sort((a, b) => a.timestamp - b.timestamp),
          };
          const asOf = asOffset === undefined ? Number.POSITIVE_INFINITY : base + asOffset;
          const classify = lifecycle(
            names.map((name) => ({ name, milestone: hasEvent(name) })),
            asOffset === undefined ? { inOrder, timeZone } : { inOrder, timeZone, asOf },
          );
          const result = classify(j);
          // The model: raw times, then the running maximum (in order) or each alone, cut at asOf.
          const raw = [start, ...names.map((n) => j.events.find((e) => e.name === n)?.timestamp ?? null)];
          const expected: (number | null)[] = [];
          let latest = Number.NEGATIVE_INFINITY;
          let broken = false;
          for (const t of raw) {
            if (!inOrder) {
              expected.push(t !== null && t <= asOf ? t : null);
              continue;
            }
            if (t === null) broken = true;
            else latest = Math.max(latest, t);
            expected.push(!broken && latest <= asOf ? latest : null);
          }
          const allNames = ['signed-up', ...names];
          expect(Object.values(result.at)).toEqual(expected);
          const lastIndex = expected.reduce<number>((last, t, i) => (t === null ? last : i), -1);
          expect(result.stage).toBe(lastIndex < 0 ? null : allNames[lastIndex]);
          expect(Object.values(result.reached)).toEqual(expected.map((t) => (t === null ? null : wallDate(t, timeZone))));
          if (inOrder) {
            // Counted stages form a prefix, at non-decreasing times.
            const counted = expected.filter((t): t is number => t !== null);
            expect(expected.slice(0, counted.length)).toEqual(counted);
            expect([...counted].sort((a, b) => a - b)).toEqual(counted);
          }
        },
      ),
    );
  });

  it('rejects bad stages when built', () => {
    const m = hasEvent('x');
    let error = errorOf(() => lifecycle([]));
    expect([error.code, error.path, error.message]).toEqual(['invalid-option', 'stages', 'lifecycle: stages must list at least one stage (an array of 0)']);
    error = errorOf(() => lifecycle({}));
    expect([error.code, error.path]).toEqual(['invalid-option', 'stages']);
    error = errorOf(() => lifecycle([{ name: 'aha', milestone: m }, { name: 'aha', milestone: m }]));
    expect([error.code, error.path, error.message]).toEqual([
      'duplicate-name',
      'stages[1].name',
      'lifecycle: stages[1].name repeats the name of stages[0]; give each stage its own name ("aha")',
    ]);
    error = errorOf(() => lifecycle([{ name: '', milestone: m }]));
    expect([error.code, error.path, error.message]).toEqual(['invalid-option', 'stages[0].name', 'lifecycle: stages[0].name must be a non-empty string ("")']);
    error = errorOf(() => lifecycle([{ name: 'aha' }]));
    expect([error.code, error.path, error.message]).toEqual([
      'invalid-option',
      'stages[0].milestone',
      'lifecycle: stages[0].milestone must be a milestone, a function (journey) => number | null (undefined)',
    ]);
    error = errorOf(() => lifecycle({ 'account-set-up': 'onboarding_completed' } as never));
    expect([error.code, error.path]).toEqual(['invalid-option', 'stages["account-set-up"]']);
    error = errorOf(() => lifecycle({ aha: null } as never));
    expect([error.code, error.path]).toEqual(['invalid-option', 'stages.aha']);
    error = errorOf(() => lifecycle([m] as never));
    expect([error.code, error.path, error.message]).toEqual(['invalid-option', 'stages[0]', 'lifecycle: stages[0] must be a stage { name, milestone } (a function)']);
    error = errorOf(() => lifecycle('aha' as never));
    expect([error.code, error.path]).toEqual(['invalid-option', 'stages']);
  });

  it('rejects bad options', () => {
    let error = errorOf(() => lifecycle(stages, { inOrder: 'yes' as never }));
    expect([error.code, error.path, error.message]).toEqual(['invalid-boolean', 'options.inOrder', 'lifecycle: options.inOrder must be true or false ("yes")']);
    error = errorOf(() => lifecycle(stages, { asOf: 'yesterday' }));
    expect([error.code, error.path, error.message]).toEqual(['invalid-timestamp', 'options.asOf', 'lifecycle: options.asOf is not a valid timestamp ("yesterday")']);
    error = errorOf(() => lifecycle(stages, { timeZone: 'Mars/Olympus' }));
    expect([error.code, error.path]).toEqual(['invalid-time-zone', 'options.timeZone']);
    error = errorOf(() => lifecycle(stages, 5 as never));
    expect([error.code, error.path]).toEqual(['invalid-option', 'options']);
  });

  it('rejects a milestone that returns something other than epoch ms or null, naming the stage', () => {
    const j = journey('u1', '2024-03-01T00:00:00Z');
    for (const [value, shown] of [
      ['soon', '"soon"'],
      [Number.NaN, 'NaN'],
      [undefined, 'undefined'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      [new Date(0), 'Date(1970-01-01T00:00:00.000Z)'],
    ] as const) {
      const classify = lifecycle([{ name: 'aha', milestone: (() => value) as never }]);
      const error = errorOf(() => classify(j));
      expect([error.code, error.path, error.message]).toEqual([
        'invalid-milestone',
        'stages[0].milestone',
        `lifecycle: stages[0].milestone returned a value that is not epoch milliseconds or null for stage "aha" of journey "u1" (${shown})`,
      ]);
    }
    const mapped = lifecycle({ 'account-set-up': (() => '2024-03-01') as never });
    const error = errorOf(() => mapped(journey(42, '2024-03-01T00:00:00Z')));
    expect(error.path).toBe('stages["account-set-up"]');
    expect(error.message).toBe(
      'lifecycle: stages["account-set-up"] returned a value that is not epoch milliseconds or null for stage "account-set-up" of journey 42 ("2024-03-01")',
    );
  });

  it('rejects a journey that is not { id, start, events }', () => {
    const classify = lifecycle(stages);
    let error = errorOf(() => classify(null as never));
    expect([error.code, error.path, error.message]).toEqual(['invalid-record', 'journey', 'lifecycle: journey must be a journey { id, start, events } (null)']);
    error = errorOf(() => classify({ id: '', start: 0, events: [] }));
    expect([error.code, error.path]).toEqual(['invalid-id', 'journey.id']);
    error = errorOf(() => classify({ id: 'a', start: '2024-03-01' as never, events: [] }));
    expect([error.code, error.path, error.message]).toEqual(['invalid-timestamp', 'journey.start', 'lifecycle: journey (id "a").start is not a valid timestamp ("2024-03-01")']);
    error = errorOf(() => classify({ id: 'a', start: 0, events: undefined as never }));
    expect([error.code, error.path]).toEqual(['invalid-record', 'journey.events']);
  });

  it('treats a stage reached before the start as reached (at the start, in order)', () => {
    // An event 2 hours before signup (tracked before the account existed).
    const j = journey('early', '2024-03-01T09:00:00Z', [['report_shared', '2024-03-01T07:00:00Z']]);
    const aha = { aha: hasEvent('report_shared') };
    expect(lifecycle(aha)(j).at.aha).toBe(at('2024-03-01T09:00:00Z'));
    expect(lifecycle(aha, { inOrder: false })(j).at.aha).toBe(at('2024-03-01T09:00:00Z') - 2 * HOUR);
  });
});
