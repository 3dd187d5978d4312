import { defineOp } from '../core/define-op.js';
import { normalizeDim } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { TensorLike } from '../core/tensor-like.js';
import { requireFloating } from '../groups/activation.js';
import { Calc } from '../groups/nn-math.js';

/** The halves of glu's input along dim (views), with PyTorch's checks. */
export function gluHalves(c: Calc, self: TensorLike, dim: number): [TensorLike, TensorLike, number] {
  if (self.sizes.length === 0) throw new OpError('glu does not support 0-dimensional tensors');
  const d = normalizeDim(dim, self.sizes.length);
  const n = self.sizes[d];
  if (n % 2 !== 0) throw new OpError(`Halving dimension must be even, but dimension ${d} is size ${n}`);
  return [c.narrow(self, d, 0, n / 2), c.narrow(self, d, n / 2, n / 2), d];
}

export const glu = defineOp({
  schemas: [
    'aten::glu(Tensor self, int dim=-1) -> Tensor',
    'aten::glu.out(Tensor self, int dim=-1, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => {
    const c = new Calc(ctx, requireFloating(args.self.dtype, 'glu_cpu'));
    const [a, b] = gluHalves(c, args.self, args.dim);
    return c.mul(a, c.un('sigmoid', b));
  },
  meta: (args) => {
    const d = normalizeDim(args.dim, args.self.sizes.length);
    const sizes = [...args.self.sizes];
    sizes[d] /= 2;
    return { sizes, dtype: args.self.dtype };
  },
  derivative: (F, { grad, self, dim }) => ({ self: F.gluBackward(grad, self, dim) }),
  samples: (S) => [
    S.call('glu', [S.randn([2, 4])]),
    S.call('glu', [S.randn([4, 3], 'transposed'), 0]),
    S.call('glu', [S.randn([2, 6], 'strided'), -1]),
    S.call('glu', [S.randn([2, 2, 3], 'offset'), 1]),
    S.call('glu', [S.randn([0, 2])]),
    S.call('glu', [S.t([6], { dtype: 'float64' })]),
    S.error('glu', [S.randn([3])], 'Halving dimension must be even, but dimension 0 is size 3'),
    S.error('glu', [S.randn([])], 'glu does not support 0-dimensional tensors'),
    S.error('glu', [S.randn([2, 4]), 2], 'Dimension out of range'),
    S.error('glu', [S.ints([4])], '"glu_cpu" not implemented for \'Long\''),
    S.call('glu.out', [S.randn([2, 4])], { out: S.randn([2, 2]) }),
  ],
});
