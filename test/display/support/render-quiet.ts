/**
 * `renderSpec` that also fails on the warnings Vega logs while it runs (to `console.warn`,
 * e.g. `Infinite extent for field "amount"` for a scale over no data), which `renderSpec`'s
 * compile-time `warnings` do not hold.
 */
import { expect, vi } from 'vitest';
import { renderSpec, type RenderedSpec } from './vega.js';

export async function renderQuiet(spec: object): Promise<RenderedSpec> {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    const rendered = await renderSpec(spec);
    expect(rendered.warnings).toEqual([]);
    expect(warn.mock.calls.map((args) => args.map(String).join(' '))).toEqual([]);
    return rendered;
  } finally {
    warn.mockRestore();
  }
}
