// SVG plots for the evaluation report: Vega-Lite specs compiled to Vega and rendered headlessly
// (renderer 'none', toSVG: pure JavaScript, no browser, no canvas). Output is deterministic for the
// same data (no timestamps or random ids in the SVG).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vega from 'vega';
import * as vl from 'vega-lite';

// Vega-Lite's own TopLevelSpec type is very wide; specs are built as plain objects here.
export type VlSpec = Record<string, unknown>;

const CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  view: { stroke: '#ddd' },
  axis: { labelFontSize: 10, titleFontSize: 11, gridColor: '#eee' },
  header: { labelFontSize: 11, titleFontSize: 12 },
  legend: { labelFontSize: 10, titleFontSize: 11 },
  title: { fontSize: 13, anchor: 'start' },
};

export async function renderSvg(spec: VlSpec): Promise<string> {
  const full = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', config: CONFIG, background: 'white', ...spec };
  const compiled = vl.compile(full as unknown as vl.TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return `${svg}\n`;
}

export async function writePlot(file: string, spec: VlSpec): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, await renderSvg(spec));
}
