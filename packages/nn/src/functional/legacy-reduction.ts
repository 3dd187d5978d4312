import type { Reduction } from './losses.js';

/**
 * The deprecated `size_average` / `reduce` arguments PyTorch's losses still take (each null or
 * absent when not given). Either one given overrides `reduction`.
 */
export interface LegacyReductionOptions {
  sizeAverage?: boolean | null;
  reduce?: boolean | null;
}

// Python's warnings filter shows a UserWarning once per distinct message (and place); here once
// per message for the process.
const warned = new Set<string>();

/** Emits a UserWarning through process.emitWarning, once per distinct message. */
export function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  process.emitWarning(message, 'UserWarning');
}

/**
 * torch/nn/_reduction.py's legacy_get_string: both default to true; size_average and reduce give
 * 'mean', reduce alone 'sum', no reduce 'none'. Warns that the arguments are deprecated.
 */
export function legacyGetString(
  sizeAverage: boolean | null | undefined,
  reduce: boolean | null | undefined,
  emitWarning = true,
): Reduction {
  const average = sizeAverage ?? true;
  const reduced = reduce ?? true;
  const result: Reduction = average && reduced ? 'mean' : reduced ? 'sum' : 'none';
  if (emitWarning) {
    warnOnce(`size_average and reduce args will be deprecated, please use reduction='${result}' instead.`);
  }
  return result;
}

/** The reduction a loss uses: the legacy arguments' when either is given, else `reduction`. */
export function resolveReduction<R extends string>(reduction: R, legacy: LegacyReductionOptions = {}): R | Reduction {
  const given = (v: boolean | null | undefined) => v !== undefined && v !== null;
  return given(legacy.sizeAverage) || given(legacy.reduce)
    ? legacyGetString(legacy.sizeAverage, legacy.reduce)
    : reduction;
}
