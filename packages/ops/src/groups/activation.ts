/**
 * Pointwise activations on the unary kernel, and the elementwise backward ops (grad * f'(x)), with
 * PyTorch's dtype rules: these activations take floating inputs only ("silu_cpu" not implemented
 * for 'Long').
 */
import type * as K from '@tsjit/kernels';
import type { ImplFn, MetaFn } from '../core/define-op.js';
import { cppDtypeName, type DType, isFloatingDtype, promoteTypes } from '../core/dtypes.js';
import { broadcastShapes } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import type { OpArgs, TensorLike } from '../core/tensor-like.js';
import { Calc } from './nn-math.js';

export function requireFloating(dtype: DType, kernelName: string): DType {
  if (!isFloatingDtype(dtype)) throw new OpError(`"${kernelName}" not implemented for '${cppDtypeName(dtype)}'`);
  return dtype;
}

/** A floating-only activation computed by one unary kernel call. */
export function floatActivation(
  kernel: K.UnaryOp,
  kernelName: string,
  options?: (args: OpArgs) => K.UnaryOptions,
  check?: (args: OpArgs) => void,
): { impl: ImplFn; meta: MetaFn } {
  return {
    impl: (args, ctx) => {
      const dtype = requireFloating(args.self.dtype, kernelName);
      check?.(args);
      return new Calc(ctx, dtype).un(kernel, args.self, options?.(args));
    },
    meta: (args) => ({ sizes: args.self.sizes, dtype: requireFloating(args.self.dtype, kernelName) }),
  };
}

/**
 * An elementwise backward op: grad_output and self broadcast; the result has their promoted
 * floating dtype. `body` computes the gradient with the Calc of that dtype.
 */
export function backwardImpl(
  kernelName: string,
  body: (c: Calc, g: TensorLike, x: TensorLike, args: OpArgs) => TensorLike,
  gradName = 'grad_output',
  selfName = 'self',
): { impl: ImplFn; meta: MetaFn } {
  const dtypeOf = (args: OpArgs) =>
    requireFloating(promoteTypes(args[gradName].dtype, args[selfName].dtype), kernelName);
  return {
    impl: (args, ctx) => {
      const c = new Calc(ctx, dtypeOf(args));
      const g = c.t(args[gradName]);
      const x = c.t(args[selfName]);
      const out = body(c, g, x, args);
      const sizes = broadcastShapes(g.sizes, x.sizes);
      if (out.sizes.length === sizes.length && out.sizes.every((n, i) => n === sizes[i])) return out;
      // A body that does not depend on g everywhere (constants) still has the broadcast shape.
      return c.add(c.full(sizes, 0), out);
    },
    meta: (args) => ({ sizes: broadcastShapes(args[gradName].sizes, args[selfName].sizes), dtype: dtypeOf(args) }),
  };
}

/** Contiguous, transposed, strided, offset, 0-d, empty, float64, and the integer-input error. */
export function activationSamples(
  S: SampleBuilder,
  overload: string,
  kernelName: string | null,
  kwargs?: Record<string, any>,
  range: { low?: number; high?: number } = {},
): Sample[] {
  const t = (
    sizes: number[],
    layout: 'contiguous' | 'transposed' | 'strided' | 'offset' = 'contiguous',
    dtype: DType = 'float32',
  ) => S.t(sizes, { dtype, layout, ...range });
  const out: Sample[] = [
    S.call(overload, [t([2, 5])], kwargs),
    S.call(overload, [t([3, 4], 'transposed')], kwargs),
    S.call(overload, [t([2, 3], 'strided')], kwargs),
    S.call(overload, [t([5], 'offset')], kwargs),
    S.call(overload, [t([])], kwargs),
    S.call(overload, [t([0, 2])], kwargs),
    S.call(overload, [t([40], 'contiguous', 'float64')], kwargs),
    S.call(overload, [S.t([4], { values: [-3, 0, 3, 0.5] })], kwargs),
  ];
  if (kernelName) out.push(S.error(overload, [S.ints([3])], `"${kernelName}" not implemented for 'Long'`, kwargs));
  return out;
}

/** Samples of an elementwise backward op (grad_output, self, ...rest). */
export function backwardSamples(
  S: SampleBuilder,
  overload: string,
  rest: readonly any[] = [],
  kwargs?: Record<string, any>,
  range: { low?: number; high?: number } = {},
): Sample[] {
  const x = (
    sizes: number[],
    layout: 'contiguous' | 'transposed' | 'strided' | 'offset' = 'contiguous',
    dtype: DType = 'float32',
  ) => S.t(sizes, { dtype, layout, ...range });
  return [
    S.call(overload, [S.randn([2, 5]), x([2, 5]), ...rest], kwargs),
    S.call(overload, [S.randn([3, 4], 'transposed'), x([3, 4], 'strided'), ...rest], kwargs),
    S.call(overload, [S.randn([]), x([]), ...rest], kwargs),
    S.call(overload, [S.randn([0, 3]), x([0, 3]), ...rest], kwargs),
    S.call(overload, [S.t([2, 3], { dtype: 'float64' }), x([2, 3], 'offset', 'float64'), ...rest], kwargs),
  ];
}
