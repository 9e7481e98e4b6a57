// Draws a report's chart as PNG in a worker thread: vega-lite → vega (SVG, no browser) → resvg (PNG).
// The libraries start loading as soon as the thread starts, while the main thread is still reading
// the report's facts, and the drawing runs beside the main thread's loading of the Word or Excel
// writer. Plain JavaScript, so that it runs as it is from the sources and from dist/ alike.
// One message: { spec, scale } (the vega-lite specification of chart.ts); one answer: { png, width,
// height } or { error }.
import { parentPort } from 'node:worker_threads';

const libraries = Promise.all([import('vega-lite'), import('vega'), import('@resvg/resvg-js')]);
libraries.catch(() => {}); // reported when a chart is asked for

/** The chart as SVG (vega-lite → vega). */
async function svgOf(spec) {
  const [vl, vega] = await libraries;
  const compiled = (vl.compile ?? vl.default.compile)(spec).spec;
  const v = vega.View ? vega : vega.default;
  const view = new v.View(v.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The chart as PNG (resvg, system fonts: Liberation or DejaVu carry the Vietnamese letters). */
async function pngOf(spec, scale) {
  const svg = await svgOf(spec);
  const { Resvg } = (await libraries)[2];
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans', sansSerifFamily: 'Liberation Sans' },
  });
  const image = resvg.render();
  return { png: image.asPng(), width: image.width / scale, height: image.height / scale };
}

parentPort.once('message', async ({ spec, scale }) => {
  try {
    const { png, width, height } = await pngOf(spec, scale);
    // A copy of its own, so that only the image's bytes cross.
    const bytes = new Uint8Array(png);
    parentPort.postMessage({ png: bytes, width, height }, [bytes.buffer]);
  } catch (err) {
    parentPort.postMessage({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
