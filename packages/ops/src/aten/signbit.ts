import * as K from '@tsjit/kernels';
import { defineOp, type ImplFn } from '../core/define-op.js';
import type { DType } from '../core/dtypes.js';
import { scalarTensor } from '../core/helpers.js';
import { boolOutImpl, mutatingMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

// Floating values are read as signed integers of the same width: the sign bit is their sign, which
// also covers -0.0 and negative NaNs (a comparison with 0 would miss both).
const SAME_WIDTH_INT: Partial<Record<DType, DType>> = {
  float32: 'int32',
  float64: 'int64',
  float16: 'int16',
  bfloat16: 'int16',
};

const signbit_: ImplFn = (args, ctx) => {
  const self = args.self;
  const out = ctx.empty(self.sizes, 'bool');
  if (self.dtype === 'uint8' || self.dtype === 'bool') return out;
  const asInt = SAME_WIDTH_INT[self.dtype as DType];
  const x = asInt ? { ...self, data: self.data, dtype: asInt } : self;
  K.binary('lt', out, x, scalarTensor(ctx, 0, x.dtype));
  return out;
};

export const signbit = defineOp({
  schemas: ['aten::signbit(Tensor self) -> Tensor', 'aten::signbit.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)'],
  impl: { '': signbit_, 'signbit.out': boolOutImpl(signbit_, 'signbit') },
  meta: mutatingMeta((args) => ({ sizes: args.self.sizes, dtype: 'bool' })),
  nondifferentiable: 'bool output',
  samples: (S) => [
    ...unaryFamilySamples(S, {
      name: 'signbit',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'int8', 'uint8', 'bool'],
    }),
    S.call('signbit', [S.of([-0, 0, -Infinity, Infinity, -1e-30, 2], [6], 'float64')]),
    S.call('signbit.out', [S.randn([2, 3])], { out: S.bools([2, 3]) }),
    S.error('signbit.out', [S.randn([3])], 'signbit does not support non-boolean outputs.', { out: S.randn([3]) }),
  ],
});
