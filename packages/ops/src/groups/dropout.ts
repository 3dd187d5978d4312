/**
 * Dropout as PyTorch 1.13 computes it on CPU (_dropout_impl): noise = bernoulli_(1 - p) drawn
 * from the generator (one draw per element, or per [N, C] feature map for feature dropout),
 * then input * noise / (1 - p) (alpha dropout: an affine map keeping mean and variance).
 *
 * Derivative rules: the noise is not an output, so dropout's rule recovers it from the result:
 * an element was kept where result != 0 (for alpha dropout: where result differs from the
 * dropped value alpha * a * (p - 1)). Where the input itself is exactly 0 (alpha dropout: exactly
 * -alpha) kept and dropped elements look alike, and the rule gives them a zero gradient where
 * PyTorch gives grad / (1 - p). `native_dropout` returns its mask and has the exact rule.
 */
import * as K from '@tsjit/kernels';
import { isFloatingDtype, scalarToNumber } from '../core/dtypes.js';
import { defaultGenerator } from '../core/generator.js';
import { numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { tensorOfValues } from './factory.js';
import { bernoulliScalarValues, formatFloat } from './random.js';

export const ALPHA = 1.7580993408473766;

export type DropoutKind = 'plain' | 'feature' | 'alpha' | 'feature_alpha';

export function checkP(p: number): void {
  if (!(p >= 0 && p <= 1))
    throw new OpError(`dropout probability has to be between 0 and 1, but got ${formatFloat(p)}`);
}

function scalarOf(ctx: OpContext, v: number, dtype: TensorLike['dtype']): TensorLike {
  const t = ctx.empty([], dtype);
  K.fill(t, v);
  return t;
}

/** The result of dropout of `kind` (the input itself when nothing is dropped). */
export function dropoutCompute(
  ctx: OpContext,
  input: TensorLike,
  p: number,
  train: boolean,
  kind: DropoutKind,
): TensorLike {
  checkP(p);
  if (p === 0 || !train || numel(input.sizes) === 0) return input;
  const feature = kind === 'feature' || kind === 'feature_alpha';
  const alpha = kind === 'alpha' || kind === 'feature_alpha';
  if (feature && input.sizes.length < 2) {
    throw new OpError('Feature dropout requires at least 2 dimensions in the input');
  }
  const out = ctx.empty(input.sizes, input.dtype);
  if (p === 1) {
    // input * 0 keeps NaN and infinities as PyTorch's multiply does.
    K.binary('mul', out, input, scalarOf(ctx, 0, input.dtype));
    return out;
  }
  const noiseSizes = feature ? input.sizes.map((n, i) => (i < 2 ? n : 1)) : input.sizes;
  const draws = bernoulliScalarValues(defaultGenerator, numel(noiseSizes), 1 - p);
  // PyTorch's noise is contiguous (empty_like with the legacy contiguous format): drawn row-major.
  const noise = tensorOfValues(ctx, noiseSizes, input.dtype, draws);
  const noiseView = ctx.view(
    noise,
    input.sizes,
    noise.strides.map((s, i) => (noiseSizes[i] === input.sizes[i] ? s : 0)),
    noise.offset,
  );
  if (!alpha) {
    K.binary('div', noise, noise, scalarOf(ctx, 1 - p, input.dtype));
    K.binary('mul', out, input, noiseView);
    return out;
  }
  if (!isFloatingDtype(input.dtype)) throw new OpError('alpha dropout needs a floating point input');
  const a = 1 / Math.sqrt((ALPHA * ALPHA * p + 1) * (1 - p));
  // b = (noise - 1) * alpha * a + alpha * a * p; noise *= a; out = input * noise + b.
  const b = ctx.empty(noiseSizes, input.dtype);
  K.binary('sub', b, noise, scalarOf(ctx, 1, input.dtype));
  K.binary('mul', b, b, scalarOf(ctx, ALPHA * a, input.dtype));
  K.binary('add', b, b, scalarOf(ctx, ALPHA * a * p, input.dtype));
  K.binary('mul', noise, noise, scalarOf(ctx, a, input.dtype));
  K.binary('mul', out, input, noiseView);
  K.binary('add', out, out, ctx.view(b, input.sizes, noiseView.strides, b.offset));
  return out;
}

/** The in-place form: the result copied into self. */
export function dropoutInPlace(
  ctx: OpContext,
  self: TensorLike,
  p: number,
  train: boolean,
  kind: DropoutKind,
): TensorLike {
  const r = dropoutCompute(ctx, self, p, train, kind);
  if (r !== self) {
    K.copy(self, r);
    ctx.bumpVersion(self);
  }
  return self;
}

/**
 * What alpha dropout writes for a dropped element, rounded as the impl computes it:
 * (0 - 1) * (alpha * a) + alpha * a * p in the tensor's dtype.
 */
export function droppedValue(dtype: string | undefined, p: number): number {
  const a = 1 / Math.sqrt((ALPHA * ALPHA * p + 1) * (1 - p));
  const r = dtype === 'float32' ? Math.fround : (x: number) => x;
  return r(-r(ALPHA * a) + r(ALPHA * a * p));
}

/** The derivative rule of dropout-like ops (see the module comment). */
export function dropoutDerivative(kind: DropoutKind) {
  return (F: any, { grad, result, p: pArg, train }: any) => {
    const p = scalarToNumber(pArg);
    if (!train || p === 0) return { input: grad, self: grad };
    if (p === 1) return { input: F.mul(grad, 0), self: F.mul(grad, 0) };
    let g: any;
    if (kind === 'alpha' || kind === 'feature_alpha') {
      const a = 1 / Math.sqrt((ALPHA * ALPHA * p + 1) * (1 - p));
      g = F.mul(F.mul(grad, F.ne(result, droppedValue(result?.dtype, p))), a);
    } else {
      g = F.div(F.mul(grad, F.ne(result, 0)), 1 - p);
    }
    return { input: g, self: g };
  };
}
