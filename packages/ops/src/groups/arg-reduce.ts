/** argmax / argmin: int64 indices along a dim, or into the flattened tensor when dim is None. */
import type * as K from '@tsjit/kernels';
import type { ImplFn, MetaFn } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import type { OpArgs, TensorLike } from '../core/tensor-like.js';
import { checkNonEmpty, oneDim, reducedSizes } from './reduce.js';
import { reduceSamples } from './reduce-samples.js';

type ArgKernel = (out: K.Strided, x: K.Strided, dim?: number | null, keepdim?: boolean) => void;

function argSizes(name: string, args: OpArgs, check: boolean): number[] {
  const self = args.self as TensorLike;
  const nd = self.sizes.length;
  const keepdim = args.keepdim === true;
  if (args.dim === null || args.dim === undefined) {
    if (check) checkNonEmpty(name, self, [], true, false);
    return keepdim ? self.sizes.map(() => 1) : [];
  }
  const d = oneDim(args.dim, nd);
  if (nd === 0) return [];
  if (check) checkNonEmpty(name, self, [d], false);
  return reducedSizes(self.sizes, [d], keepdim);
}

export function argReduce(name: 'argmax' | 'argmin', kernel: ArgKernel): ImplFn {
  return (args, ctx) => {
    const self = args.self as TensorLike;
    if (self.dtype === 'bool') throw new OpError(`"${name}_cpu" not implemented for 'Bool'`);
    const out = ctx.empty(argSizes(name, args, true), 'int64');
    kernel(out, self, args.dim ?? null, args.keepdim === true);
    return out;
  };
}

export const argReduceMeta: MetaFn = (args) => ({ sizes: argSizes('', args, false), dtype: 'int64' });

export function argReduceSamples(S: SampleBuilder, name: 'argmax' | 'argmin'): Sample[] {
  const nan = Number.NaN;
  return [
    ...reduceSamples(S, {
      all: name,
      dim: name,
      intDim: true,
      emptyReduces: false,
      dtypes: ['float64', 'int64', 'int32', 'uint8', 'float16'],
    }),
    S.call(name, [S.randn([2, 3]), null, true]),
    S.call(name, [S.randn([2, 3], 'transposed'), null]),
    S.call(name, [S.of([1, nan, 3, nan])]),
    S.call(name, [S.of([1, 3, 3, 2, 2, 0, 4, 4], [2, 4]), 1]),
    S.call(name, [S.of([2, 2, 2, 2])]),
    S.error(name, [S.bools([3])], `"${name}_cpu" not implemented for 'Bool'`),
    S.error(name, [S.randn([0, 3])], `${name}(): Expected reduction dim to be specified for input.numel() == 0.`),
    S.error(name, [S.randn([0, 3]), 0], `${name}(): Expected reduction dim 0 to have non-zero size.`),
    S.call(`${name}.out`, [S.randn([3, 4]), 1], { out: S.ints([3]) }),
    S.call(`${name}.out`, [S.randn([3, 4])], { out: S.ints([2]) }),
    S.error(`${name}.out`, [S.randn([3, 4]), 1], 'Expected out tensor to have dtype long int, but got float instead', {
      out: S.randn([3]),
    }),
  ];
}
