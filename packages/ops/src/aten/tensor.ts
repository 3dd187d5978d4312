import { defineOp } from '../core/define-op.js';
import { DEFAULT_FLOAT, type DType, isScalar, scalarDtype, scalarToNumber } from '../core/dtypes.js';
import { scalarTensor } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import { FloatScalar, type OpArgs, type OpContext, type TensorLike } from '../core/tensor-like.js';
import { factoryDtype, tensorOfValues } from '../groups/factory.js';

/**
 * A tensor from nested lists of scalars (TorchScript's `torch.tensor([[1, 2], [3, 4]])`): the
 * sizes from the nesting, the dtype from the elements (any float: the default float dtype, else
 * any int: int64, else bool) unless `dtype` is given.
 */
export function tensorFromList(ctx: OpContext, data: readonly unknown[], dtype: DType | null): TensorLike {
  const sizes: number[] = [];
  let probe: unknown = data;
  while (Array.isArray(probe)) {
    sizes.push(probe.length);
    probe = probe[0];
  }
  const flat: number[] = [];
  let kind: DType = 'bool';
  let bigints: bigint[] | null = null;
  const walk = (v: unknown, dim: number): void => {
    if (dim < sizes.length) {
      if (!Array.isArray(v)) {
        throw new OpError(`expected sequence of length ${sizes[dim]} at dim ${dim} (got a scalar)`, 'ValueError');
      }
      if (v.length !== sizes[dim]) {
        throw new OpError(`expected sequence of length ${sizes[dim]} at dim ${dim} (got ${v.length})`, 'ValueError');
      }
      for (const e of v) walk(e, dim + 1);
      return;
    }
    if (Array.isArray(v) || !isScalar(v)) {
      throw new OpError(`too many dimensions: expected ${sizes.length} nested levels of scalars`, 'ValueError');
    }
    const d = scalarDtype(v);
    if (d === DEFAULT_FLOAT || v instanceof FloatScalar) kind = DEFAULT_FLOAT;
    else if (d === 'int64' && kind === 'bool') kind = 'int64';
    if (typeof v === 'bigint') bigints = bigints ?? [];
    flat.push(scalarToNumber(v));
  };
  walk(data, 0);
  // An empty list has the default float dtype.
  const target = dtype ?? (flat.length === 0 ? DEFAULT_FLOAT : kind);
  if (bigints !== null && target === 'int64') {
    const all: bigint[] = [];
    const collect = (v: unknown): void => {
      if (Array.isArray(v)) for (const e of v) collect(e);
      else all.push(typeof v === 'bigint' ? v : BigInt(Math.trunc(scalarToNumber(v as never))));
    };
    collect(data);
    return tensorOfValues(ctx, sizes, target, BigInt64Array.from(all));
  }
  return tensorOfValues(ctx, sizes, target, Float64Array.from(flat));
}

const fromScalar = (args: OpArgs, ctx: OpContext) => scalarTensor(ctx, args.t, factoryDtype(args, scalarDtype(args.t)));

export const tensor = defineOp({
  // int before float: overload resolution takes an integral JS number for an int (TorchScript's `torch.tensor(3)` is int64).
  schemas: [
    'aten::tensor.int(int t, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False) -> Tensor',
    'aten::tensor.float(float t, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False) -> Tensor',
    'aten::tensor.bool(bool t, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False) -> Tensor',
    'aten::tensor(t[] data, *, ScalarType? dtype=None, Device? device=None, bool requires_grad=False) -> Tensor',
  ],
  // requires_grad is the tensor layer's business (it marks the result a leaf that requires grad).
  impl: {
    float: (args, ctx) => scalarTensor(ctx, new FloatScalar(scalarToNumber(args.t)), factoryDtype(args, DEFAULT_FLOAT)),
    int: fromScalar,
    bool: fromScalar,
    '': (args, ctx) => {
      const dtype = factoryDtype(args, DEFAULT_FLOAT);
      return tensorFromList(ctx, args.data, args.dtype == null ? null : dtype);
    },
  },
  meta: {
    float: (args) => ({ sizes: [], dtype: factoryDtype(args, DEFAULT_FLOAT) }),
    int: (args) => ({ sizes: [], dtype: factoryDtype(args, 'int64') }),
    bool: (args) => ({ sizes: [], dtype: factoryDtype(args, 'bool') }),
  },
  nondifferentiable: 'factory: the data are constants',
  // The list overload cannot be called through torch.ops (its `t[]` argument has no Python
  // conversion): test/creation.test.ts checks it against values recorded from torch.tensor.
  samples: (S) => [
    S.call('tensor.float', [2.5]),
    S.call('tensor.float', [S.float(3)]),
    S.call('tensor.float', [-1.25], { dtype: 'float64', device: 'cpu' }),
    S.call('tensor.float', [2.75], { dtype: 'int32' }),
    S.call('tensor.int', [3]),
    S.call('tensor.int', [-7], { dtype: 'float32' }),
    S.call('tensor.int', [2], { requires_grad: false }),
    S.call('tensor.bool', [true]),
    S.call('tensor.bool', [false], { dtype: 'float32' }),
  ],
});
