import { defineOp } from '../core/define-op.js';
import { requireFloating } from '../groups/activation.js';
import { Calc } from '../groups/nn-math.js';

export const logSigmoidForward = defineOp({
  // Only the first output carries a gradient (the statistics are saved for backward), as in PyTorch.
  outputDifferentiability: [true, false],
  schemas: [
    'aten::log_sigmoid_forward(Tensor self) -> (Tensor output, Tensor buffer)',
    'aten::log_sigmoid_forward.output(Tensor self, *, Tensor(a!) output, Tensor(b!) buffer) -> (Tensor(a!), Tensor(b!))',
  ],
  // The CPU kernel also returns exp(-|x|), which log_sigmoid_backward reuses.
  impl: (args, ctx) => {
    const c = new Calc(ctx, requireFloating(args.self.dtype, 'log_sigmoid_forward_cpu'));
    return [c.un('logsigmoid', args.self), c.un('exp', c.un('neg', c.un('abs', args.self)))];
  },
  meta: (args) => [
    { sizes: args.self.sizes, dtype: args.self.dtype },
    { sizes: args.self.sizes, dtype: args.self.dtype },
  ],
  derivative: (F, { grad, self }) => {
    const [, buffer] = F.logSigmoidForward(self);
    return { self: F.logSigmoidBackward(grad, self, buffer) };
  },
  samples: (S) => [
    S.call('log_sigmoid_forward', [S.randn([2, 5])]),
    S.call('log_sigmoid_forward', [S.randn([3, 4], 'transposed')]),
    S.call('log_sigmoid_forward', [S.randn([])]),
    S.call('log_sigmoid_forward', [S.randn([0])]),
    S.call('log_sigmoid_forward', [S.t([4], { dtype: 'float64' })]),
    S.error('log_sigmoid_forward', [S.ints([3])], "not implemented for 'Long'"),
    S.call('log_sigmoid_forward.output', [S.randn([2, 3])], { output: S.randn([2, 3]), buffer: S.randn([2, 3]) }),
  ],
});
