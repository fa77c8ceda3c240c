/**
 * The pictures of docs/display.md (docs/images/*.svg) are what scripts/docs-images.ts draws
 * now, with the library in src/: a chart or the sample company that changes without the
 * pictures being regenerated fails here, so the guide never shows an old chart.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { docsImages, IMAGES_DIR } from '../../scripts/docs-images.js';
import { parseXml } from './support/xml.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = join(root, IMAGES_DIR);
const rerun = 'run `npx tsx scripts/docs-images.ts` and commit docs/images';
const images = docsImages();
const guide = readFileSync(join(root, 'docs', 'display.md'), 'utf8');

describe('docs/images', () => {
  it.each(images.map((image) => [image.file, image.svg] as const))('%s is up to date', (file, svg) => {
    const path = join(dir, file);
    expect(existsSync(path), `docs/images/${file} is missing: ${rerun}`).toBe(true);
    expect(readFileSync(path, 'utf8') === `${svg}\n`, `docs/images/${file} differs from what the library draws now: ${rerun}`).toBe(true);
  });

  it('are well-formed SVG documents, each embedded in docs/display.md', () => {
    for (const { file, svg } of images) {
      expect(parseXml(svg).name, file).toBe('svg');
      expect(guide, `docs/display.md does not embed images/${file}`).toContain(`](images/${file})`);
    }
  });

  it('holds no picture the script does not draw', () => {
    const drawn = new Set(images.map((image) => image.file));
    const stale = readdirSync(dir).filter((file) => file.endsWith('.svg') && !drawn.has(file));
    expect(stale, `stale pictures in docs/images: delete them, or ${rerun}`).toEqual([]);
  });
});
