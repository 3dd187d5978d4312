import * as K from '@tsjit/kernels';
import { defineOp, type ImplFn } from '../core/define-op.js';
import { isFloatingDtype } from '../core/dtypes.js';
import { scalarTensor } from '../core/helpers.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { mutatingMeta, notImplemented, sameDtypeOutImpl, unaryDtype, unaryMathImpl } from '../groups/pointwise.js';
import { unaryFamilySamples, withScalarSamples } from '../groups/pointwise-samples.js';
import { withScalarMath } from '../groups/scalar-math.js';

const rules = { kernelName: 'round_vml_cpu', noHalf: true, noBool: true };

// Rounds to `decimals` places as PyTorch's kernel does, in the tensor's own dtype: scale by 10^|d|,
// round half to even, scale back.
const roundDecimals: ImplFn = (args, ctx) => {
  const self = args.self;
  const decimals: number = args.decimals;
  if (!isFloatingDtype(self.dtype) || self.dtype === 'float16') throw notImplemented('round_cpu', self.dtype);
  const out = ctx.empty(self.sizes, self.dtype);
  if (decimals === 0) {
    K.unary('round', out, self);
    return out;
  }
  const ten = scalarTensor(ctx, 10 ** Math.abs(decimals), self.dtype);
  const scaled = ctx.empty(self.sizes, self.dtype);
  K.binary(decimals > 0 ? 'mul' : 'div', scaled, self, ten);
  K.unary('round', scaled, scaled);
  K.binary(decimals > 0 ? 'div' : 'mul', out, scaled, ten);
  return out;
};

const scalarSamples = (S: SampleBuilder): Sample[] => [
  S.call('round.int', [3]),
  S.call('round.int', [-2]),
  S.call('round.float', [S.float(0.5)]),
  S.call('round.float', [S.float(-2.25)]),
  S.call('round.Scalar', [true]),
  S.call('round.float', [S.float(2.5)]),
  S.call('round.float', [S.float(-0.5)]),
];

export const round = defineOp({
  schemas: [
    'aten::round(Tensor self) -> Tensor',
    'aten::round.decimals(Tensor self, *, int decimals) -> Tensor',
    'aten::round.out(Tensor self, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::round.decimals_out(Tensor self, *, int decimals, Tensor(a!) out) -> Tensor(a!)',
    'aten::round_(Tensor(a!) self) -> Tensor(a!)',
    'aten::round_.decimals(Tensor(a!) self, *, int decimals) -> Tensor(a!)',
    'aten::round.int(int a) -> float',
    'aten::round.float(float a) -> float',
    'aten::round.Scalar(Scalar a) -> Scalar',
  ],
  impl: withScalarMath(
    'round',
    {
      '': unaryMathImpl('round', rules),
      decimals: roundDecimals,
      'round.out': sameDtypeOutImpl(unaryMathImpl('round', rules)),
      'round.decimals_out': sameDtypeOutImpl(roundDecimals),
    },
    ['int', 'float', 'Scalar'],
  ),
  meta: mutatingMeta((args) => ({ sizes: args.self.sizes, dtype: unaryDtype('round', args.self.dtype, rules) })),
  derivative: (F, { grad }) => ({ self: F.zerosLike(grad) }),
  samples: withScalarSamples(
    (S) => [
      ...unaryFamilySamples(S, {
        name: 'round',
        inplace: true,
        out: true,
        outSameDtype: true,
        dtypes: ['float64', 'bfloat16', 'int64', 'int32', 'int8', 'uint8'],
        errors: {
          float16: '"round_vml_cpu" not implemented for \'Half\'',
          bool: '"round_vml_cpu" not implemented for \'Bool\'',
        },
      }),
      S.call('round', [S.of([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.49999997, 3.5])]),
      S.call('round.decimals', [S.t([2, 5], { low: -200, high: 200 })], { decimals: 2 }),
      S.call('round.decimals', [S.t([3, 4], { low: -200, high: 200, layout: 'transposed' })], { decimals: -1 }),
      S.call('round.decimals', [S.t([2, 3], { dtype: 'float64', low: -9, high: 9 })], { decimals: 3 }),
      S.call('round.decimals', [S.of([1.2345, 125, -2.55, 0.125, Number.NaN, Infinity])], { decimals: 0 }),
      S.call('round.decimals', [S.of([1.2345, 125, -2.55, 0.125, Number.NaN, Infinity])], { decimals: -2 }),
      S.call('round.decimals', [S.randn([])], { decimals: 1 }),
      S.call('round.decimals', [S.randn([0, 3])], { decimals: 1 }),
      S.error('round.decimals', [S.ints([3])], '"round_cpu" not implemented for \'Long\'', { decimals: 1 }),
      S.error('round.decimals', [S.bools([3])], '"round_cpu" not implemented for \'Bool\'', { decimals: 1 }),
      S.call('round_.decimals', [S.randn([3, 2], 'transposed')], { decimals: 1 }),
      S.call('round.decimals_out', [S.randn([2, 3])], { decimals: 1, out: S.randn([0]) }),
      S.error('round.decimals_out', [S.randn([3])], 'Found dtype Double but expected Float', {
        decimals: 1,
        out: S.t([3], { dtype: 'float64' }),
      }),
    ],
    scalarSamples,
  ),
});
