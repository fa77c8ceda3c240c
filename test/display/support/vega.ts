/**
 * Renders a Vega-Lite v5 specification the way a notebook front end does: compiled by the
 * real `vega-lite`, parsed and run by the real `vega` (headless, `renderer: 'none'`), and
 * returned as the SVG that Vega draws, with the compiler's warnings. A spec that fails to
 * compile or run throws.
 */
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';

export interface RenderedSpec {
  /** The SVG Vega drew. */
  readonly svg: string;
  /** Warnings of the compiler and the runtime (an empty list for a clean spec). */
  readonly warnings: string[];
  /** The rendered scenegraph's marks: for each mark role (`'mark'`, `'rect'`...), its items. */
  readonly marks: (role: string) => number;
}

export async function renderSpec(spec: object): Promise<RenderedSpec> {
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    error: (...args: unknown[]) => {
      throw new Error(args.map(String).join(' '));
    },
    warn: (...args: unknown[]) => {
      warnings.push(args.map(String).join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  const compiled = vegaLite.compile(spec as vegaLite.TopLevelSpec, { logger: logger as never }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  view.logLevel(vega.Warn);
  await view.runAsync();
  const svg = await view.toSVG();
  const scenegraph = view.scenegraph() as unknown as { root: SceneNode };
  const marks = (role: string): number => countItems(scenegraph.root, role);
  view.finalize();
  return { svg, warnings, marks };
}

interface SceneNode {
  readonly marktype?: string;
  readonly role?: string;
  readonly name?: string;
  readonly items?: SceneNode[];
}

/** Items of marks whose type is `kind` (`'rect'`, `'symbol'`, `'line'`, `'text'`...), axes and legends excluded. */
function countItems(node: SceneNode, kind: string): number {
  let count = 0;
  if (node.marktype === kind && node.role === 'mark') count += node.items?.length ?? 0;
  for (const child of node.items ?? []) count += countItems(child, kind);
  return count;
}
