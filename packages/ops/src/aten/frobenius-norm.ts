import { defineOp } from '../core/define-op.js';
import { formatSizes } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpArgs, OpContext } from '../core/tensor-like.js';
import { normBackward, normCompute, normDtype } from '../groups/norms.js';
import { reduceDims, reduceMeta } from '../groups/reduce.js';
import { reduceSamples } from '../groups/reduce-samples.js';

/** The 2-norm over at most two dims (what torch.norm(p='fro') calls in TorchScript). */
function frobenius(args: OpArgs, ctx: OpContext) {
  const self = args.self;
  const dim: number[] = args.dim === undefined ? [] : Array.isArray(args.dim) ? args.dim : [args.dim];
  if (dim.length > 2) throw new OpError(`Expected at most 2 dimensions, but got ${dim.length} dimensions instead.`);
  if (dim.length === 2 && dim[0] === dim[1])
    throw new OpError(`Expected dims to be different, got ${formatSizes(dim)} instead`);
  const dtype = normDtype(self, null);
  return normCompute(ctx, self, 2, reduceDims(dim, self.sizes.length), args.keepdim === true, dtype);
}

export const frobeniusNorm = defineOp({
  schemas: [
    'aten::frobenius_norm(Tensor self) -> Tensor',
    'aten::frobenius_norm.dim(Tensor self, int[1] dim, bool keepdim=False) -> Tensor',
    'aten::frobenius_norm.out(Tensor self, int[1] dim, bool keepdim=False, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: frobenius,
  meta: reduceMeta((args) => normDtype(args.self, null)),
  derivative: (F, { grad, self, result, dim, keepdim }) => ({
    self: normBackward(F, grad, self, 2, result, dim ?? null, keepdim === true),
  }),
  samples: (S) => [
    ...reduceSamples(S, { all: 'frobenius_norm', dtypes: ['float64', 'float16'] }),
    S.call('frobenius_norm.dim', [S.randn([2, 3, 4]), [0, 1]]),
    S.call('frobenius_norm.dim', [S.randn([2, 3, 4], 'transposed'), [-1], true]),
    S.call('frobenius_norm.dim', [S.randn([3, 4], 'strided'), []]),
    S.call('frobenius_norm.dim', [S.randn([]), [0]]),
    S.call('frobenius_norm.dim', [S.randn([0, 3]), [0]]),
    S.error(
      'frobenius_norm.dim',
      [S.randn([2, 3, 4]), [0, 1, 2]],
      'Expected at most 2 dimensions, but got 3 dimensions instead.',
    ),
    S.error('frobenius_norm.dim', [S.randn([2, 3, 4]), [1, 1]], 'Expected dims to be different, got [1, 1] instead'),
    S.error(
      'frobenius_norm',
      [S.ints([3])],
      'norm(): input dtype should be either floating point or complex. Got Long instead.',
    ),
    S.call('frobenius_norm.out', [S.randn([3, 4]), [1]], { out: S.randn([3]) }),
  ],
});
