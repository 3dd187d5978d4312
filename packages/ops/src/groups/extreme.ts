/**
 * max / min: the all-element reduction, the (values, indices) reduction along one dim, and the
 * binary overload `max.other` (torch.maximum), with their derivative rules and samples.
 */
import * as K from '@tsjit/kernels';
import type { DerivativeRule, ImplFn, MetaFn } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { binaryCompute } from './binary.js';
import { checkNonEmpty, evenlyDistribute, oneDim, reduceDims, reducedSizes, selectedBackward } from './reduce.js';
import { reduceSamples } from './reduce-samples.js';

export function extremeOther(kernel: 'maximum' | 'minimum'): ImplFn {
  return (args, ctx) => binaryCompute(ctx, kernel, args.self, args.other);
}

export function extremeAll(name: 'max' | 'min'): ImplFn {
  const kernel = name === 'max' ? K.amax : K.amin;
  return (args, ctx) => {
    const self = args.self;
    const dims = reduceDims(null, self.sizes.length);
    checkNonEmpty(name, self, dims, true);
    const out = ctx.empty([], self.dtype);
    kernel(out, self, null, false);
    return out;
  };
}

export function extremeDim(name: 'max' | 'min'): ImplFn {
  const kernel = name === 'max' ? K.max : K.min;
  return (args, ctx) => {
    const self = args.self;
    const nd = self.sizes.length;
    const d = oneDim(args.dim, nd);
    const keepdim = args.keepdim === true;
    if (nd > 0) checkNonEmpty(name, self, [d], false);
    const sizes = nd === 0 ? [] : reducedSizes(self.sizes, [d], keepdim);
    const values = ctx.empty(sizes, self.dtype);
    const indices = ctx.empty(sizes, 'int64');
    kernel(values, indices, self, d, keepdim);
    return [values, indices];
  };
}

export const extremeAllMeta: MetaFn = (args) => ({ sizes: [], dtype: args.self.dtype });

export const extremeDimMeta: MetaFn = (args) => {
  const self = args.self;
  const nd = self.sizes.length;
  const sizes = nd === 0 ? [] : reducedSizes(self.sizes, [oneDim(args.dim, nd)], args.keepdim === true);
  return [
    { sizes, dtype: self.dtype },
    { sizes, dtype: 'int64' },
  ];
};

export const extremeDimDerivative: { all: DerivativeRule; dim: DerivativeRule } = {
  all: (F, { grad, self, result }) => ({ self: evenlyDistribute(F, grad, self, result, null, false) }),
  dim: (F, { grads, self, result, dim, keepdim }) => ({
    self: selectedBackward(F, grads[0], self, dim, result[1], keepdim === true),
  }),
};

/**
 * torch.maximum / minimum: the larger (smaller) input gets the gradient, ties split it in half,
 * and a NaN (no order) passes it to both, as PyTorch's rule does.
 */
export function maximumDerivative(isMax: boolean): DerivativeRule {
  return (F, { grad, self, other }) => {
    const shared = F.where(F.eq(self, other), F.div(grad, 2), grad);
    const selfLoses = isMax ? F.lt(self, other) : F.gt(self, other);
    const otherLoses = isMax ? F.gt(self, other) : F.lt(self, other);
    return {
      self: F.sumTo(F.maskedFill(shared, selfLoses, 0), F.sizes(self)),
      other: F.sumTo(F.maskedFill(shared, otherLoses, 0), F.sizes(other)),
    };
  };
}

export function extremeSamples(S: SampleBuilder, name: 'max' | 'min', outNames: [string, string]): Sample[] {
  const nan = Number.NaN;
  const [valuesName, indicesName] = outNames;
  return [
    ...reduceSamples(S, {
      all: name,
      dim: `${name}.dim`,
      intDim: true,
      emptyReduces: false,
      dtypes: ['float64', 'int64', 'int32', 'bool', 'uint8', 'float16'],
    }),
    S.call(name, [S.of([1, nan, 3, 2])]),
    S.call(`${name}.dim`, [S.of([1, nan, 3, 2, 5, 4], [2, 3]), 1]),
    S.call(`${name}.dim`, [S.of([1, 3, 3, 2, 2, 0, 4, 4], [2, 4]), 1]),
    S.call(`${name}.dim`, [S.of([1, 3, 3, 2, 2, 0, 4, 4], [4, 2]), 0, true]),
    S.error(
      name,
      [S.randn([0, 3])],
      `${name}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`,
    ),
    S.error(`${name}.dim`, [S.randn([0, 3]), 0], `${name}(): Expected reduction dim 0 to have non-zero size.`),
    S.call(`${name}.dim_${name}`, [S.randn([3, 4]), 1], {
      [valuesName]: S.randn([3]),
      [indicesName]: S.ints([3]),
    }),
    S.call(`${name}.dim_${name}`, [S.randn([3, 4]), 0, true], {
      [valuesName]: S.randn([0]),
      [indicesName]: S.ints([0]),
    }),
    S.error(
      `${name}.dim_${name}`,
      [S.randn([3, 4]), 1],
      'Expected out tensor to have dtype float, but got double instead',
      {
        [valuesName]: S.t([3], { dtype: 'float64' }),
        [indicesName]: S.ints([3]),
      },
    ),
    S.error(
      `${name}.dim_${name}`,
      [S.randn([3, 4]), 1],
      'Expected out tensor to have dtype long int, but got int instead',
      {
        [valuesName]: S.randn([3]),
        [indicesName]: S.ints([3], -5, 5, 'int32'),
      },
    ),
    // The binary overload (torch.maximum / torch.minimum).
    S.call(`${name}.other`, [S.randn([2, 3]), S.randn([2, 3])]),
    S.call(`${name}.other`, [S.randn([2, 3]), S.randn([3])]),
    S.call(`${name}.other`, [S.randn([4, 3], 'transposed'), S.randn([4, 1])]),
    S.call(`${name}.other`, [S.of([1, nan, 3, nan]), S.of([nan, 2, 2, 0])]),
    S.call(`${name}.other`, [S.randn([]), S.randn([2, 2])]),
    S.call(`${name}.other`, [S.randn([0, 3]), S.randn([3])]),
    S.call(`${name}.other`, [S.ints([2, 3]), S.randn([3], 'strided')]),
    S.call(`${name}.other`, [S.ints([2, 3], -5, 5, 'int32'), S.ints([2, 3])]),
    S.call(`${name}.other`, [S.bools([4]), S.bools([4])]),
    S.error(
      `${name}.other`,
      [S.randn([2, 3]), S.randn([4])],
      'The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1',
    ),
    S.call(`${name}.out`, [S.randn([2, 3]), S.randn([3])], { out: S.randn([2, 3]) }),
  ];
}
