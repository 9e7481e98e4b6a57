/** Parsing of the evaluation options shared by `evaluate` and `evaluation edit`. */
import { EVALUATION_RESULTS, parseEvaluationResult, type EvaluationResult } from '../../../domain/compliance.js';
import { UsageError } from '../../../errors.js';

export function parseResultOption(value: string): EvaluationResult {
  const r = parseEvaluationResult(value);
  if (!r) throw new UsageError('input.badChoice', { field: '--result', value, accepted: EVALUATION_RESULTS.join(', ') });
  return r;
}

/** A score out of 100, decimals allowed (85,5 or 85.5). Undefined when the text is not one. */
export function parseScore(value: string): number | undefined {
  const t = value.trim();
  if (!/^\d{1,3}(?:[.,]\d+)?$/.test(t)) return undefined;
  const n = Number(t.replace(',', '.'));
  return n >= 0 && n <= 100 ? n : undefined;
}
