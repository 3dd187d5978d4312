/**
 * Backward engines for the `backward` sections of a conformance corpus (README: "backward"). An
 * engine gets a fresh instance of the case's target and the first call's inputs, and returns the
 * gradients of the inputs and parameters for an upstream gradient of ones over every floating
 * output that requires grad. Engines are looked up by name (`--engine`): 'tape' is the eager
 * engine of @tsjit/autodiff, run under the interpreter; others register themselves here.
 */
import { autograd, installAutograd, isAutogradInstalled, uninstallAutograd } from '@tsjit/autodiff';
import type { ScriptFunction, ScriptModule } from '@tsjit/jit';
import { eagerContext, Tensor } from '@tsjit/tensor';

export interface BackwardTask {
  readonly kind: 'archive' | 'source';
  readonly method: string;
  /** A freshly loaded module (archive cases). */
  readonly module?: ScriptModule;
  /** The compiled function (source cases). */
  readonly function?: ScriptFunction;
  /** Calls the method of the fresh target. */
  readonly call: (args: unknown[]) => unknown;
  /** The first call's inputs, decoded afresh. */
  readonly inputs: unknown[];
  readonly inputsRequiringGrad: readonly number[];
  /** The target's parameters by dotted name (none for source cases). */
  readonly parameters: readonly [string, Tensor][];
}

export interface BackwardGrads {
  /** Aligned with inputsRequiringGrad; null where no gradient arrived. */
  readonly inputGrads: readonly (Tensor | null)[];
  /** The parameters that received a gradient. */
  readonly paramGrads: ReadonlyMap<string, Tensor>;
}

export type BackwardEngine = (task: BackwardTask) => BackwardGrads;

/** The floating tensors among a call's results (tuples, lists, dicts walked). */
export function floatingOutputs(value: unknown, out: Tensor[] = []): Tensor[] {
  if (value instanceof Tensor) {
    if (value.isFloatingPoint()) out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) floatingOutputs(v, out);
  } else if (value instanceof Map) {
    for (const v of value.values()) floatingOutputs(v, out);
  }
  return out;
}

/** The eager tape: the interpreter's op calls are recorded by the autograd dispatch mode. */
export const tapeEngine: BackwardEngine = (task) => {
  const installedHere = !isAutogradInstalled();
  installAutograd();
  try {
    for (const [, p] of task.parameters) {
      if (p.isFloatingPoint()) p.requiresGrad = true;
      p.grad = null;
    }
    const leaves = task.inputsRequiringGrad.map((i) => {
      const t = task.inputs[i];
      if (!(t instanceof Tensor)) throw new Error(`input ${i} requires grad but is not a tensor`);
      t.requiresGrad_();
      return t;
    });
    const roots = floatingOutputs(task.call(task.inputs)).filter((t) => t.requiresGrad);
    if (roots.length > 0) {
      autograd.backward(
        roots,
        roots.map((t) => eagerContext.F.onesLike(t) as Tensor),
      );
    }
    const paramGrads = new Map<string, Tensor>();
    for (const [name, p] of task.parameters) if (p.grad !== null) paramGrads.set(name, p.grad);
    return { inputGrads: leaves.map((t) => t.grad), paramGrads };
  } finally {
    if (installedHere) uninstallAutograd();
  }
};

/** Engines by name; the symbolic engine adds itself as 'symbolic'. */
export const backwardEngines = new Map<string, BackwardEngine>([['tape', tapeEngine]]);

export const DEFAULT_BACKWARD_ENGINE = 'tape';
