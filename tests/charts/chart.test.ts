import { existsSync } from 'node:fs';
import { renderAsync } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import {
  BAR_MARK_NAME,
  CHART_HEIGHT,
  CHART_WIDTH,
  LABEL_MARK_NAME,
  buildChartSpec,
  chartFontFiles,
  renderChartPng,
  renderChartSvg,
  type ChartInput,
  type ChartPoint,
} from '../../src/charts/chart.js';

const JILIN_2018: ChartPoint = { label: 'Jilin 2018', region: 'jilin', year: 2018, value: 524, target: false, text: '524' };
const JILIN_2021: ChartPoint = { label: 'Jilin 2021', region: 'jilin', year: 2021, value: 2705, target: false, text: '2,705' };
const JIANGYIN_2024: ChartPoint = {
  label: 'Jiangyin 2024',
  region: 'jiangyin',
  year: 2024,
  value: 2000,
  target: true,
  text: '2,000',
};

const INPUT: ChartInput = {
  title: 'High-tech enterprises',
  valueLabel: 'high-tech enterprises',
  points: [JILIN_2018, JILIN_2021, JIANGYIN_2024],
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which must come first. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.readUInt32BE(8)).toBe(13);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * The children of the SVG group vega draws a named mark into: `<g class="mark-TYPE role-mark
 * NAME_marks" ...>`, whose items are leaf elements (no nested groups for rect and text marks).
 */
function markItems(svg: string, type: 'rect' | 'text', name: string): string[] {
  const open = new RegExp(`<g class="mark-${type} role-mark ${name}_marks"[^>]*>`, 'g');
  const groups = [...svg.matchAll(open)];
  expect(groups).toHaveLength(1);
  const start = (groups[0]?.index ?? 0) + (groups[0]?.[0].length ?? 0);
  const end = svg.indexOf('</g>', start);
  expect(end).toBeGreaterThan(start);
  const body = svg.slice(start, end);
  expect(body).not.toContain('<g');
  const tag = type === 'rect' ? 'path' : 'text';
  return body.match(new RegExp(`<${tag}\\b[^>]*>`, 'g')) ?? [];
}

function attr(element: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(element)?.[1];
}

/** A character reference or `&` on its own would make the SVG ill-formed XML. */
function hasBareAmpersand(svg: string): boolean {
  return /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(svg);
}

/** The text content of every `<text>` element, with XML character references decoded. */
function texts(svg: string): string[] {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) =>
    (m[1] ?? '').replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (ref, name: string) =>
      name.startsWith('#x')
        ? String.fromCodePoint(parseInt(name.slice(2), 16))
        : name.startsWith('#')
          ? String.fromCodePoint(Number(name.slice(1)))
          : (entities[name] ?? ref),
    ),
  );
}

/** RGBA pixels of a PNG, decoded by drawing it into an SVG with resvg. */
async function pngPixels(png: Buffer): Promise<{ width: number; pixels: Buffer }> {
  const { width, height } = pngSize(png);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}">` +
    `<image width="${width}" height="${height}" xlink:href="data:image/png;base64,${png.toString('base64')}"/></svg>`;
  const image = await renderAsync(svg, { font: { loadSystemFonts: false } });
  return { width: image.width, pixels: image.pixels };
}

describe('renderChartPng', () => {
  it('renders a PNG of CHART_WIDTH x CHART_HEIGHT pixels', async () => {
    const started = performance.now();
    const png = await renderChartPng(INPUT);
    const ms = performance.now() - started;
    console.log(`chart: first PNG render ${ms.toFixed(0)} ms, ${png.length} bytes`);
    expect(CHART_WIDTH).toBeGreaterThan(0);
    expect(CHART_HEIGHT).toBeGreaterThan(0);
    expect(pngSize(png)).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
  });

  it('draws text with the font shipped in an npm package, without system fonts', async () => {
    for (const file of chartFontFiles()) expect(existsSync(file), file).toBe(true);
    const png = await renderChartPng({ ...INPUT, title: 'WWWWWWWWWWWWWWWWWWWW' });
    const { width, pixels } = await pngPixels(png);
    // The bold black title is in the top-left corner: it must leave dark pixels there.
    let dark = 0;
    for (let y = 0; y < 40; y++) {
      for (let x = 0; x < 300; x++) {
        const i = 4 * (y * width + x);
        if ((pixels[i] ?? 255) < 80 && (pixels[i + 1] ?? 255) < 80 && (pixels[i + 2] ?? 255) < 80) dark++;
      }
    }
    expect(dark).toBeGreaterThan(500);
  });

  it('renders a title with quotes, ampersands and angle brackets', async () => {
    const png = await renderChartPng({ ...INPUT, title: 'R&D "investment" of <Jilin> & Jiangyin\'s plan' });
    expect(pngSize(png)).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
  });
});

describe('renderChartSvg', () => {
  it('draws exactly one bar and one value label per point, in the given order', async () => {
    const svg = await renderChartSvg(INPUT);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(attr(svg, 'width')).toBe(String(CHART_WIDTH));
    expect(attr(svg, 'height')).toBe(String(CHART_HEIGHT));
    const bars = markItems(svg, 'rect', BAR_MARK_NAME);
    expect(bars).toHaveLength(3);
    expect(bars.map((b) => attr(b, 'aria-label'))).toEqual([
      'Jilin 2018: 524 (actual)',
      'Jilin 2021: 2,705 (actual)',
      'Jiangyin 2024: 2,000 (target)',
    ]);
    const labels = markItems(svg, 'text', LABEL_MARK_NAME);
    expect(labels).toHaveLength(3);
    for (const text of ['>524<', '>2,705<', '>2,000<']) expect(svg).toContain(text);
    // Axis labels, left to right.
    const axis = ['Jilin 2018', 'Jilin 2021', 'Jiangyin 2024'].map((l) => svg.indexOf(`>${l}</text>`));
    expect(axis.every((i) => i > 0)).toBe(true);
    expect([...axis].sort((a, b) => a - b)).toEqual(axis);
  });

  it('styles targets differently from actuals and has an actual/target legend', async () => {
    const svg = await renderChartSvg(INPUT);
    const bars = markItems(svg, 'rect', BAR_MARK_NAME);
    const style = (b: string) => ({ fill: attr(b, 'fill'), dash: attr(b, 'stroke-dasharray') ?? 'none' });
    const [a1, a2, t] = bars.map(style);
    expect(a1).toEqual(a2);
    expect(t?.fill).not.toBe(a1?.fill);
    expect(t?.dash).not.toBe(a1?.dash);
    expect(t?.dash).toMatch(/^\d+(\.\d+)?,\s*[1-9]/); // a dash with a real gap
    expect(svg).toMatch(/role-legend-label[^]*>actual<\/text>[^]*>target<\/text>/);
  });

  it('keeps one bar per point when labels repeat', async () => {
    const twin: ChartPoint = { ...JILIN_2021, value: 2700, text: '2,700' };
    const svg = await renderChartSvg({ ...INPUT, points: [JILIN_2018, JILIN_2021, twin] });
    expect(markItems(svg, 'rect', BAR_MARK_NAME)).toHaveLength(3);
    expect(svg.split('>Jilin 2021</text>').length - 1).toBe(2);
  });

  it('escapes a title with & and " (and text from the data) exactly once', async () => {
    const title = 'R&D "investment" of <Jilin> & Jiangyin\'s plan';
    const svg = await renderChartSvg({
      title,
      valueLabel: 'RMB & "yuan"',
      points: [{ ...JILIN_2018, label: 'Jilin & "Changchun"', text: '<524>' }, JIANGYIN_2024],
    });
    // Well-formed XML (vega escapes; nothing is escaped twice) ...
    expect(hasBareAmpersand(svg)).toBe(false);
    expect(svg).not.toContain('&amp;amp;');
    expect(svg).not.toMatch(/<text\b[^>]*>[^<]*>/);
    // ... that reads back as exactly the text given.
    const shown = texts(svg);
    expect(shown).toContain(title);
    expect(shown).toContain('Jilin & "Changchun"');
    expect(shown).toContain('<524>');
    expect(shown).toContain('RMB & "yuan"');
  });

  it('fits many points with long labels into the same size', async () => {
    const points = Array.from({ length: 14 }, (_, i): ChartPoint => ({
      label: `Some long region name ${2010 + i}`,
      region: 'r',
      year: 2010 + i,
      value: (i - 3) * 1.3e9,
      target: i % 3 === 2,
      text: `RMB${((i - 3) * 1.3).toFixed(2)} billion`,
    }));
    const svg = await renderChartSvg({ title: 'A long title '.repeat(20), valueLabel: 'CNY', points });
    expect(attr(svg, 'width')).toBe(String(CHART_WIDTH));
    expect(attr(svg, 'height')).toBe(String(CHART_HEIGHT));
    expect(markItems(svg, 'rect', BAR_MARK_NAME)).toHaveLength(14);
    const png = await renderChartPng({ title: 'x', valueLabel: 'CNY', points });
    expect(pngSize(png)).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
  });
});

describe('input validation', () => {
  it('rejects a chart with no points', async () => {
    await expect(renderChartSvg({ ...INPUT, points: [] })).rejects.toThrow(/^regionbot: .*no data points/);
    await expect(renderChartPng({ ...INPUT, points: [] })).rejects.toThrow(/^regionbot:/);
    expect(() => buildChartSpec({ ...INPUT, points: [] })).toThrow(/^regionbot:/);
  });

  it('rejects non-finite values', async () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      await expect(renderChartPng({ ...INPUT, points: [JILIN_2018, { ...JILIN_2021, value }] })).rejects.toThrow(
        /^regionbot: .*Jilin 2021.*non-finite/,
      );
    }
  });
});
