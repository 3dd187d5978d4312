import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { promoteTypes } from '../core/dtypes.js';
import { requireFloating } from '../groups/activation.js';
import { Calc } from '../groups/nn-math.js';
import { gluHalves } from './glu.js';

export const gluBackward = defineOp({
  schemas: [
    'aten::glu_backward(Tensor grad_output, Tensor self, int dim) -> Tensor',
    'aten::glu_backward.grad_input(Tensor grad_output, Tensor self, int dim, *, Tensor(a!) grad_input) -> Tensor(a!)',
  ],
  impl: (args, ctx) => {
    const c = new Calc(ctx, requireFloating(promoteTypes(args.grad_output.dtype, args.self.dtype), 'glu_backward_cpu'));
    const [a, b, d] = gluHalves(c, args.self, args.dim);
    const g = c.t(args.grad_output);
    const s = c.un('sigmoid', b);
    const ga = c.mul(g, s);
    const gb = c.mul(c.mul(g, a), c.mul(s, c.sub(1, s)));
    const out = c.empty(args.self.sizes);
    K.cat(out, [ga, gb], d);
    return out;
  },
  meta: (args) => ({ sizes: args.self.sizes, dtype: promoteTypes(args.grad_output.dtype, args.self.dtype) }),
  // With s = sigmoid(b), gI = [g s, g a s (1 - s)]; grad = [Ga, Gb] the incoming gradient.
  derivative: (F, { grad, grad_output, self, dim }) => {
    const n = self.sizes[dim < 0 ? dim + self.sizes.length : dim] / 2;
    const a = F.narrow(self, dim, 0, n);
    const b = F.narrow(self, dim, n, n);
    const Ga = F.narrow(grad, dim, 0, n);
    const Gb = F.narrow(grad, dim, n, n);
    const s = F.sigmoid(b);
    const ds = F.mul(s, F.rsub(s, 1));
    const gOut = F.add(F.mul(Ga, s), F.mul(F.mul(Gb, a), ds));
    const gA = F.mul(F.mul(Gb, grad_output), ds);
    const gB = F.add(
      F.mul(F.mul(Ga, grad_output), ds),
      F.mul(F.mul(F.mul(Gb, grad_output), F.mul(a, ds)), F.rsub(F.mul(s, 2), 1)),
    );
    return { grad_output: gOut, self: F.cat([gA, gB], dim) };
  },
  samples: (S) => [
    S.call('glu_backward', [S.randn([2, 2]), S.randn([2, 4]), -1]),
    S.call('glu_backward', [S.randn([2, 3], 'transposed'), S.randn([4, 3], 'strided'), 0]),
    S.call('glu_backward', [S.randn([0, 1]), S.randn([0, 2]), 1]),
    S.call('glu_backward', [S.t([3], { dtype: 'float64' }), S.t([6], { dtype: 'float64' }), 0]),
    S.error('glu_backward', [S.randn([3]), S.randn([3]), 0], 'Halving dimension must be even'),
    S.call('glu_backward.grad_input', [S.randn([2, 2]), S.randn([2, 4]), 1], { grad_input: S.randn([2, 4]) }),
  ],
});
