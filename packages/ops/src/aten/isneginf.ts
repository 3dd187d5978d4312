import * as K from '@tsjit/kernels';
import { defineOp, type ImplFn } from '../core/define-op.js';
import { isFloatingDtype } from '../core/dtypes.js';
import { scalarTensor } from '../core/helpers.js';
import { boolOutImpl, mutatingMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

// Integers and bools are never infinite.
const isneginf_: ImplFn = (args, ctx) => {
  const self = args.self;
  const out = ctx.empty(self.sizes, 'bool');
  if (isFloatingDtype(self.dtype)) K.binary('eq', out, self, scalarTensor(ctx, -Infinity, self.dtype));
  return out;
};

export const isneginf = defineOp({
  schemas: [
    'aten::isneginf(Tensor self) -> Tensor',
    'aten::isneginf.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: { '': isneginf_, 'isneginf.out': boolOutImpl(isneginf_, 'isneginf') },
  meta: mutatingMeta((args) => ({ sizes: args.self.sizes, dtype: 'bool' })),
  nondifferentiable: 'bool output',
  samples: (S) => [
    ...unaryFamilySamples(S, {
      name: 'isneginf',
      dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
    }),
    S.call('isneginf', [S.of([Infinity, -Infinity, Number.NaN, 0, 1e38], [5], 'float64')]),
    S.call('isneginf.out', [S.of([Infinity, -Infinity, 1])], { out: S.bools([3]) }),
    S.call('isneginf.out', [S.of([Infinity, -Infinity, 1])], { out: S.bools([0]) }),
    S.error('isneginf.out', [S.of([Infinity, -Infinity, 1])], 'isneginf does not support non-boolean outputs.', {
      out: S.randn([3]),
    }),
  ],
});
