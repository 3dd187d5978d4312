import { defineOp } from '../core/define-op.js';
import { backwardImpl } from '../groups/activation.js';

// d/dx log(sigmoid(x)) = 1 - sigmoid(x), written with the forward's buffer z = exp(-|x|):
// x < 0: 1 - z / (1 + z); x >= 0: z / (1 + z)
const { impl, meta } = backwardImpl('log_sigmoid_backward_cpu', (c, g, x, a) => {
  const z = c.t(a.buffer);
  const r = c.div(z, c.add(z, 1));
  return c.mul(g, c.where(c.cmp('lt', x, 0), c.sub(1, r), r));
});

export const logSigmoidBackward = defineOp({
  schemas: [
    'aten::log_sigmoid_backward(Tensor grad_output, Tensor self, Tensor buffer) -> Tensor',
    'aten::log_sigmoid_backward.grad_input(Tensor grad_output, Tensor self, Tensor buffer, *, Tensor(a!) grad_input) -> Tensor(a!)',
  ],
  impl,
  meta,
  derivative: (F, { grad, grad_output, self, buffer }) => {
    // f'' = -s (1 - s)
    const s = F.sigmoid(self);
    return {
      grad_output: F.sumTo(F.logSigmoidBackward(grad, self, buffer), F.sizes(grad_output)),
      self: F.sumTo(F.neg(F.mul(F.mul(grad, grad_output), F.mul(s, F.rsub(s, 1)))), F.sizes(self)),
    };
  },
  samples: (S) => {
    const xs = [S.randn([2, 3]), S.randn([3, 2], 'transposed'), S.randn([]), S.randn([0, 2])];
    // The buffer is exp(-|x|) of the same x, as log_sigmoid_forward returns it.
    const buf = (x: any) => ({
      ...x,
      storage: x.storage.map((v: number) => Math.fround(Math.exp(-Math.abs(v)))),
    });
    // PyTorch's rule differentiates self as if buffer were exp(-|self|) (buffer itself is not
    // differentiable), while the kernel reads the slope from buffer and only the sign from self:
    // a finite difference in self alone measures something else.
    const noGradcheck = {
      noGradcheck: 'the rule treats buffer as exp(-|self|); the kernel depends on self only through its sign',
    };
    return [
      ...xs.map((x) => S.call('log_sigmoid_backward', [S.randn(x.sizes), x, buf(x)], undefined, noGradcheck)),
      S.call(
        'log_sigmoid_backward',
        [
          S.t([3], { dtype: 'float64' }),
          S.of([-1, 0, 2], [3], 'float64'),
          S.of([Math.exp(-1), 1, Math.exp(-2)], [3], 'float64'),
        ],
        undefined,
        noGradcheck,
      ),
      S.call('log_sigmoid_backward.grad_input', [S.randn([3]), xs[0], buf(xs[0])], { grad_input: S.randn([2, 3]) }),
    ];
  },
});
