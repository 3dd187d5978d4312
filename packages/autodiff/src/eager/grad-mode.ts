/**
 * Grad mode (PyTorch's GradMode, thread-local there; one JS thread here) and inference mode. Grad
 * mode decides whether the autograd dispatch mode records ops; inference mode disables it too.
 */

export const gradState = { enabled: true, inference: false, anyInferenceTensor: false };

/** Tensors created in inference mode (PyTorch's inference tensors). */
export const inferenceTensors = new WeakSet<object>();

/** Whether `t` was created in inference mode (torch.Tensor.is_inference). */
export function isInference(t: object): boolean {
  return gradState.anyInferenceTensor && inferenceTensors.has(t);
}

export function isGradEnabled(): boolean {
  return gradState.enabled;
}

/** torch.set_grad_enabled(b) as a statement. */
export function setGradEnabled(enabled: boolean): void {
  gradState.enabled = enabled;
}

function withGrad<T>(enabled: boolean, fn: () => T): T {
  const saved = gradState.enabled;
  gradState.enabled = enabled;
  try {
    return fn();
  } finally {
    gradState.enabled = saved;
  }
}

/** Runs fn with gradient recording off (torch.no_grad()). */
export function noGrad<T>(fn: () => T): T {
  return withGrad(false, fn);
}

/** Runs fn with gradient recording on (torch.enable_grad()). */
export function enableGrad<T>(fn: () => T): T {
  return withGrad(true, fn);
}

/** Runs fn in inference mode (torch.inference_mode()): nothing is recorded. */
export function inferenceMode<T>(fn: () => T, mode = true): T {
  const saved = { enabled: gradState.enabled, inference: gradState.inference };
  if (mode) {
    gradState.enabled = false;
    gradState.inference = true;
  }
  try {
    return fn();
  } finally {
    gradState.enabled = saved.enabled;
    gradState.inference = saved.inference;
  }
}

export function isInferenceModeEnabled(): boolean {
  return gradState.inference;
}
