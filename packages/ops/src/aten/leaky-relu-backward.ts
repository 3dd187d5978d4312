import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import { backwardImpl, backwardSamples } from '../groups/activation.js';
import { num } from '../groups/nn-math.js';

const { impl, meta } = backwardImpl('leaky_relu_backward_cpu', (c, g, x, a) => {
  const slope = num(a.negative_slope);
  if (a.self_is_result && slope < 0) {
    throw new OpError(
      'In-place leakyReLu backward calculation is triggered with a negative slope which is not supported. This is caused by calling in-place forward function with a negative slope, please call out-of-place version instead. File an issue at https://github.com/pytorch/pytorch if you do require supporting in-place leakRelu backward calculation with negative slope',
    );
  }
  return c.where(c.cmp('gt', x, 0), g, c.mul(g, slope));
});

export const leakyReluBackward = defineOp({
  schemas: [
    'aten::leaky_relu_backward(Tensor grad_output, Tensor self, Scalar negative_slope, bool self_is_result) -> Tensor',
    'aten::leaky_relu_backward.grad_input(Tensor grad_output, Tensor self, Scalar negative_slope, bool self_is_result, *, Tensor(a!) grad_input) -> Tensor(a!)',
  ],
  impl,
  meta,
  derivative: (F, { grad, self, negative_slope }) => ({
    grad_output: F.leakyReluBackward(grad, self, negative_slope, false),
    self: F.zerosLike(grad),
  }),
  samples: (S) => [
    ...backwardSamples(S, 'leaky_relu_backward', [S.float(0.01), false]),
    S.call('leaky_relu_backward', [S.randn([3]), S.randn([3]), S.float(0.2), true]),
    S.error('leaky_relu_backward', [S.randn([3]), S.randn([3]), -1, true], 'negative slope which is not supported'),
    S.call('leaky_relu_backward.grad_input', [S.randn([3]), S.randn([3]), 2, false], { grad_input: S.randn([3]) }),
  ],
});
