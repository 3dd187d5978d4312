import * as K from '@tsjit/kernels';
import { defineOp, type ImplFn } from '../core/define-op.js';
import { isFloatingDtype } from '../core/dtypes.js';
import { scalarTensor } from '../core/helpers.js';
import { boolOutImpl, mutatingMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

// Integers and bools are never infinite.
const isposinf_: ImplFn = (args, ctx) => {
  const self = args.self;
  const out = ctx.empty(self.sizes, 'bool');
  if (isFloatingDtype(self.dtype)) K.binary('eq', out, self, scalarTensor(ctx, Infinity, self.dtype));
  return out;
};

export const isposinf = defineOp({
  schemas: [
    'aten::isposinf(Tensor self) -> Tensor',
    'aten::isposinf.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: { '': isposinf_, 'isposinf.out': boolOutImpl(isposinf_, 'isposinf') },
  meta: mutatingMeta((args) => ({ sizes: args.self.sizes, dtype: 'bool' })),
  nondifferentiable: 'bool output',
  samples: (S) => [
    ...unaryFamilySamples(S, {
      name: 'isposinf',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
    }),
    S.call('isposinf', [S.of([Infinity, -Infinity, Number.NaN, 0, 1e38], [5], 'float64')]),
    S.call('isposinf.out', [S.of([Infinity, -Infinity, 1])], { out: S.bools([3]) }),
    S.call('isposinf.out', [S.of([Infinity, -Infinity, 1])], { out: S.bools([0]) }),
    S.error('isposinf.out', [S.of([Infinity, -Infinity, 1])], 'isposinf does not support non-boolean outputs.', {
      out: S.randn([3]),
    }),
  ],
});
