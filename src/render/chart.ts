/**
 * Charts of a report: on a terminal, coloured bars sized to its width (plain characters without
 * colour); in Word and Excel, a PNG drawn by vega-lite → vega (SVG, no browser) → resvg (PNG).
 * vega, vega-lite and resvg are loaded only here, by the commands that draw.
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

/** The vega-lite specification: horizontal stacked bars, in the order given. */
export function vegaLiteSpec(chart: ChartSpec, font: string): Record<string, unknown> {
  const values = chart.bars.flatMap((bar, order) => chart.segments.map((seg, s) => ({ label: bar.label, order, segment: seg.label, segOrder: s, value: bar.values[seg.key] ?? 0 })));
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

/** The chart as SVG (vega-lite → vega, no browser). */
export async function chartSvg(chart: ChartSpec, font = 'Liberation Sans'): Promise<string> {
  const vl = await import('vega-lite');
  const vega = await import('vega');
  const compiled = (vl.compile ?? (vl as unknown as { default: typeof vl }).default.compile)(vegaLiteSpec(chart, font) as never).spec;
  const v = vega.View ? vega : (vega as unknown as { default: typeof vega }).default;
  const view = new v.View(v.parse(compiled), { renderer: 'none' });
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
