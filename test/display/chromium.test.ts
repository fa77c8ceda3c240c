/**
 * Renders a chart in headless Chromium (Debian's `chromium` package at /usr/bin/chromium,
 * installed by .ci/run) and checks the screenshot is not blank: the PNG is decoded here
 * with node:zlib (IDAT inflate + scanline unfiltering) and must hold the background, the
 * axis ink and the first series colour.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { htmlTable } from '../../src/display/html-table.js';
import { retentionChart } from '../../src/display/retention-chart.js';

const CHROMIUM = '/usr/bin/chromium';

/** RGBA pixels of an 8-bit RGB or RGBA, non-interlaced PNG. */
function decodePng(png: Buffer): { width: number; height: number; pixels: Uint8Array } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8]).toBe(8); // bit depth
      colorType = data[9] as number;
      expect([2, 6]).toContain(colorType);
      expect(data[12]).toBe(0); // not interlaced
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const channels = colorType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(stride * height);
  for (let row = 0; row < height; row++) {
    const filter = raw[row * (stride + 1)] as number;
    const line = raw.subarray(row * (stride + 1) + 1, (row + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? (out[row * stride + i - channels] as number) : 0;
      const b = row > 0 ? (out[(row - 1) * stride + i] as number) : 0;
      const c = row > 0 && i >= channels ? (out[(row - 1) * stride + i - channels] as number) : 0;
      const x = line[i] as number;
      let value: number;
      if (filter === 0) value = x;
      else if (filter === 1) value = x + a;
      else if (filter === 2) value = x + b;
      else if (filter === 3) value = x + ((a + b) >> 1);
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        value = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      } else throw new Error(`PNG: unknown filter ${filter}`);
      out[row * stride + i] = value & 0xff;
    }
  }
  const pixels = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    for (let k = 0; k < 3; k++) pixels[p * 4 + k] = out[p * channels + k] as number;
    pixels[p * 4 + 3] = channels === 4 ? (out[p * channels + 3] as number) : 255;
  }
  return { width, height, pixels };
}

function screenshot(html: string): { width: number; height: number; pixels: Uint8Array } {
  const dir = mkdtempSync(join(tmpdir(), 'csm-chromium-'));
  try {
    const page = join(dir, 'chart.html');
    const png = join(dir, 'out.png');
    writeFileSync(page, html);
    execFileSync(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--user-data-dir=${join(dir, 'profile')}`,
        `--screenshot=${png}`,
        '--window-size=800,500',
        `file://${page}`,
      ],
      { stdio: 'pipe', timeout: 60_000 },
    );
    return decodePng(readFileSync(png));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('charts in a real browser', () => {
  it('needs Chromium (apt-get install -y chromium; .ci/run installs it)', () => {
    expect(existsSync(CHROMIUM)).toBe(true);
  });

  it('renders a retention chart to a non-blank PNG', { timeout: 90_000 }, () => {
    const svg = retentionChart(
      [
        { name: 'Aha', points: [{ time: 0, value: 1, lower: 1, upper: 1 }, { time: 10, value: 0.8, lower: 0.7, upper: 0.9 }, { time: 30, value: 0.6, lower: 0.5, upper: 0.7 }] },
        { name: 'Control', points: [{ time: 0, value: 1 }, { time: 10, value: 0.5 }, { time: 30, value: 0.3 }] },
      ],
      { title: 'Retention', xLabel: 'days' },
    );
    const html = `<!doctype html><html><body style="margin:0;background:#fff">${svg}${htmlTable([{ a: 1 }])}</body></html>`;
    const { width, height, pixels } = screenshot(html);
    expect([width, height]).toEqual([800, 500]);
    const colors = new Set<number>();
    for (let p = 0; p < width * height; p++) colors.add(((pixels[p * 4] as number) << 16) | ((pixels[p * 4 + 1] as number) << 8) | (pixels[p * 4 + 2] as number));
    expect(colors.size).toBeGreaterThan(1);
    expect(colors.has(0xffffff)).toBe(true);
    // The first series' stroke (#0072B2), give or take anti-aliasing, is on screen.
    let blue = 0;
    for (const c of colors) if (Math.abs((c >> 16) - 0x00) <= 8 && Math.abs(((c >> 8) & 0xff) - 0x72) <= 8 && Math.abs((c & 0xff) - 0xb2) <= 8) blue++;
    expect(blue).toBeGreaterThan(0);
  });
});
