import { enableGrad, noGrad } from '@tsjit/autodiff';

/**
 * Where optimizers switch gradient recording, as PyTorch does: an update runs under
 * `torch.no_grad()` (the in-place updates of parameters and state must not be recorded), a step's
 * closure under `torch.enable_grad()`.
 */
export function withoutGrad<T>(fn: () => T): T {
  return noGrad(fn);
}

export function withGrad<T>(fn: () => T): T {
  return enableGrad(fn);
}
