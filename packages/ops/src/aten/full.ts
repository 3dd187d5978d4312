import { defineOp } from '../core/define-op.js';
import { type DType, scalarDtype, scalarToNumber } from '../core/dtypes.js';
import { full as fullTensor } from '../core/helpers.js';
import type { OpArgs } from '../core/tensor-like.js';
import { factoryDtype, outImpl, sizedMeta, sizeList } from '../groups/factory.js';

// PyTorch infers the dtype from the fill value: bool, int64, or the default float dtype.
const dtypeOf = (args: OpArgs): DType => factoryDtype(args, scalarDtype(args.fill_value));

export const full = defineOp({
  schemas: [
    'aten::full(SymInt[] size, Scalar fill_value, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None) -> Tensor',
    'aten::full.out(SymInt[] size, Scalar fill_value, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    '': (args, ctx) => fullTensor(ctx, sizeList(args.size), scalarToNumber(args.fill_value), dtypeOf(args)),
    out: outImpl(
      (args, ctx, dtype) => fullTensor(ctx, sizeList(args.size), scalarToNumber(args.fill_value), dtype),
      'full.out',
    ),
  },
  meta: { '': sizedMeta('size', dtypeOf) },
  nondifferentiable: 'factory: no tensor inputs',
  samples: (S) => [
    S.call('full', [[2], 2]),
    S.call('full', [[2], S.float(2)]),
    S.call('full', [[3], -1.5]),
    S.call('full', [[], 7]),
    S.call('full', [[0, 3], 7]),
    S.call('full', [[2, 3], 2.5], { dtype: 'float64' }),
    S.call('full', [[2, 3], 3], { dtype: 'float32', device: 'cpu' }),
    S.call('full', [[3], 2.75], { dtype: 'int64' }),
    S.call('full', [[3], 1], { dtype: 'bool' }),
    S.call('full', [[3], Number.POSITIVE_INFINITY]),
    S.call('full.out', [[2, 3], 4], { out: S.randn([2, 3]) }),
    S.call('full.out', [[2], S.float(1.5)], { out: S.ints([5]) }),
    S.error('full', [[-2], 1], 'Trying to create tensor with negative dimension -2'),
  ],
});
