/** Checks every chart must pass: well-formed XML, fixed viewBox, sane axes, paths inside the plot. */
import { expect } from 'vitest';
import { findAll, parseXml, pathPoints, type XmlElement } from './xml.js';

export interface ChartShape {
  root: XmlElement;
  series: XmlElement[];
  bands: XmlElement[];
  xTicks: string[];
  yTicks: string[];
  legend: string[];
}

/** Parses a chart and asserts what holds for any chart; returns its parts for more checks. */
export function checkChart(svg: string, tickValue: { x: (label: string) => number; y: (label: string) => number }): ChartShape {
  const root = parseXml(svg);
  expect(root.name).toBe('svg');
  expect(root.attributes['viewBox']).toBe('0 0 640 400');
  expect(root.attributes['xmlns']).toBe('http://www.w3.org/2000/svg');
  const group = (cls: string): XmlElement => {
    const found = findAll(root, (e) => e.name === 'g' && e.attributes['class'] === cls);
    expect(found).toHaveLength(1);
    return found[0] as XmlElement;
  };
  const ticks = (cls: string): string[] => group(cls).children.filter((e) => e.name === 'text').map((e) => e.text);
  const xTicks = ticks('x-axis');
  const yTicks = ticks('y-axis');
  for (const [labels, value] of [[xTicks, tickValue.x], [yTicks, tickValue.y]] as const) {
    expect(labels.length).toBeGreaterThanOrEqual(2);
    const values = labels.map(value);
    values.forEach((v, k) => {
      expect(Number.isFinite(v)).toBe(true);
      if (k > 0) expect(v).toBeGreaterThan(values[k - 1] as number);
    });
  }
  const series = findAll(root, (e) => e.name === 'path' && e.attributes['class'] === 'series');
  const bands = findAll(root, (e) => e.name === 'path' && e.attributes['class'] === 'band');
  for (const path of [...series, ...bands]) {
    for (const [x, y] of pathPoints(path.attributes['d'] ?? '')) {
      // Inside the plot area (64..464 × 36..344), hence inside the viewBox.
      expect(x).toBeGreaterThanOrEqual(64 - 1e-9);
      expect(x).toBeLessThanOrEqual(464 + 1e-9);
      expect(y).toBeGreaterThanOrEqual(36 - 1e-9);
      expect(y).toBeLessThanOrEqual(344 + 1e-9);
    }
  }
  const legend = group('legend').children.filter((e) => e.name === 'text').map((e) => e.text);
  return { root, series, bands, xTicks, yTicks, legend };
}

/** A tick label as a number: "25%" → 25, "2026-03-01" → its UTC day number, "1.5" → 1.5. */
export function tickNumber(label: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(label)) return Date.parse(`${label}T00:00:00Z`) / 86_400_000;
  if (/^\d{4}-\d{2}$/.test(label)) return Date.parse(`${label}-01T00:00:00Z`) / 86_400_000;
  return Number(label.replace(/%$/, ''));
}
