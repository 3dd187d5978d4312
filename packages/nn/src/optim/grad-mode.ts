/**
 * Where optimizers switch gradient recording. PyTorch runs an update under `torch.no_grad()` (the in-place
 * updates of parameters and state must not be recorded) and a step's closure under `torch.enable_grad()`.
 *
 * Until @tsjit/autodiff exports its grad-mode functions these run `fn` as is, which is right while no autograd
 * dispatch mode exists; the change is one line each: `return noGrad(fn)` / `return enableGrad(fn)`.
 */
export function withoutGrad<T>(fn: () => T): T {
  return fn();
}

export function withGrad<T>(fn: () => T): T {
  return fn();
}
