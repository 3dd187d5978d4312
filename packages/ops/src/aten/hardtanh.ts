import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { cppDtypeName } from '../core/dtypes.js';
import { isContiguous, numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import { num } from '../groups/nn-math.js';
import { unarySamples } from '../groups/samples.js';

export const hardtanh = defineOp({
  schemas: [
    'aten::hardtanh(Tensor self, Scalar min_val=-1, Scalar max_val=1) -> Tensor',
    'aten::hardtanh.out(Tensor self, Scalar min_val=-1, Scalar max_val=1, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::hardtanh_(Tensor(a!) self, Scalar min_val=-1, Scalar max_val=1) -> Tensor(a!)',
  ],
  // A clamp: min_val > max_val gives max_val everywhere, as in PyTorch.
  impl: (args, ctx) => {
    if (args.self.dtype === 'bool') throw new OpError(`"clamp_cpu" not implemented for '${cppDtypeName('bool')}'`);
    const out = ctx.uninitialized(args.self.sizes, args.self.dtype);
    K.clamp(out, args.self, num(args.min_val), num(args.max_val));
    return out;
  },
  meta: (args) => ({ sizes: args.self.sizes, dtype: args.self.dtype }),
  // hardtanh_ (ReLU6 in place) clamps self itself where it is contiguous.
  inplaceInto: (args, ctx) => {
    const self = args.self;
    if (self.dtype === 'bool' || self.quantizer || !isContiguous(self) || numel(self.sizes) === 0) return false;
    K.clamp(self, self, num(args.min_val), num(args.max_val));
    ctx.bumpVersion(self);
    return true;
  },
  derivative: (F, { grad, self, min_val, max_val }) => ({ self: F.hardtanhBackward(grad, self, min_val, max_val) }),
  samples: (S) => [
    ...unarySamples(S, { overload: 'hardtanh', dtypes: ['float64', 'int64'] }),
    S.call('hardtanh', [S.randn([2, 3]), -0.5, S.float(2.5)]),
    S.call('hardtanh', [S.randn([4]), 2, 1]),
    S.call('hardtanh', [S.of([-1, 1, 0.5, -2, 2])]),
    S.call('hardtanh_', [S.randn([3, 2], 'transposed'), 0, 1]),
    S.call('hardtanh_', [S.ints([4], -5, 5), 0, 3]),
    S.call('hardtanh.out', [S.randn([2, 3])], { out: S.randn([0]) }),
  ],
});
