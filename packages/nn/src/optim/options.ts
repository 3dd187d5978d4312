import { OptimError } from './optim-error.js';
import { pythonFloatRepr } from './python-float-repr.js';

/**
 * An option as Python's `format` shows it. Numbers show as Python floats (`1.0`, `1e-05`): JS cannot tell 1 from
 * 1.0, and PyTorch documents these options as floats.
 */
export function formatOption(v: unknown): string {
  if (typeof v === 'number') return pythonFloatRepr(v);
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return v === null || v === undefined ? 'None' : String(v);
}

/**
 * The options of `new Optimizer(params, lr, { ... })` or `new Optimizer(params, { lr, ... })`: PyTorch's first
 * positional option is the learning rate, the rest are keyword-ish.
 */
export function resolveOptions<O extends { lr?: unknown }>(lrOrOptions: number | O | undefined, options?: O): O {
  if (typeof lrOrOptions === 'number') {
    if (options !== undefined && 'lr' in options)
      throw new OptimError("got multiple values for argument 'lr'", 'TypeError');
    return { ...(options ?? ({} as O)), lr: lrOrOptions };
  }
  if (lrOrOptions !== undefined && options !== undefined) {
    throw new OptimError('options were given twice: pass the learning rate as a number before them', 'TypeError');
  }
  return lrOrOptions ?? ({} as O);
}

/** Throws PyTorch's `Invalid <what>: <value>` unless `ok`. */
export function checkOption(ok: boolean, what: string, value: unknown): void {
  if (!ok) throw new OptimError(`Invalid ${what}: ${formatOption(value)}`);
}

/** Options PyTorch accepts for CUDA or for differentiating through a step; on the CPU only their off value works. */
export function checkUnsupported(name: string, value: unknown, why: string): void {
  if (value === true) throw new OptimError(`${name}=True is not supported: ${why}`, 'RuntimeError');
}
