import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import { backwardImpl } from '../groups/activation.js';
import { num } from '../groups/nn-math.js';

const { impl, meta } = backwardImpl(
  'elu_backward_cpu',
  (c, g, x, a) => {
    const negcoef = num(a.alpha) * num(a.scale);
    const poscoef = num(a.scale);
    const negiptcoef = num(a.input_scale);
    if (a.is_result) {
      if (negcoef < 0) {
        throw new OpError(
          'In-place elu backward calculation is triggered with a negative slope which is not supported. This is caused by calling in-place forward function with a negative slope, please call out-of-place version instead.',
        );
      }
      return c.where(c.cmp('le', x, 0), c.mul(g, c.mul(c.add(x, negcoef), negiptcoef)), c.mul(g, poscoef));
    }
    const neg = c.mul(c.un('exp', c.mul(x, negiptcoef)), negiptcoef * negcoef);
    return c.where(c.cmp('le', x, 0), c.mul(g, neg), c.mul(g, poscoef));
  },
  'grad_output',
  'self_or_result',
);

export const eluBackward = defineOp({
  schemas: [
    'aten::elu_backward(Tensor grad_output, Scalar alpha, Scalar scale, Scalar input_scale, bool is_result, Tensor self_or_result) -> Tensor',
    'aten::elu_backward.grad_input(Tensor grad_output, Scalar alpha, Scalar scale, Scalar input_scale, bool is_result, Tensor self_or_result, *, Tensor(a!) grad_input) -> Tensor(a!)',
  ],
  impl,
  meta,
  derivative: (F, { grad, grad_output, alpha, scale, input_scale, is_result, self_or_result }) => {
    const neg = F.le(self_or_result, 0);
    const gg = F.mul(grad, grad_output);
    const second = is_result
      ? F.where(neg, F.mul(gg, input_scale), F.zerosLike(gg))
      : F.where(
          neg,
          F.mul(
            F.mul(gg, F.exp(F.mul(self_or_result, input_scale))),
            F.mul(F.mul(F.mul(input_scale, input_scale), alpha), scale),
          ),
          F.zerosLike(gg),
        );
    return {
      grad_output: F.eluBackward(grad, alpha, scale, input_scale, is_result, self_or_result),
      self_or_result: second,
    };
  },
  samples: (S) => [
    S.call('elu_backward', [S.randn([2, 5]), 1, 1, 1, false, S.randn([2, 5])]),
    S.call('elu_backward', [
      S.randn([3, 4], 'transposed'),
      S.float(0.5),
      2,
      S.float(1.5),
      false,
      S.randn([3, 4], 'strided'),
    ]),
    S.call('elu_backward', [S.randn([2, 3]), 1, 1, 1, true, S.t([2, 3], { low: -0.9, high: 2 })]),
    S.call('elu_backward', [S.randn([]), 1, 1, 1, false, S.randn([])]),
    S.call('elu_backward', [S.randn([0, 2]), 1, 1, 1, false, S.randn([0, 2])]),
    S.call('elu_backward', [S.t([4], { dtype: 'float64' }), 1, 1, 1, false, S.t([4], { dtype: 'float64' })]),
    S.error('elu_backward', [S.randn([3]), -1, 1, 1, true, S.randn([3])], 'negative slope which is not supported'),
    S.call('elu_backward.grad_input', [S.randn([3]), 1, 1, 1, false, S.randn([3])], { grad_input: S.randn([3]) }),
  ],
});
