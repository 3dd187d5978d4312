import { script } from '../script.js';
import { ScriptFunction } from '../script-function.js';
import { recordingTrace } from './active-tracer.js';

/** Whether code runs under `jit.trace` now (PyTorch's `torch.jit.is_tracing()`). */
export function isTracing(): boolean {
  return recordingTrace() !== undefined;
}

export interface ScriptIfTracingOptions {
  /** The function of `source` to call (default: the last one it defines). */
  readonly name?: string;
}

/**
 * PyTorch's `torch.jit.script_if_tracing`: `fn` runs as it is, except under `jit.trace`, where
 * its TorchScript twin `source` (compiled on first use) runs instead and is recorded as a call,
 * so that its control flow stays in the trace rather than the branch the example inputs took.
 *
 *     const gate = jit.scriptIfTracing(
 *       (x: Tensor) => (Number(x.sum()) > 0 ? x : x.neg()),
 *       'def gate(x: Tensor) -> Tensor:\n    if bool(x.sum() > 0):\n        return x\n    return -x\n',
 *     );
 */
export function scriptIfTracing<F extends (...args: any[]) => any>(
  fn: F,
  source: string,
  options: ScriptIfTracingOptions = {},
): F {
  let scripted: ScriptFunction | undefined;
  const wrapper = (...args: unknown[]): unknown => {
    if (recordingTrace() === undefined) return fn(...args);
    if (scripted === undefined) {
      const compiled = script(source, { name: options.name });
      if (!(compiled instanceof ScriptFunction))
        throw new TypeError('scriptIfTracing: the source defines a class, not a function');
      scripted = compiled;
    }
    return scripted.call(...args);
  };
  Object.defineProperty(wrapper, 'name', { value: fn.name });
  return wrapper as F;
}
