/**
 * Bar charts of one numeric metric (`regionbot metric NAME --chart FILE.png`, Discord `/metric`).
 *
 * Pipeline: a Vega-Lite spec -> vega-lite `compile` -> a headless vega `View` (`renderer: 'none'`)
 * -> `view.toSVG()` -> @resvg/resvg-js -> PNG of exactly CHART_WIDTH x CHART_HEIGHT pixels.
 *
 * Everything runs offline: the text is drawn with DejaVu Sans, whose TTF files ship in the
 * `dejavu-fonts-ttf` npm package, and resvg is told not to look at system fonts at all, so the
 * picture is the same on a machine without any fonts installed.
 *
 * The SVG carries stable hooks for tests and for anyone post-processing it: the bar marks are in
 * a `<g class="mark-rect role-mark bars_marks">` group (one `<path>` per point, its aria-label
 * "LABEL: TEXT (actual|target)"), the value labels in a `<g class="mark-text role-mark values_marks">`
 * group. Text measurement for layout uses the same TTF (see installTextMetrics).
 */
import type { TopLevelSpec } from 'vega-lite';
import { RegionbotError } from '../errors.js';
import { chartFontFiles, chartFonts, measureItem, wrap, type TextItem } from './font.js';

export { chartFontFiles } from './font.js';

export interface ChartPoint {
  /** Category shown under the bar, e.g. "Jilin 2021". Need not be unique. */
  label: string;
  region: string;
  year: number | null;
  value: number;
  /** true for a plan/target, false for an achieved value. */
  target: boolean;
  /** The value as stated in the article, shown above the bar, e.g. "2,705" or "RMB15.95 billion". */
  text: string;
}

export interface ChartInput {
  title: string;
  /** Title of the value axis, e.g. "high-tech enterprises". */
  valueLabel: string;
  points: ChartPoint[];
}

/** Pixel size of the PNG. The SVG has the same size in user units. */
export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 450;

/** Name of the Vega-Lite layer holding the bars; its SVG group has the class `bars_marks`. */
export const BAR_MARK_NAME = 'bars';
/** Name of the Vega-Lite layer holding the value labels; its SVG group has the class `values_marks`. */
export const LABEL_MARK_NAME = 'values';

export const CHART_FONT_FAMILY = 'DejaVu Sans';

const ACTUAL_COLOR = '#3b6ea8';
const TARGET_FILL = '#c9dcf0';
const TARGET_DASH = [6, 3];

interface VegaTextMetrics {
  width: (item: TextItem, text: unknown) => number;
}

type VegaModule = typeof import('vega');

let libs: Promise<{ vega: VegaModule; vegaLite: typeof import('vega-lite') }> | undefined;

/**
 * vega and vega-lite take about half a second to import: load them on the first chart only, so
 * that commands which draw nothing do not pay for them.
 */
function loadLibs(): Promise<{ vega: VegaModule; vegaLite: typeof import('vega-lite') }> {
  libs ??= Promise.all([import('vega'), import('vega-lite')])
    .then(([vega, vegaLite]) => {
      installTextMetrics(vega);
      return { vega, vegaLite };
    })
    .catch((err: unknown) => {
      libs = undefined;
      throw err;
    });
  return libs;
}

/**
 * Makes vega measure text with the chart font. vega supports replacing `textMetrics.width` (as
 * vl-convert does); the setting is global to the vega module, which only this file uses.
 */
function installTextMetrics(vega: VegaModule): void {
  const textMetrics = (vega as unknown as { textMetrics: VegaTextMetrics }).textMetrics;
  if (textMetrics.width !== measureItem) {
    chartFonts();
    textMetrics.width = measureItem;
  }
}

function invalid(message: string): RegionbotError {
  return new RegionbotError('E_USAGE', `chart: ${message}`);
}

function validate(input: ChartInput): void {
  if (!input || !Array.isArray(input.points) || input.points.length === 0) {
    throw invalid('nothing to draw: the chart has no data points');
  }
  input.points.forEach((p, i) => {
    if (typeof p.value !== 'number' || !Number.isFinite(p.value)) {
      throw invalid(`point ${i + 1} (${JSON.stringify(p.label)}) has a non-finite value: ${String(p.value)}`);
    }
  });
}

const PADDING = 12;
const TITLE_SIZE = 16;
const LABEL_SIZE = 12;

/** The Vega-Lite spec of the chart. Exported for inspection and tests. */
export function buildChartSpec(input: ChartInput): TopLevelSpec {
  validate(input);
  const fonts = chartFonts();
  const points = input.points;
  const n = points.length;
  const kinds = points.map((p) => (p.target ? 'target' : 'actual'));
  const values = points.map((p, i) => ({
    // Labels may repeat (two articles on "Jilin 2021"), so bars are keyed by position and the
    // axis shows the label through the `xLabels` parameter.
    key: String(i),
    label: p.label,
    region: p.region,
    year: p.year,
    value: p.value,
    // The value label sits on top of a positive bar and just above the zero line for a negative one.
    labelY: Math.max(p.value, 0),
    kind: kinds[i],
    text: p.text,
    // aria-label of the bar and of its value label in the SVG.
    description: `${p.label}: ${p.text} (${kinds[i]})`,
  }));

  // Rough layout (exact layout is vega's): plot area after the y axis, title, legend, x axis.
  const titleLines = wrap(input.title, fonts.bold, TITLE_SIZE, CHART_WIDTH - 2 * PADDING - 8, 2);
  const plotWidth = CHART_WIDTH - 2 * PADDING - 80;
  const bandPx = plotWidth / n;
  const manyBars = n > 6;
  const xLabelWidest = Math.max(...points.map((p) => fonts.regular.width(p.label, LABEL_SIZE)));
  const xLabelsTilted = manyBars || xLabelWidest > bandPx - 8;
  const xAxisPx = xLabelsTilted ? 100 : 28;
  const plotHeight = CHART_HEIGHT - 2 * PADDING - titleLines.length * 20 - 30 - xAxisPx;

  // Value labels: horizontal when they fit over their bar, else turned upright.
  const valueSize = manyBars ? 11 : LABEL_SIZE;
  const valueWidest = Math.max(...points.map((p) => fonts.regular.width(p.text, valueSize)));
  const valuesUpright = valueWidest > bandPx - 4;
  const labelRoomPx = Math.min(valuesUpright ? valueWidest + 8 : valueSize + 8, plotHeight * 0.45);
  const max = Math.max(...points.map((p) => p.value));
  const headroom = 1 / (1 - labelRoomPx / plotHeight);

  // Bars at most ~110 px wide: a lone bar spanning the whole chart looks like a background.
  const band = Math.min(0.8, 110 / bandPx);

  const kindScale = { domain: ['actual', 'target'] };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: titleLines, anchor: 'start', limit: CHART_WIDTH - 2 * PADDING - 8, fontSize: TITLE_SIZE },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    autosize: { type: 'fit', contains: 'padding' },
    padding: PADDING,
    background: 'white',
    params: [{ name: 'xLabels', value: points.map((p) => p.label) }],
    data: { values },
    encoding: {
      x: {
        field: 'key',
        type: 'nominal',
        sort: null,
        title: null,
        axis: {
          labelExpr: 'xLabels[toNumber(datum.value)]',
          labelAngle: xLabelsTilted ? -35 : 0,
          labelLimit: xLabelsTilted ? 140 : Math.floor(bandPx) - 6,
          labelOverlap: false,
          labelFontSize: LABEL_SIZE,
        },
      },
      y: {
        field: 'value',
        type: 'quantitative',
        title: input.valueLabel,
        scale: max > 0 ? { domainMax: max * headroom, nice: true } : { nice: true },
        axis: {
          labelExpr:
            "abs(datum.value) >= 10000 ? replace(format(datum.value, '.3~s'), 'G', 'B') : format(datum.value, ',~r')",
        },
      },
    },
    layer: [
      {
        name: BAR_MARK_NAME,
        mark: { type: 'bar', strokeWidth: 1.5, width: { band } },
        encoding: {
          description: { field: 'description', type: 'nominal' },
          fill: {
            field: 'kind',
            type: 'nominal',
            title: null,
            scale: { ...kindScale, range: [ACTUAL_COLOR, TARGET_FILL] },
          },
          stroke: {
            field: 'kind',
            type: 'nominal',
            title: null,
            scale: { ...kindScale, range: [ACTUAL_COLOR, ACTUAL_COLOR] },
          },
          strokeDash: {
            field: 'kind',
            type: 'nominal',
            title: null,
            scale: { ...kindScale, range: [[1, 0], TARGET_DASH] },
          },
        },
      },
      {
        name: LABEL_MARK_NAME,
        mark: valuesUpright
          ? {
              type: 'text',
              angle: 270,
              align: 'left',
              baseline: 'middle',
              dx: 4,
              fontSize: valueSize,
              color: '#222',
              limit: labelRoomPx,
            }
          : { type: 'text', baseline: 'bottom', dy: -4, fontSize: valueSize, color: '#222' },
        encoding: {
          y: { field: 'labelY', type: 'quantitative', title: input.valueLabel },
          text: { field: 'text', type: 'nominal' },
          description: { field: 'description', type: 'nominal' },
        },
      },
    ],
    config: {
      font: CHART_FONT_FAMILY,
      view: { stroke: null },
      axis: { labelFontSize: LABEL_SIZE, titleFontSize: LABEL_SIZE },
      legend: {
        orient: 'top',
        direction: 'horizontal',
        labelFontSize: LABEL_SIZE,
        symbolType: 'square',
        symbolSize: 180,
      },
    },
  };
}

/** Renders the chart as an SVG document (CHART_WIDTH x CHART_HEIGHT). */
export async function renderChartSvg(input: ChartInput): Promise<string> {
  const spec = buildChartSpec(input);
  const { vega, vegaLite } = await loadLibs();
  installTextMetrics(vega);
  const quiet = vega.logger(vega.Error);
  const { spec: vgSpec } = vegaLite.compile(spec, { logger: quiet });
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Renders the chart as a PNG of exactly CHART_WIDTH x CHART_HEIGHT pixels. */
export async function renderChartPng(input: ChartInput): Promise<Buffer> {
  const svg = await renderChartSvg(input);
  const { renderAsync } = await import('@resvg/resvg-js');
  const image = await renderAsync(svg, {
    fitTo: { mode: 'width', value: CHART_WIDTH },
    background: 'white',
    font: {
      fontFiles: chartFontFiles(),
      loadSystemFonts: false,
      defaultFontFamily: CHART_FONT_FAMILY,
      sansSerifFamily: CHART_FONT_FAMILY,
    },
    logLevel: 'off',
  });
  if (image.width !== CHART_WIDTH || image.height !== CHART_HEIGHT) {
    throw new RegionbotError(
      'E_IO',
      `chart: rendered ${image.width}x${image.height} pixels, expected ${CHART_WIDTH}x${CHART_HEIGHT}`,
    );
  }
  return image.asPng();
}
