/**
 * var, std, var_mean, std_mean: one implementation for the three overload shapes PyTorch has
 * (`unbiased` over everything, dim + `unbiased`, dim + `correction`), their derivative rules and samples.
 */
import * as K from '@tsjit/kernels';
import type { DerivativeRule, ImplFn, MetaFn } from '../core/define-op.js';
import { isFloatingDtype } from '../core/dtypes.js';
import { OpError } from '../core/op-error.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import type { Functions, OpArgs, OpContext, TensorLike } from '../core/tensor-like.js';
import {
  type DimArg,
  reduceDims,
  reducedCount,
  reducedSizes,
  reduceWith,
  restoreReduced,
  type Value,
} from './reduce.js';
import { reduceSamples } from './reduce-samples.js';

/** The correction of any overload: `correction` (None → 1) or `unbiased` (true → 1). */
export function correctionOf(args: OpArgs): number {
  if ('correction' in args) return args.correction == null ? 1 : Number(args.correction);
  return args.unbiased === false ? 0 : 1;
}

function dimsOf(args: OpArgs, self: TensorLike): number[] {
  return reduceDims('dim' in args ? args.dim : null, self.sizes.length);
}

function checkFloating(self: TensorLike, withMean: boolean, kind: 'var' | 'std'): void {
  if (!isFloatingDtype(self.dtype)) {
    const who = withMean ? `${kind}_mean` : 'std and var';
    throw new OpError(`${who} only support floating point and complex dtypes`);
  }
}

function moment(ctx: OpContext, kind: 'var' | 'std', args: OpArgs, withMean: boolean): TensorLike {
  const self = args.self as TensorLike;
  checkFloating(self, withMean, kind);
  const dims = dimsOf(args, self);
  const keepdim = args.keepdim === true;
  const out = ctx.empty(reducedSizes(self.sizes, dims, keepdim), self.dtype);
  const kernel = kind === 'var' ? K.variance : K.std;
  kernel(out, self, self.sizes.length === 0 ? null : dims, correctionOf(args), keepdim);
  return out;
}

export function momentImpl(kind: 'var' | 'std', withMean: boolean): ImplFn {
  return (args, ctx) => {
    const m = moment(ctx, kind, args, withMean);
    if (!withMean) return m;
    const self = args.self as TensorLike;
    return [m, reduceWith(ctx, K.mean, self, dimsOf(args, self), args.keepdim === true, self.dtype)];
  };
}

export function momentMeta(kind: 'var' | 'std', withMean: boolean): MetaFn {
  return (args) => {
    const self = args.self as TensorLike;
    checkFloating(self, withMean, kind);
    const one = { sizes: reducedSizes(self.sizes, dimsOf(args, self), args.keepdim === true), dtype: self.dtype };
    return withMean ? [one, one] : one;
  };
}

/** d var / d x = 2 (x - mean) / (N - correction), the gradient restored over the reduced dims. */
function varBackward(F: Functions, g: Value, self: Value, dim: DimArg, correction: number, keepdim: boolean): Value {
  const sizes = F.sizes(self);
  const dims = reduceDims(dim, sizes.length);
  const gr = restoreReduced(F, g, sizes, dim, keepdim);
  const scale = 2 / (reducedCount(sizes, dim) - correction);
  return F.mul(F.mul(gr, scale), F.sub(self, F.mean(self, dims, true)));
}

/** std = sqrt(var): the var gradient scaled by 1 / (2 std), zero where std is zero. */
function stdBackward(
  F: Functions,
  g: Value,
  self: Value,
  result: Value,
  dim: DimArg,
  correction: number,
  keepdim: boolean,
) {
  const gv = F.maskedFill(F.div(g, F.mul(result, 2)), F.eq(result, 0), 0);
  return varBackward(F, gv, self, dim, correction, keepdim);
}

function meanBackward(F: Functions, g: Value, self: Value, dim: DimArg, keepdim: boolean): Value {
  const sizes = F.sizes(self);
  const spread = F.expand(restoreReduced(F, g, sizes, dim, keepdim), [...sizes]);
  return F.div(spread, reducedCount(sizes, dim));
}

export function momentDerivative(kind: 'var' | 'std', withMean: boolean): DerivativeRule {
  return (F, args) => {
    const { grads, self, result } = args;
    const dim = 'dim' in args ? args.dim : null;
    const keepdim = args.keepdim === true;
    const c = correctionOf(args);
    const g0 = withMean ? grads[0] : args.grad;
    const first = withMean ? result[0] : result;
    let total: Value = null;
    if (g0 !== null && g0 !== undefined) {
      total =
        kind === 'var' ? varBackward(F, g0, self, dim, c, keepdim) : stdBackward(F, g0, self, first, dim, c, keepdim);
    }
    if (withMean && grads[1] !== null && grads[1] !== undefined) {
      const gm = meanBackward(F, grads[1], self, dim, keepdim);
      total = total === null ? gm : F.add(total, gm);
    }
    return { self: total };
  };
}

export function momentSamples(S: SampleBuilder, name: 'var' | 'std' | 'var_mean' | 'std_mean'): Sample[] {
  const message = name.endsWith('_mean') ? `${name} only support` : 'std and var only support';
  const samples: Sample[] = [
    ...reduceSamples(S, { all: name, dim: `${name}.dim`, dtypes: ['float64', 'float16', 'bfloat16'] }),
    S.call(name, [S.randn([3, 4]), false]),
    S.call(name, [S.randn([1])]),
    S.call(`${name}.dim`, [S.randn([3, 4]), [1], false, true]),
    S.call(`${name}.dim`, [S.randn([3, 4], 'transposed'), null, true]),
    S.call(`${name}.correction`, [S.randn([3, 4]), [1]], { correction: 2 }),
    S.call(`${name}.correction`, [S.randn([3, 4]), [0]], { correction: 0, keepdim: true }),
    S.call(`${name}.correction`, [S.randn([3, 4]), null], { correction: null }),
    S.call(`${name}.correction`, [S.randn([2, 3], 'strided'), [1]], { correction: 3 }),
    S.call(`${name}.correction`, [S.randn([2, 3]), [0, 1]], { correction: -1 }),
    S.call(`${name}.correction`, [S.randn([]), null], { correction: null }),
    S.call(`${name}.correction`, [S.randn([0, 3]), [0]], { correction: 1 }),
    S.error(name, [S.ints([2, 3])], `${message} floating point and complex dtypes`),
    S.error(`${name}.correction`, [S.bools([2, 3]), [0]], `${message} floating point and complex dtypes`, {
      correction: 1,
    }),
  ];
  if (name === 'var' || name === 'std') {
    samples.push(
      S.call(`${name}.out`, [S.randn([3, 4]), [1]], { out: S.randn([3]) }),
      S.call(`${name}.out`, [S.randn([3, 4]), [1]], { out: S.t([3], { dtype: 'float64' }) }),
      S.call(`${name}.correction_out`, [S.randn([3, 4]), [1]], { correction: 1, out: S.t([3], { dtype: 'float16' }) }),
      S.call(`${name}.correction_out`, [S.randn([3, 4]), [0]], { correction: 0, out: S.randn([0]) }),
    );
  } else {
    samples.push(
      S.call(`${name}.correction_out`, [S.randn([3, 4]), [1]], {
        correction: 1,
        out0: S.randn([3]),
        out1: S.randn([3]),
      }),
    );
  }
  return samples;
}
