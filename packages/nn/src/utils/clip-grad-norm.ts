import { Tensor, tensor, torchOps } from '@tsjit/tensor';
import { OptimError } from '../optim/optim-error.js';
import { pythonFloatRepr } from '../optim/python-float-repr.js';

export interface ClipGradNormOptions {
  /** The p of the p-norm; `Infinity` for the largest absolute value. Default 2. */
  normType?: number;
  /** Throw when the total norm is nan or ±inf instead of scaling the gradients by it. Default false. */
  errorIfNonfinite?: boolean;
}

/** `torch.norm(t, p)`: PyTorch's Python wrapper reduces over every dim with aten::norm. */
function pNorm(t: Tensor, p: number): Tensor {
  return torchOps.norm(
    t,
    p,
    Array.from({ length: t.dim() }, (_, i) => i),
  );
}

/**
 * PyTorch 1.13's `torch.nn.utils.clip_grad_norm_`: scales the gradients of `parameters` in place so that their
 * norm, taken over all of them as if concatenated, is at most `maxNorm` (the factor is
 * `maxNorm / (norm + 1e-6)`, clamped to 1). Parameters without a gradient are skipped. Returns the total norm
 * (a float32 scalar tensor; 0 when no parameter has a gradient).
 */
export function clipGradNorm(
  parameters: Tensor | Iterable<Tensor>,
  maxNorm: number,
  normTypeOrOptions: number | ClipGradNormOptions = 2,
  errorIfNonfinite = false,
): Tensor {
  const options =
    typeof normTypeOrOptions === 'number' ? { normType: normTypeOrOptions, errorIfNonfinite } : normTypeOrOptions;
  const normType = options.normType ?? 2;
  const params = parameters instanceof Tensor ? [parameters] : [...parameters];
  const grads = params.map((p) => p.grad).filter((g): g is Tensor => g !== null);
  if (grads.length === 0) return tensor(0, { dtype: 'float32' });
  let total: Tensor;
  if (normType === Number.POSITIVE_INFINITY) {
    const norms = grads.map((g) => g.detach().abs().max());
    total = norms.length === 1 ? norms[0] : torchOps.max(torchOps.stack(norms));
  } else {
    total = pNorm(torchOps.stack(grads.map((g) => pNorm(g.detach(), normType))), normType);
  }
  if (options.errorIfNonfinite === true && !(torchOps.isfinite(total).item() as boolean)) {
    throw new OptimError(
      `The total norm of order ${pythonFloatRepr(normType)} for gradients from \`parameters\` is non-finite, so it ` +
        'cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set ' +
        '`error_if_nonfinite=False`',
      'RuntimeError',
    );
  }
  // maxNorm / t is t.reciprocal() * maxNorm in PyTorch; the same order keeps the rounding.
  const clipCoef = total.add(1e-6).reciprocal().mul(maxNorm);
  const clamped = clipCoef.clamp(null, 1);
  for (const g of grads) g.detach().mul_(clamped);
  return total;
}
