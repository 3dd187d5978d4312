import { defineOp, type ImplFn, type MetaFn } from '../core/define-op.js';
import { cppDtypeName, isScalar, scalarToNumber } from '../core/dtypes.js';
import { broadcastShapes, copyInto, toDtype } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import { FloatScalar, type Scalar, type TensorLike } from '../core/tensor-like.js';
import { binaryRun, powGradients } from '../groups/pointwise.js';
import { binaryFamilySamples } from '../groups/pointwise-samples.js';

// float_power computes in double whatever the inputs: tensors are converted, scalars become floats.
const functional: ImplFn = (args, ctx) => {
  const cast = (v: TensorLike | Scalar) =>
    isScalar(v) ? new FloatScalar(scalarToNumber(v)) : toDtype(ctx, v as TensorLike, 'float64');
  return binaryRun(ctx, 'pow', cast(args.self), cast(args.exponent), { kernelName: 'pow' });
};

function checkDouble(t: TensorLike, what: string): void {
  if (t.dtype !== 'float64') {
    throw new OpError(
      `the ${what} float_power${what === 'base given to' ? '_' : ''} has dtype ${cppDtypeName(t.dtype)} but the operation's result requires dtype Double`,
    );
  }
}

const inplace: ImplFn = (args, ctx, o) => {
  checkDouble(args.self, 'base given to');
  copyInto(ctx, args.self, functional(args, ctx, o), o.qualifiedName, false);
  return args.self;
};

const out: ImplFn = (args, ctx, o) => {
  checkDouble(args.out, 'output given to');
  copyInto(ctx, args.out, functional(args, ctx, o), o.qualifiedName, true);
  return args.out;
};

const meta: MetaFn = (args, o) => {
  const sizes = (v: TensorLike | Scalar) => (isScalar(v) ? [] : (v as TensorLike).sizes);
  if (o.inplace) return { sizes: args.self.sizes, dtype: args.self.dtype };
  return { sizes: broadcastShapes(sizes(args.self), sizes(args.exponent)), dtype: 'float64' };
};

export const floatPower = defineOp({
  schemas: [
    'aten::float_power.Tensor_Tensor(Tensor self, Tensor exponent) -> Tensor',
    'aten::float_power.Tensor_Scalar(Tensor self, Scalar exponent) -> Tensor',
    'aten::float_power.Tensor_Tensor_out(Tensor self, Tensor exponent, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::float_power.Scalar(Scalar self, Tensor exponent) -> Tensor',
    'aten::float_power.Scalar_out(Scalar self, Tensor exponent, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::float_power.Tensor_Scalar_out(Tensor self, Scalar exponent, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::float_power_.Tensor(Tensor(a!) self, Tensor exponent) -> Tensor(a!)',
    'aten::float_power_.Scalar(Tensor(a!) self, Scalar exponent) -> Tensor(a!)',
  ],
  impl: {
    Tensor_Tensor: functional,
    Tensor_Scalar: functional,
    Scalar: functional,
    'float_power.Tensor_Tensor_out': out,
    'float_power.Scalar_out': out,
    'float_power.Tensor_Scalar_out': out,
    'float_power_.Tensor': inplace,
    'float_power_.Scalar': inplace,
  },
  meta,
  // PyTorch composes float_power from a cast to double and pow: the gradient flows back through the
  // cast into each input's own dtype.
  derivative: (F, { grad, self, exponent, result }) => {
    const g = powGradients(F, grad, self, exponent, result);
    return {
      self: g.self === null ? null : F.typeAs(g.self, self),
      exponent: g.exponent === null ? null : F.typeAs(g.exponent, exponent),
    };
  },
  samples: (S) => [
    ...binaryFamilySamples(S, {
      tensor: 'float_power.Tensor_Tensor',
      scalar: 'float_power.Tensor_Scalar',
      scalarTensor: 'float_power.Scalar',
      dtypes: ['float64', 'int64', 'int32', 'uint8', 'bool'],
      low: 0.5,
      high: 3,
      floatResult: false,
      special: true,
    }),
    S.call('float_power.Tensor_Scalar', [S.ints([4]), -2]),
    S.call('float_power.Tensor_Tensor', [S.ints([2, 3]), S.ints([3], -2, 3)]),
    S.call('float_power_.Tensor', [S.t([2, 3], { dtype: 'float64', low: 0.5, high: 2 }), S.randn([3])]),
    S.call('float_power_.Scalar', [S.t([3], { dtype: 'float64' }), 2]),
    S.error(
      'float_power_.Scalar',
      [S.randn([3]), 2],
      "the base given to float_power_ has dtype Float but the operation's result requires dtype Double",
    ),
    S.call('float_power.Tensor_Tensor_out', [S.randn([3]), S.randn([3])], { out: S.t([3], { dtype: 'float64' }) }),
    S.call('float_power.Scalar_out', [2, S.randn([3])], { out: S.t([0], { dtype: 'float64' }) }),
    S.call('float_power.Tensor_Scalar_out', [S.ints([2, 3]), S.float(0.5)], { out: S.t([2, 3], { dtype: 'float64' }) }),
    S.error(
      'float_power.Tensor_Scalar_out',
      [S.randn([3]), 2],
      "the output given to float_power has dtype Float but the operation's result requires dtype Double",
      { out: S.randn([3]) },
    ),
  ],
});
