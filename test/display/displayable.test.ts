import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayable } from '../../src/display/displayable.js';
import { htmlTable } from '../../src/display/html-table.js';
import { retentionChart } from '../../src/display/retention-chart.js';
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
    expect([e.code, e.path, e.message]).toEqual(['invalid-input', 'markup', 'displayable: markup must be a string of HTML or SVG (42)']);
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
});
