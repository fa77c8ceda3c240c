import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayable } from '../../src/display/displayable.js';
import { htmlTable } from '../../src/display/html-table.js';
import { retentionChart } from '../../src/display/retention-chart.js';
import { retentionChartSpec } from '../../src/display/retention-chart-spec.js';
import { kaplanMeier } from '../../src/retention/kaplan-meier.js';
import { errorOf } from '../support/errors.js';

const DISPLAY = Symbol.for('Jupyter.display');

describe('displayable', () => {
  it('shows HTML as text/html', () => {
    const html = htmlTable([{ a: 1 }]);
    const shown = displayable(html);
    expect(typeof shown[DISPLAY]).toBe('function');
    expect(shown[DISPLAY]?.()).toEqual({ 'text/html': html });
    expect(shown.markup).toBe(html);
  });

  it('shows SVG as image/svg+xml', () => {
    const svg = retentionChart([{ name: 'a', points: [{ time: 0, value: 1 }] }]);
    expect(displayable(svg)[DISPLAY]?.()).toEqual({ 'image/svg+xml': svg });
    expect(Object.keys(displayable(`  \n<?xml version="1.0"?><svg/>`)[DISPLAY]?.() ?? {})).toEqual(['image/svg+xml']);
    expect(Object.keys(displayable('<svgx></svgx>')[DISPLAY]?.() ?? {})).toEqual(['text/html']);
    expect(displayable('')[DISPLAY]?.()).toEqual({ 'text/html': '' });
  });

  it('survives JSON (the bundle is plain data) and rejects non-strings', () => {
    expect(JSON.parse(JSON.stringify(displayable('<p>x</p>')[DISPLAY]?.()))).toEqual({ 'text/html': '<p>x</p>' });
    const e = errorOf(() => displayable(42 as unknown as string));
    expect([e.code, e.path, e.message]).toEqual(['invalid-input', 'markup', 'displayable: markup must be a string of HTML or SVG, or a bundle { svg?, vegaLite?, html?, text? } (42)']);
  });

  it('keeps any markup as given, SVG documents as image/svg+xml and everything else as text/html (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('', ' ', '\n\t'), fc.boolean(), (body, space, svg) => {
        // A document opens with <svg followed by a space, > or /, or with an XML declaration.
        const markup = svg ? `${space}<svg ${body}` : `${space}<p>${body}`;
        const shown = displayable(markup);
        expect(shown.markup).toBe(markup);
        expect(shown[DISPLAY]?.()).toEqual(svg ? { 'image/svg+xml': markup } : { 'text/html': markup });
      }),
    );
  });

  it('bundles a chart’s SVG and Vega-Lite spec with a text fallback: one MIME type each', () => {
    const km = kaplanMeier([{ duration: 2, observed: true }, { duration: 5, observed: false }]);
    const svg = retentionChart(km);
    const spec = retentionChartSpec(km);
    const shown = displayable({ svg, vegaLite: spec });
    const bundle = shown[DISPLAY]?.();
    expect(Object.keys(bundle ?? {})).toEqual(['image/svg+xml', 'application/vnd.vegalite.v5+json', 'text/plain']);
    expect(bundle?.['image/svg+xml']).toBe(svg);
    expect(bundle?.['application/vnd.vegalite.v5+json']).toBe(spec);
    // The text names the chart: the spec's title, else the SVG's.
    expect(bundle?.['text/plain']).toBe('[chart] Retention (Kaplan–Meier)');
    expect(displayable({ svg: retentionChart(km, { title: 'A & B' }) }).bundle['text/plain']).toBe('[chart] A & B');
    expect(displayable({ svg: '<svg xmlns="http://www.w3.org/2000/svg"/>' }).bundle['text/plain']).toBe('[chart]');
    expect(shown.markup).toBe(svg);
    expect(shown.bundle).toBe(bundle);
    // Survives JSON, as a kernel sends it.
    expect(JSON.parse(JSON.stringify(bundle))).toEqual(bundle);
  });

  it('passes HTML and text as given, and a given text wins', () => {
    const html = htmlTable([{ a: 1 }]);
    expect(displayable({ html, text: 'a\n1' })[DISPLAY]?.()).toEqual({ 'text/html': html, 'text/plain': 'a\n1' });
    expect(displayable({ svg: '<svg/>', text: 'mine' }).bundle).toEqual({ 'image/svg+xml': '<svg/>', 'text/plain': 'mine' });
    expect(displayable({ html }).bundle).toEqual({ 'text/html': html });
    expect(displayable({ html, svg: undefined } as never).markup).toBe(html);
  });

  it('rejects a bundle with no part, an unknown part, or a part of the wrong type', () => {
    let e = errorOf(() => displayable({}));
    expect([e.code, e.path]).toEqual(['invalid-input', 'input']);
    e = errorOf(() => displayable({ vegalite: {} } as never));
    expect([e.code, e.path, e.message]).toEqual(['invalid-input', 'input.vegalite', 'displayable: input.vegalite is not a part of a display bundle; did you mean vegaLite? ({})']);
    e = errorOf(() => displayable({ svg: 3 } as never));
    expect([e.code, e.path]).toEqual(['invalid-input', 'input.svg']);
    e = errorOf(() => displayable({ vegaLite: { mark: 'bar' } } as never));
    expect([e.code, e.path]).toEqual(['invalid-input', 'input.vegaLite']);
    e = errorOf(() => displayable([] as never));
    expect([e.code, e.path]).toEqual(['invalid-input', 'markup']);
  });
});
