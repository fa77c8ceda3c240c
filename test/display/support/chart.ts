/** Checks every chart must pass: well-formed XML, fixed viewBox, sane axes, paths inside the plot. */
import { expect } from 'vitest';
import { findAll, parseXml, pathPoints, type XmlElement } from './xml.js';

export interface ChartShape {
  root: XmlElement;
  series: XmlElement[];
  bands: XmlElement[];
  /** Tick labels of the last panel's x axis (the shared one) and of the first panel's y axis. */
  xTicks: string[];
  yTicks: string[];
  /** Legend names; empty when the chart has no legend (a single series). */
  legend: string[];
  /** Every plot panel (`<g class="panel">`), top to bottom, with its area. */
  panels: { element: XmlElement; plot: { left: number; top: number; right: number; bottom: number } }[];
}

/**
 * Parses a chart and asserts what holds for any chart: well-formed XML, a viewBox matching
 * its width and height, at least one panel, the x tick labels (of the last panel) and the y
 * tick labels (of the first) ascending, and
 * every series and band path inside its panel's plot area. Returns its parts for more checks.
 */
export function checkChart(svg: string, tickValue: { x: (label: string) => number; y: (label: string) => number }): ChartShape {
  const root = parseXml(svg);
  expect(root.name).toBe('svg');
  expect(root.attributes['viewBox']).toBe(`0 0 ${root.attributes['width']} ${root.attributes['height']}`);
  expect(root.attributes['xmlns']).toBe('http://www.w3.org/2000/svg');
  // No opaque background: ink follows the page (currentColor).
  expect(findAll(root, (e) => e.attributes['class'] === 'background')).toHaveLength(0);
  expect(root.attributes['fill']).toBe('currentColor');
  const panels = findAll(root, (e) => e.name === 'g' && e.attributes['class'] === 'panel').map((element) => {
    const [left, top, right, bottom] = (element.attributes['data-plot'] ?? '').split(' ').map(Number) as [number, number, number, number];
    return { element, plot: { left, top, right, bottom } };
  });
  expect(panels.length).toBeGreaterThanOrEqual(1);
  const first = panels[0] as ChartShape['panels'][number];
  const group = (within: XmlElement, cls: string): XmlElement => {
    const found = within.children.filter((e) => e.name === 'g' && e.attributes['class'] === cls);
    expect(found).toHaveLength(1);
    return found[0] as XmlElement;
  };
  // Panels stacked over a shared x axis label it under the last one.
  const last = panels[panels.length - 1] as ChartShape['panels'][number];
  const ticks = (panel: ChartShape['panels'][number], cls: string): string[] => group(panel.element, cls).children.filter((e) => e.name === 'text').map((e) => e.text);
  const xTicks = ticks(last, 'x-axis');
  const yTicks = ticks(first, 'y-axis');
  for (const [labels, value] of [[xTicks, tickValue.x], [yTicks, tickValue.y]] as const) {
    expect(labels.length).toBeGreaterThanOrEqual(2);
    const values = labels.map(value);
    values.forEach((v, k) => {
      expect(Number.isFinite(v)).toBe(true);
      if (k > 0) expect(v).toBeGreaterThan(values[k - 1] as number);
    });
  }
  const series: XmlElement[] = [];
  const bands: XmlElement[] = [];
  for (const { element, plot } of panels) {
    const inPanel = (cls: string) => findAll(element, (e) => e.name === 'path' && e.attributes['class'] === cls);
    const s = inPanel('series');
    const b = inPanel('band');
    series.push(...s);
    bands.push(...b);
    for (const path of [...s, ...b]) {
      // One assertion per path (thousands of expect calls make the property tests slow).
      const outside = pathPoints(path.attributes['d'] ?? '').filter(([x, y]) => !(x >= plot.left - 1e-9 && x <= plot.right + 1e-9 && y >= plot.top - 1e-9 && y <= plot.bottom + 1e-9));
      expect(outside, `points of ${path.attributes['class']} outside the plot ${JSON.stringify(plot)}`).toEqual([]);
    }
  }
  const legends = findAll(root, (e) => e.name === 'g' && e.attributes['class'] === 'legend');
  expect(legends.length).toBeLessThanOrEqual(1);
  const legend = legends[0]?.children.filter((e) => e.name === 'text').map((e) => e.text) ?? [];
  return { root, series, bands, xTicks, yTicks, legend, panels };
}

/** Texts of the elements of class `cls` (`'title'`, `'x-label'`, `'at-risk-count'`...), in document order. */
export function textsOf(root: XmlElement, cls: string): string[] {
  return findAll(root, (e) => e.name === 'text' && e.attributes['class'] === cls).map((e) => e.text);
}

/** Elements of class `cls` (`'bar'`, `'point'`, `'error-bar'`...). */
export function marksOf(root: XmlElement, cls: string): XmlElement[] {
  return findAll(root, (e) => e.attributes['class'] === cls);
}

/** A tick label as a number: "25%" → 25, "2026-03-01" → its UTC day number, "1.5" → 1.5, "12,000" → 12000, "12k" → 12000, "1.5M" → 1500000, "$1,200" → 1200. */
export function tickNumber(label: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(label)) return Date.parse(`${label}T00:00:00Z`) / 86_400_000;
  if (/^\d{4}-\d{2}$/.test(label)) return Date.parse(`${label}-01T00:00:00Z`) / 86_400_000;
  const plain = label.replace(/[,$€£%]/g, '');
  const unit = /[kM]$/.exec(plain)?.[0];
  const value = Number(unit === undefined ? plain : plain.slice(0, -1));
  return unit === 'k' ? value * 1e3 : unit === 'M' ? value * 1e6 : value;
}
