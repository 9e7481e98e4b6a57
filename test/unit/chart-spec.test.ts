// The vega specification a chart is drawn from (render/chart.ts vegaSpec) is the one vega-lite
// compiles the chart's vega-lite specification into, to the byte: the image is the same without
// loading vega-lite.
import * as vl from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { vegaLiteSpec, vegaSpec } from '../../src/render/chart.js';
import type { ChartSpec } from '../../src/render/report.js';

const TONES = ['green', 'red', 'yellow', 'gray'] as const;

function chartOf(n: number, segments: number, text: (i: number) => string): ChartSpec {
  return {
    title: `Biểu đồ ${text(0)}`,
    axis: text(1),
    segments: Array.from({ length: segments }, (_, s) => ({ key: `k${s}`, label: `${text(s + 2)} ${s}`, tone: TONES[s % TONES.length] })),
    bars: Array.from({ length: n }, (_, i) => ({ label: `${text(i + 3)} ${i % 7}`, values: Object.fromEntries(Array.from({ length: segments }, (_, s) => [`k${s}`, (i * 7 + s * 3) % 11])) })),
  };
}

const TEXTS = ['Số đơn vị', 'Phường "Bến" Nghé', 'back\\slash', "it's", 'Xã ${x} {y}', 'dòng\nmới', '+ - * /', '', '😀 Đạt'];

describe('the vega specification of a chart', () => {
  it('is vega-lite\'s compilation of its vega-lite specification, for charts of every shape and awkward texts', () => {
    const compile = vl.compile ?? (vl as unknown as { default: typeof vl }).default.compile;
    let checked = 0;
    for (const font of ['Liberation Sans', 'DejaVu "Sans"'])
      for (const n of [0, 1, 2, 5, 168])
        for (const segments of [1, 2, 3, 4])
          for (let t = 0; t < TEXTS.length; t++) {
            const chart = chartOf(n, segments, (i) => TEXTS[(t + i) % TEXTS.length]);
            // A missing value is 0 in both.
            if (n > 1) delete chart.bars[1].values.k0;
            // As JSON (vega-lite leaves keys undefined and wraps some signal references in a class; vega reads the same).
            const compiled = JSON.stringify(compile(vegaLiteSpec(chart, font) as never).spec);
            expect(vegaSpec(chart, font)).toEqual(JSON.parse(compiled));
            // Keys in the same order too.
            expect(JSON.stringify(vegaSpec(chart, font))).toBe(compiled);
            checked++;
          }
    expect(checked).toBe(2 * 5 * 4 * TEXTS.length);
  });
});
