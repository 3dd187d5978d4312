import { defineOp } from '../core/define-op.js';
import { DEFAULT_FLOAT, scalarDtype, scalarToNumber } from '../core/dtypes.js';
import { scalarTensor, toDtype } from '../core/helpers.js';
import { FloatScalar, type TensorLike } from '../core/tensor-like.js';
import { factoryDtype } from '../groups/factory.js';
import { tensorFromList } from './tensor.js';

export const asTensor = defineOp({
  // int before float: overload resolution takes an integral JS number for an int (TorchScript's `torch.tensor(3)` is int64).
  schemas: [
    'aten::as_tensor.int(int t, *, ScalarType? dtype=None, Device? device=None) -> Tensor',
    'aten::as_tensor.float(float t, *, ScalarType? dtype=None, Device? device=None) -> Tensor',
    'aten::as_tensor.bool(bool t, *, ScalarType? dtype=None, Device? device=None) -> Tensor',
    'aten::as_tensor(Tensor(a) data, *, ScalarType? dtype=None, Device? device=None) -> Tensor(b|a)',
    'aten::as_tensor.list(t[] data, *, ScalarType? dtype=None, Device? device=None) -> Tensor',
  ],
  impl: {
    float: (args, ctx) => scalarTensor(ctx, new FloatScalar(scalarToNumber(args.t)), factoryDtype(args, DEFAULT_FLOAT)),
    int: (args, ctx) => scalarTensor(ctx, args.t, factoryDtype(args, scalarDtype(args.t))),
    bool: (args, ctx) => scalarTensor(ctx, args.t, factoryDtype(args, 'bool')),
    // The same tensor when no conversion is needed (as_tensor aliases its input).
    '': (args, ctx) => toDtype(ctx, args.data as TensorLike, factoryDtype(args, args.data.dtype)),
    list: (args, ctx) => {
      const dtype = factoryDtype(args, DEFAULT_FLOAT);
      return tensorFromList(ctx, args.data, args.dtype == null ? null : dtype);
    },
  },
  derivative: {
    '': (F, { grad, data }) => ({ data: F.isTensor(data) ? F.to(grad, data.dtype) : null }),
  },
  samples: (S) => [
    S.call('as_tensor.float', [2.5]),
    S.call('as_tensor.float', [1.5], { dtype: 'float64' }),
    S.call('as_tensor.int', [4]),
    S.call('as_tensor.bool', [true], { device: 'cpu' }),
    S.call('as_tensor', [S.randn([2, 3])]),
    S.call('as_tensor', [S.randn([3, 2], 'transposed')], { dtype: 'float64' }),
    S.call('as_tensor', [S.ints([3])], { dtype: 'float32' }),
  ],
});
