/**
 * The slot through which Tensor's autograd methods (`backward`, `retainGrad`, `registerHook`,
 * `requiresGrad_`, `isLeaf`) reach the engine. The engine lives in @tsjit/autodiff (layer 3, above
 * this package): it fills the slot when a higher package calls its `installAutograd()`; nothing is
 * registered as a side effect of importing anything. Without an engine the methods throw.
 */
import type { Tensor } from './tensor.js';

export interface BackwardOptions {
  readonly retainGraph?: boolean;
  readonly createGraph?: boolean;
  readonly inputs?: Tensor | readonly Tensor[];
}

/** What `registerHook` returns (PyTorch's RemovableHandle). */
export interface RemovableHandle {
  remove(): void;
}

/** A tensor hook: gets the gradient, returns a replacement or nothing. */
// biome-ignore lint/suspicious/noConfusingVoidType: a hook may return nothing, as in Python.
export type TensorHook = (grad: Tensor) => Tensor | undefined | void;

export interface AutogradEngine {
  backward(t: Tensor, gradient: Tensor | null | undefined, options: BackwardOptions): void;
  retainGrad(t: Tensor): void;
  retainsGrad(t: Tensor): boolean;
  registerHook(t: Tensor, hook: TensorHook): RemovableHandle;
  setRequiresGrad(t: Tensor, requiresGrad: boolean): void;
  isGradEnabled(): boolean;
  setGradEnabled(enabled: boolean): void;
}

let engine: AutogradEngine | null = null;

/** Registers (or, with null, removes) the autograd engine; returns the one it replaces. */
export function setAutogradEngine(e: AutogradEngine | null): AutogradEngine | null {
  const previous = engine;
  engine = e;
  return previous;
}

/** The registered engine, or null. */
export function getAutogradEngine(): AutogradEngine | null {
  return engine;
}

export function autogradEngine(): AutogradEngine {
  if (engine === null) {
    throw new Error('autograd is not installed: call installAutograd() from @tsjit/autodiff first');
  }
  return engine;
}
