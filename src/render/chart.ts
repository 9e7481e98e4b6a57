/**
 * Charts of a report: on a terminal, coloured bars sized to its width (plain characters without
 * colour); in Word and Excel, a PNG drawn by vega (SVG, no browser) → resvg (PNG), from the vega
 * specification vega-lite would compile (vegaSpec). vega and resvg are loaded only here, by the
 * commands that draw.
 */
import { paint } from './output.js';
import type { ChartSpec } from './report.js';

const TONES = { green: '#2e7d32', red: '#c62828', yellow: '#f9a825', gray: '#9e9e9e' } as const;
/** Without colour the segments differ by their character. */
const PLAIN = ['#', '-', '.', ' '];

/** Bars on a terminal: label, bar (one segment per kind), caption; no line wider than `width`. */
export async function renderChartText(chart: ChartSpec, opts: { width: number; color: boolean }): Promise<string> {
  const stringWidth = (await import('string-width')).default;
  const fit = (text: string, width: number) => fitTo(stringWidth, text, width);
  if (!chart.bars.length) return `${chart.title}\n${chart.empty ?? ''}\n`;
  const labelWidth = Math.min(Math.max(...chart.bars.map((b) => stringWidth(b.label)), 4), Math.floor(opts.width * 0.4));
  const captions = chart.bars.map((b) => (chart.caption ? chart.caption(b) : String(total(b))));
  const captionWidth = Math.max(...captions.map((c) => stringWidth(c)), 1);
  const room = Math.max(opts.width - labelWidth - captionWidth - 3, 4);
  const max = Math.max(...chart.bars.map(total), 1);
  const lines: string[] = [opts.color ? await paint(chart.title, 'bold') : chart.title];
  for (let i = 0; i < chart.bars.length; i++) {
    const bar = chart.bars[i];
    let drawn = '';
    let used = 0;
    const cells = Math.round((total(bar) / max) * room);
    for (let s = 0; s < chart.segments.length; s++) {
      const seg = chart.segments[s];
      const value = bar.values[seg.key] ?? 0;
      const n = s === chart.segments.length - 1 ? cells - used : Math.round((value / (total(bar) || 1)) * cells);
      if (n <= 0) continue;
      used += n;
      drawn += opts.color ? await paint('█'.repeat(n), seg.tone === 'gray' ? 'gray' : seg.tone) : (PLAIN[s] ?? '=').repeat(n);
    }
    lines.push(`${fit(bar.label, labelWidth)} ${drawn}${' '.repeat(Math.max(room - used, 0))} ${captions[i]}`.trimEnd());
  }
  const legend = chart.segments.map((seg, s) => `${opts.color ? '' : `${PLAIN[s]} `}${seg.label}`);
  lines.push(opts.color ? (await Promise.all(chart.segments.map((seg, s) => paint(`■ ${seg.label}`, seg.tone)))).join('   ') : legend.join('   '));
  return lines.join('\n') + '\n';
}

function total(bar: { values: Record<string, number> }): number {
  return Object.values(bar.values).reduce((a, b) => a + b, 0);
}

/** Cut or pad to a display width. */
function fitTo(stringWidth: (s: string) => number, text: string, width: number): string {
  let out = '';
  for (const ch of text) {
    if (stringWidth(out + ch) > width - (stringWidth(text) > width ? 1 : 0)) {
      out += '…';
      break;
    }
    out += ch;
  }
  return out + ' '.repeat(Math.max(width - stringWidth(out), 0));
}

/** The chart's data as both specifications take it: one row per bar and segment, in the order given. */
function chartValues(chart: ChartSpec) {
  return chart.bars.flatMap((bar, order) => chart.segments.map((seg, s) => ({ label: bar.label, order, segment: seg.label, segOrder: s, value: bar.values[seg.key] ?? 0 })));
}

/** The vega-lite specification: horizontal stacked bars, in the order given. */
export function vegaLiteSpec(chart: ChartSpec, font: string): Record<string, unknown> {
  const values = chartValues(chart);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: chart.title, font, fontSize: 15 },
    width: 560,
    height: { step: 22 },
    background: 'white',
    config: { font, axis: { labelFont: font, titleFont: font, labelFontSize: 12, titleFontSize: 12, labelLimit: 260 }, legend: { labelFont: font, titleFont: font, labelFontSize: 12 } },
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: { field: 'order', op: 'min' }, title: null },
      x: { field: 'value', type: 'quantitative', title: chart.axis, axis: { tickMinStep: 1, format: 'd' } },
      color: {
        field: 'segment',
        type: 'nominal',
        title: null,
        scale: { domain: chart.segments.map((s) => s.label), range: chart.segments.map((s) => TONES[s.tone]) },
        legend: { orient: 'bottom' },
      },
      order: { field: 'segOrder', type: 'quantitative' },
    },
  };
}

/**
 * The vega specification vega-lite compiles vegaLiteSpec into, written out: a chart is drawn without
 * loading vega-lite (about a tenth of a second of a Word report). test/unit/chart-spec.test.ts checks
 * that it is vega-lite's compilation, to the byte, for charts of every shape.
 */
export function vegaSpec(chart: ChartSpec, font: string): Record<string, unknown> {
  const values = chartValues(chart);
  const tickCount = { signal: 'ceil(width/40)' };
  const field = (name: string) => `isValid(datum[${JSON.stringify(name)}]) ? datum[${JSON.stringify(name)}] : ""+datum[${JSON.stringify(name)}]`;
  // As vega-lite writes it (aria.ts, tooltip.ts): the axis title with its double quotes escaped, nothing else.
  const key = (chart.axis || 'value').replaceAll('"', '\\"');
  const description =
    `"${key}: " + (format(datum["value"], "d")) + "; label: " + (${field('label')}) + "; segment: " + (${field('segment')})` +
    ` + "; segOrder: " + (format(datum["segOrder"], ""))`;
  return {
    $schema: 'https://vega.github.io/schema/vega/v5.json',
    background: 'white',
    padding: 5,
    width: 560,
    title: { text: chart.title, font, fontSize: 15, frame: 'group' },
    style: 'cell',
    data: [
      { name: 'source_0', values },
      {
        name: 'data_0',
        source: 'source_0',
        transform: [
          { type: 'stack', groupby: ['label'], field: 'value', sort: { field: ['segOrder'], order: ['ascending'] }, as: ['value_start', 'value_end'], offset: 'zero' },
          { type: 'filter', expr: 'isValid(datum["value"]) && isFinite(+datum["value"])' },
        ],
      },
    ],
    signals: [
      { name: 'y_step', value: 22 },
      { name: 'height', update: "bandspace(domain('y').length, 0.1, 0.05) * y_step" },
    ],
    marks: [
      {
        name: 'marks',
        type: 'rect',
        style: ['bar'],
        from: { data: 'data_0' },
        encode: {
          update: {
            fill: { scale: 'color', field: 'segment' },
            ariaRoleDescription: { value: 'bar' },
            description: { signal: description },
            x: { scale: 'x', field: 'value_end' },
            x2: { scale: 'x', field: 'value_start' },
            y: { scale: 'y', field: 'label' },
            height: { signal: "max(0.25, bandwidth('y'))" },
          },
        },
      },
    ],
    scales: [
      { name: 'x', type: 'linear', domain: { data: 'data_0', fields: ['value_start', 'value_end'] }, range: [0, { signal: 'width' }], nice: true, zero: true },
      { name: 'y', type: 'band', domain: { data: 'source_0', field: 'label', sort: { op: 'min', field: 'order' } }, range: { step: { signal: 'y_step' } }, paddingInner: 0.1, paddingOuter: 0.05 },
      { name: 'color', type: 'ordinal', domain: chart.segments.map((s) => s.label), range: chart.segments.map((s) => TONES[s.tone]) },
    ],
    axes: [
      { scale: 'x', orient: 'bottom', tickMinStep: 1, gridScale: 'y', grid: true, tickCount, domain: false, labels: false, aria: false, maxExtent: 0, minExtent: 0, ticks: false, zindex: 0 },
      { scale: 'x', orient: 'bottom', grid: false, ...(chart.axis ? { title: chart.axis } : {}), format: 'd', tickMinStep: 1, labelFlush: true, labelOverlap: true, tickCount, zindex: 0 },
      { scale: 'y', orient: 'left', grid: false, zindex: 0 },
    ],
    legends: [{ orient: 'bottom', fill: 'color', direction: 'horizontal', symbolType: 'square' }],
    config: {
      axis: { labelFont: font, titleFont: font, labelFontSize: 12, titleFontSize: 12, labelLimit: 260 },
      legend: { labelFont: font, titleFont: font, labelFontSize: 12 },
      style: { 'guide-label': { font }, 'guide-title': { font }, 'group-title': { font }, 'group-subtitle': { font }, text: { font } },
    },
  };
}

/** The chart as SVG (vega, no browser). */
export async function chartSvg(chart: ChartSpec, font = 'Liberation Sans'): Promise<string> {
  const vega = await import('vega');
  const v = vega.View ? vega : (vega as unknown as { default: typeof vega }).default;
  const view = new v.View(v.parse(vegaSpec(chart, font) as never), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The chart as PNG (resvg, system fonts: Liberation or DejaVu carry the Vietnamese letters). */
export async function chartPng(chart: ChartSpec, scale = 2): Promise<{ png: Buffer; width: number; height: number }> {
  const svg = await chartSvg(chart);
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans', sansSerifFamily: 'Liberation Sans' },
  });
  const image = resvg.render();
  return { png: image.asPng(), width: image.width / scale, height: image.height / scale };
}
