// Settings of the evaluation run shared by the orchestration (eval/run-eval.ts) and the report text
// (eval/report/markdown.ts), which quotes them: one place, so the report cannot describe other settings
// than the ones measured.
import type { ALPHAS } from './rates';

export function evalConfig(quick: boolean) {
  return quick
    ? { chars: 150_000, maxWindows: 3000, powerCount: 20, spanCount: 12, robustCount: 12, otherModelCount: 10, settingsCount: 16, brownTrainChars: 150_000, schemePowerCount: 20, schemeSpanCount: 12, schemeRobustCount: 12 }
    : { chars: 1_000_000, maxWindows: 20_000, powerCount: 100, spanCount: 60, robustCount: 60, otherModelCount: 60, settingsCount: 60, brownTrainChars: 400_000, schemePowerCount: 60, schemeSpanCount: 30, schemeRobustCount: 30 };
}
export type EvalConfig = ReturnType<typeof evalConfig>;

// Seeds (all fixed): watermarked texts i = firstSeed + i.
export const SEEDS = {
  power: 0,
  spans: 5000,
  robustness: 5000,
  wordReplacement: 7000,
  otherModel: 20000,
  settingsPure: 100,
};
export const POWER_LENGTHS = [16, 32, 64, 100, 200, 400];
export const POWER_DELTAS = [1, 2, 4];
export const SPAN_SHARES = [0.1, 0.25, 0.5];
export const SPAN_DELTAS = [2, 3, 4];
export const SPAN_TOTAL = 600;
export const ROBUST_LENGTH = 300;
export const REPORT_ALPHA = 1e-4 as (typeof ALPHAS)[number];

// Open-model tokenizer keys (eval/report/open-model-section.ts): the models, and sizes per run.
export const OPEN_MODEL_MODELS = ['llama3', 'qwen3'] as const;
export const OPEN_MODEL_POWER_LENGTH = 200;
export const OPEN_MODEL_DELTAS = [2];
export function openModelConfig(quick: boolean) {
  return quick ? { quick, maxWindows: 1000, powerCount: 20 } : { quick, maxWindows: 20_000, powerCount: 100 };
}
export type OpenModelConfig = ReturnType<typeof openModelConfig>;

/** Human text around the watermarked passage in the SynthID and Unigram span blocks (as section 3). */
export const SCHEME_SPAN_CORPUS = 'email';
