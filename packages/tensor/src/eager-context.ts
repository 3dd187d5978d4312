import type { DType } from '@tsjit/ops';
import { addFunctionHelpers, type Functions, type OpContext, type TensorLike } from '@tsjit/ops';
import { getAutogradEngine } from './autograd-slot.js';
import { opGroups } from './call-op.js';
import { Tensor } from './tensor.js';

let F: Functions | undefined;

/** `F` in eager mode: every op through the dispatcher (so modes see decompositions' calls). */
function eagerFunctions(): Functions {
  if (F === undefined) {
    const fns: Functions = {};
    for (const [name, group] of opGroups()) fns[name] = (...args: unknown[]) => group.call(args);
    F = addFunctionHelpers(fns, (v) => v instanceof Tensor);
  }
  return F;
}

/** The OpContext of eager mode: ops allocate `Tensor`s and call each other through the dispatcher. */
export const eagerContext: OpContext = {
  empty(sizes: readonly number[], dtype: DType): TensorLike {
    return Tensor.empty(sizes, dtype);
  },
  uninitialized(sizes: readonly number[], dtype: DType): TensorLike {
    return Tensor.empty(sizes, dtype, false, true);
  },
  view(base: TensorLike, sizes: readonly number[], strides: readonly number[], offset: number): TensorLike {
    return (base as Tensor).makeView(sizes, strides, offset);
  },
  isTensor(v: unknown): v is TensorLike {
    return v instanceof Tensor;
  },
  bumpVersion(t: TensorLike): void {
    (t as Tensor).storage.version++;
  },
  resize(t: TensorLike, sizes: readonly number[]): void {
    (t as Tensor).resizeStorage(sizes);
  },
  get F(): Functions {
    return eagerFunctions();
  },
  // TorchScript's torch.is_grad_enabled() / set_grad_enabled / t.requires_grad / t.grad: the
  // registered autograd engine's state (without one, grad mode reads as enabled, as in PyTorch).
  isGradEnabled(): boolean {
    return getAutogradEngine()?.isGradEnabled() ?? true;
  },
  setGradEnabled(enabled: boolean): void {
    getAutogradEngine()?.setGradEnabled(enabled);
  },
  requiresGrad(t: TensorLike): boolean {
    return (t as Tensor).requiresGrad;
  },
  grad(t: TensorLike): TensorLike | null {
    return (t as Tensor).grad;
  },
};
