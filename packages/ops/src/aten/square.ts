import * as K from '@tsjit/kernels';
import { defineOp, type ImplFn } from '../core/define-op.js';
import { toDtype } from '../core/helpers.js';
import { mutatingMeta, sameDtypeOutImpl } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

// PyTorch computes square as pow(self, 2): bool promotes to int64 like any integer power.
const square_: ImplFn = (args, ctx) => {
  const x = args.self.dtype === 'bool' ? toDtype(ctx, args.self, 'int64') : args.self;
  const out = ctx.empty(x.sizes, x.dtype);
  K.unary('square', out, x);
  return out;
};

export const square = defineOp({
  schemas: [
    'aten::square(Tensor self) -> Tensor',
    'aten::square.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::square_(Tensor(a!) self) -> Tensor(a!)',
  ],
  impl: { '': square_, 'square.out': sameDtypeOutImpl(square_) },
  meta: mutatingMeta((args) => ({
    sizes: args.self.sizes,
    dtype: args.self.dtype === 'bool' ? 'int64' : args.self.dtype,
  })),
  derivative: (F, { grad, self }) => ({ self: F.mul(grad, F.mul(self, 2)) }),
  samples: (S) =>
    unaryFamilySamples(S, {
      name: 'square',
      inplace: true,
      out: true,
      outSameDtype: true,
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
    }),
});
