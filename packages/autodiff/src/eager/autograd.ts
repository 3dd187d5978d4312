/**
 * The user-facing entry points of the eager engine: `backward` (Tensor.backward delegates here)
 * and `grad` (torch.autograd.grad), plus the engine that fills @tsjit/tensor's autograd slot.
 */
import { type AutogradEngine, type BackwardOptions, eagerContext, Tensor, type TensorHook } from '@tsjit/tensor';
import { gradientEdge } from './autograd-mode.js';
import { runBackward } from './engine.js';
import { gradState } from './grad-mode.js';
import {
  accumulatorOf,
  addTensorHook,
  type Edge,
  type HookEntry,
  isFloating,
  type Node,
  outputNrOf,
  retainHooks,
  userGradients,
} from './node.js';

export interface GradOptions {
  readonly retainGraph?: boolean;
  readonly createGraph?: boolean;
  /** Return null for an input the outputs do not depend on, instead of failing. */
  readonly allowUnused?: boolean;
}

function asList(v: Tensor | readonly Tensor[]): readonly Tensor[] {
  return v instanceof Tensor ? [v] : v;
}

function sizeText(sizes: readonly number[]): string {
  return `torch.Size([${sizes.join(', ')}])`;
}

/** The roots' edges and gradients (ones for a scalar root without one), with PyTorch's checks. */
function prepareRoots(
  outputs: readonly Tensor[],
  gradOutputs: readonly (Tensor | null | undefined)[] | undefined,
): { edges: Edge[]; grads: Tensor[] } {
  if (gradOutputs !== undefined && gradOutputs.length !== outputs.length) {
    throw new Error(`grad requires one gradient per output: got ${gradOutputs.length} for ${outputs.length} outputs`);
  }
  const edges: Edge[] = [];
  const grads: Tensor[] = [];
  outputs.forEach((t, i) => {
    if (!t.requiresGrad) throw new Error(`element ${i} of tensors does not require grad and does not have a grad_fn`);
    let g = gradOutputs?.[i] ?? null;
    if (g === null) {
      if (t.numel() !== 1) throw new Error('grad can be implicitly created only for scalar outputs');
      g = eagerContext.F.onesLike(t) as Tensor;
    } else {
      if (!sameSizes(g.sizes, t.sizes)) {
        throw new Error(
          `Mismatch in shape: grad_output[${i}] has a shape of ${sizeText(g.sizes)} and output[${i}] has a shape of ${sizeText(t.sizes)}.`,
        );
      }
      userGradients.add(g);
    }
    edges.push(gradientEdge(t) as Edge);
    grads.push(g);
  });
  return { edges, grads };
}

function sameSizes(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function inputEdges(inputs: readonly Tensor[]): Edge[] {
  return inputs.map((t) => {
    if (!t.requiresGrad) throw new Error('One of the differentiated Tensors does not require grad');
    return gradientEdge(t) as Edge;
  });
}

/**
 * torch.autograd.backward: accumulates the gradients of `tensors` into the leaves' `.grad` (or
 * only into `inputs`' when given).
 */
export function backward(
  tensors: Tensor | readonly Tensor[],
  gradTensors?: Tensor | readonly (Tensor | null | undefined)[] | null,
  options: BackwardOptions = {},
): void {
  const outputs = asList(tensors);
  const gradList = gradTensors === null || gradTensors === undefined ? undefined : asList(gradTensors as Tensor);
  const { edges, grads } = prepareRoots(outputs, gradList);
  const createGraph = options.createGraph ?? false;
  const inputs = options.inputs === undefined ? undefined : asList(options.inputs);
  if (inputs !== undefined && inputs.length === 0) throw new Error("'inputs' argument to backward() cannot be empty.");
  runBackward(edges, grads, {
    keepGraph: options.retainGraph ?? createGraph,
    createGraph,
    accumulate: true,
    ...(inputs !== undefined ? { targets: inputEdges(inputs), targetTensors: inputs } : {}),
  });
}

/** torch.autograd.grad: the gradients of `outputs` with respect to `inputs`, without touching `.grad`. */
export function grad(
  outputs: Tensor | readonly Tensor[],
  inputs: Tensor | readonly Tensor[],
  gradOutputs?: Tensor | readonly (Tensor | null | undefined)[] | null,
  options: GradOptions = {},
): (Tensor | null)[] {
  const outs = asList(outputs);
  const ins = asList(inputs);
  const gradList = gradOutputs === null || gradOutputs === undefined ? undefined : asList(gradOutputs as Tensor);
  const { edges, grads } = prepareRoots(outs, gradList);
  const createGraph = options.createGraph ?? false;
  const captured = runBackward(edges, grads, {
    keepGraph: options.retainGraph ?? createGraph,
    createGraph,
    accumulate: false,
    targets: inputEdges(ins),
  });
  return captured.map((g) => {
    if (g === null && !options.allowUnused) {
      throw new Error(
        'One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.',
      );
    }
    return g;
  });
}

function addHook(t: Tensor, entry: HookEntry): () => void {
  const node: Node = (t.gradFn as Node | null) ?? accumulatorOf(t);
  return addTensorHook(node, t.gradFn === null ? 0 : outputNrOf(t), entry);
}

/** What Tensor's autograd methods call (registered in @tsjit/tensor by installAutograd). */
export const eagerEngine: AutogradEngine = {
  backward(t, gradient, options) {
    backward(t, gradient ?? undefined, options);
  },
  retainGrad(t) {
    if (!t.requiresGrad) throw new Error("can't retain_grad on Tensor that has requires_grad=False");
    if (t.gradFn === null || retainHooks.has(t)) return;
    const entry: HookEntry = {
      fn: (g) => {
        const F = eagerContext.F;
        t.grad = t.grad === null ? (F.clone(g) as Tensor) : (F.add(t.grad, g) as Tensor);
      },
    };
    retainHooks.set(t, { remove: addHook(t, entry), entry });
  },
  retainsGrad(t) {
    return retainHooks.has(t);
  },
  registerHook(t, hook: TensorHook) {
    if (!t.requiresGrad) throw new Error("cannot register a hook on a tensor that doesn't require gradient");
    return { remove: addHook(t, { fn: hook }) };
  },
  setRequiresGrad(t, requiresGrad) {
    if (!requiresGrad && t.gradFn !== null) {
      throw new Error(
        "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
      );
    }
    if (requiresGrad && !isFloating(t.dtype)) {
      throw new Error('only Tensors of floating point dtype can require gradients');
    }
    t.requiresGrad = requiresGrad;
  },
  isGradEnabled() {
    return gradState.enabled;
  },
  setGradEnabled(enabled) {
    gradState.enabled = enabled;
  },
};
