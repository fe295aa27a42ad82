// The report's plots: Vega-Lite specs built from the measurements, rendered to SVG files (eval/report/plots.ts).
import { join } from 'node:path';
import type { FalseAlarmCell, PValueKind } from '../lib/false-alarms';
import type { PowerCell } from '../lib/power';
import { ALPHAS } from '../lib/rates';
import { POWER_LENGTHS, REPORT_ALPHA, ROBUST_LENGTH, SPAN_SHARES } from '../lib/run-settings';
import { LENGTH_BINS } from '../lib/windows';
import { alphaLabel, KIND_SHORT, SHOWN_KINDS } from './format';
import { writePlot } from './plots';
import type { SpanRow } from './results';
import type { RobustnessRow } from './sections';

export interface FigureData {
  /** All evaluated keys, in report order (false-alarm columns). */
  keys: ReadonlyArray<{ name: string }>;
  /** The bundled keys (lefthash, selfhash). */
  mainKeys: ReadonlyArray<{ name: string }>;
  /** The key whose transforms order the robustness rows. */
  defaultLeft: { name: string };
  cells: readonly FalseAlarmCell[];
  power: readonly PowerCell[];
  spanRows: readonly SpanRow[];
  robustRows: readonly RobustnessRow[];
}

/** Writes every plot into plotDir; returns the file name of each, by the id the report links it with. */
export async function writeFigures(plotDir: string, { keys, mainKeys, defaultLeft, cells, power, spanRows, robustRows }: FigureData): Promise<Record<string, string>> {
  const plots: Record<string, string> = {};
  const keyOrder = keys.map((k) => k.name);
  for (const [i, alpha] of ALPHAS.entries()) {
    const data = cells.flatMap((c) =>
      SHOWN_KINDS.map((kind) => ({ key: c.key, corpus: c.corpus + (c.heldOut ? '*' : ''), length: c.length, kind: KIND_SHORT[kind], rate: c.rates[kind][i].rate, windows: c.windows })),
    );
    const file = `false-alarms-${alphaLabel(alpha)}.svg`;
    await writePlot(join(plotDir, file), {
      title: `Share of human windows flagged at α = ${alphaLabel(alpha)} (dashed line: α; symmetric-log scale, 0 at the bottom)`,
      data: { values: data },
      facet: {
        row: { field: 'kind', type: 'nominal', title: null, sort: SHOWN_KINDS.map((k) => KIND_SHORT[k]) },
        column: { field: 'key', type: 'nominal', title: null, sort: keyOrder },
      },
      spec: {
        width: 150,
        height: 110,
        layer: [
          {
            mark: { type: 'line', point: { size: 18 }, strokeWidth: 1.2 },
            encoding: {
              x: { field: 'length', type: 'quantitative', scale: { type: 'log' }, title: 'tokens per window', axis: { values: [...LENGTH_BINS], labelAngle: -45, format: 'd' } },
              y: { field: 'rate', type: 'quantitative', scale: { type: 'symlog', constant: alpha / 4 }, title: null, axis: { format: alpha < 1e-3 ? '.2%' : '.1%' } },
              color: { field: 'corpus', type: 'nominal', title: 'corpus (* held out)' },
            },
          },
          { mark: { type: 'rule', strokeDash: [4, 3], color: 'black' }, encoding: { y: { datum: alpha } } },
        ],
      },
      resolve: { scale: { y: 'shared' } },
    });
    plots[`fa${i}`] = file;
  }

  const i4 = ALPHAS.indexOf(REPORT_ALPHA);
  const powerData = power.flatMap((c) =>
    (['referenceNormal', 'referenceBinomial', 'calibrated'] as PValueKind[]).map((kind) => ({ key: c.key, delta: `δ = ${c.delta}`, length: c.length, p: KIND_SHORT[kind], power: c.power[kind][i4] })),
  );
  await writePlot(join(plotDir, 'power.svg'), {
    title: `Power at α = ${alphaLabel(REPORT_ALPHA)}: share of watermarked texts flagged (stand-in n-gram model, γ = 0.25)`,
    data: { values: powerData },
    facet: { column: { field: 'key', type: 'nominal', title: null } },
    spec: {
      width: 260,
      height: 200,
      layer: [
        {
          mark: { type: 'line', strokeWidth: 1.6 },
          encoding: {
            x: { field: 'length', type: 'quantitative', scale: { type: 'log' }, title: 'generated tokens', axis: { values: POWER_LENGTHS, format: 'd' } },
            y: { field: 'power', type: 'quantitative', title: 'flagged', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
            color: { field: 'delta', type: 'nominal', title: 'bias' },
            strokeDash: { field: 'p', type: 'nominal', title: 'p-value', sort: ['calibrated pValue', 'ref. normal', 'ref. binomial'], legend: { symbolType: 'stroke', symbolStrokeColor: 'black', symbolSize: 300 } },
          },
        },
        { mark: { type: 'rule', color: '#999', strokeDash: [2, 2] }, encoding: { y: { datum: 0.9 } } },
      ],
    },
  });
  plots.power = 'power.svg';

  const spanData = spanRows.flatMap((r) => r.ious.map((iou) => ({ key: r.key, delta: `δ = ${r.delta}`, share: `${Math.round(r.share * 100)}% of 600`, iou })));
  await writePlot(join(plotDir, 'spans-iou.svg'), {
    title: `Span localization: IoU of the reported spans with the watermarked passage (undetected = 0), α = ${alphaLabel(REPORT_ALPHA)}`,
    data: { values: spanData },
    facet: { column: { field: 'key', type: 'nominal', title: null } },
    spec: {
      width: 260,
      height: 200,
      mark: { type: 'boxplot', extent: 'min-max', size: 18 },
      encoding: {
        x: { field: 'share', type: 'nominal', title: 'watermarked passage', sort: SPAN_SHARES.map((s) => `${Math.round(s * 100)}% of 600`), axis: { labelAngle: 0 } },
        xOffset: { field: 'delta', type: 'nominal' },
        y: { field: 'iou', type: 'quantitative', title: 'IoU', scale: { domain: [0, 1] } },
        color: { field: 'delta', type: 'nominal', title: 'bias' },
      },
    },
  });
  plots.spans = 'spans-iou.svg';

  const robustData = [
    ...mainKeys.map((k) => {
      const r = robustRows.find((x) => x.key === k.name)!;
      return { key: k.name, transform: 'original', z: r.medianZBefore };
    }),
    ...robustRows.map((r) => ({ key: r.key, transform: r.transform, z: r.medianZAfter })),
  ];
  await writePlot(join(plotDir, 'robustness.svg'), {
    title: `Median reference z of ${ROBUST_LENGTH}-token watermarked texts (δ = 2) after each change`,
    data: { values: robustData },
    width: 420,
    height: { step: 9 },
    mark: 'bar',
    encoding: {
      y: { field: 'transform', type: 'nominal', title: null, sort: ['original', ...robustRows.filter((r) => r.key === defaultLeft.name).map((r) => r.transform)] },
      yOffset: { field: 'key', type: 'nominal' },
      x: { field: 'z', type: 'quantitative', title: 'median z' },
      color: { field: 'key', type: 'nominal', title: 'key' },
    },
  });
  plots.robustness = 'robustness.svg';
  return plots;
}
