import { defineOp } from '../core/define-op.js';
import { backwardImpl, backwardSamples } from '../groups/activation.js';

const { impl, meta } = backwardImpl('silu_backward_cpu', (c, g, x) => {
  const s = c.un('sigmoid', x);
  return c.mul(g, c.mul(s, c.add(c.mul(x, c.sub(1, s)), 1)));
});

export const siluBackward = defineOp({
  schemas: [
    'aten::silu_backward(Tensor grad_output, Tensor self) -> Tensor',
    'aten::silu_backward.grad_input(Tensor grad_output, Tensor self, *, Tensor(a!) grad_input) -> Tensor(a!)',
  ],
  impl,
  meta,
  derivative: (F, { grad, grad_output, self }) => {
    // f'' = s (1 - s) (2 + x (1 - 2 s))
    const s = F.sigmoid(self);
    const second = F.mul(F.mul(s, F.rsub(s, 1)), F.add(F.mul(self, F.rsub(F.mul(s, 2), 1)), 2));
    return { grad_output: F.siluBackward(grad, self), self: F.mul(F.mul(grad, grad_output), second) };
  },
  samples: (S) => [
    ...backwardSamples(S, 'silu_backward'),
    S.call('silu_backward.grad_input', [S.randn([2, 3]), S.randn([2, 3])], { grad_input: S.randn([2, 3]) }),
  ],
});
