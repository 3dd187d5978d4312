import * as K from '@tsjit/kernels';
import { defineOp, type ImplFn } from '../core/define-op.js';
import { cppDtypeName, isFloatingDtype, scalarToNumber } from '../core/dtypes.js';
import { clone, copyInto } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { SampleTensor } from '../core/samples.js';
import { mutatingMeta } from '../groups/pointwise.js';
import { unaryFamilySamples } from '../groups/pointwise-samples.js';

// Integers and bools have no NaN or infinity: the result is a copy.
const nanToNum_: ImplFn = (args, ctx) => {
  const self = args.self;
  if (!isFloatingDtype(self.dtype)) return clone(ctx, self);
  const out = ctx.empty(self.sizes, self.dtype);
  const options: K.UnaryOptions = {};
  if (args.nan != null) options.nan = scalarToNumber(args.nan);
  if (args.posinf != null) options.posinf = scalarToNumber(args.posinf);
  if (args.neginf != null) options.neginf = scalarToNumber(args.neginf);
  K.unary('nan_to_num', out, self, options);
  return out;
};

const nanToNumOut: ImplFn = (args, ctx, o) => {
  if (args.out.dtype !== args.self.dtype) {
    throw new OpError(
      `nan_to_num: dtype of out: ${cppDtypeName(args.out.dtype)} should be same as input: ${cppDtypeName(args.self.dtype)}`,
    );
  }
  copyInto(ctx, args.out, nanToNum_(args, ctx, o), o.qualifiedName, true);
  return args.out;
};

const hasInfinity = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && '$tensor' in v && (v as SampleTensor).storage.some((x) => x === Infinity);
// The rule is right there, but the float64 max that replaces +inf makes the loss so large that a 1e-6 step
// is lost in its rounding: finite differences cannot see any gradient.
const huge = { noGradcheck: 'inf becomes float64 max: the loss magnitude swamps the finite-difference step' };

export const nanToNum = defineOp({
  schemas: [
    'aten::nan_to_num(Tensor self, float? nan=None, float? posinf=None, float? neginf=None) -> Tensor',
    'aten::nan_to_num.out(Tensor self, float? nan=None, float? posinf=None, float? neginf=None, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::nan_to_num_(Tensor(a!) self, float? nan=None, float? posinf=None, float? neginf=None) -> Tensor(a!)',
  ],
  impl: { '': nanToNum_, 'nan_to_num.out': nanToNumOut },
  meta: mutatingMeta((args) => ({ sizes: args.self.sizes, dtype: args.self.dtype })),
  derivative: (F, { grad, self }) => ({ self: F.mul(grad, F.isfinite(self)) }),
  samples: (S) => {
    const special = () => S.of([Number.NaN, Infinity, -Infinity, -0, 1.5, -2]);
    return [
      ...unaryFamilySamples(S, {
        name: 'nan_to_num',
        inplace: true,
        out: true,
        outSameDtype: false,
        dtypes: ['float64', 'float16', 'bfloat16', 'int64', 'int32', 'uint8', 'bool'],
      })
        .filter(
          (s) => !(s.overload === 'nan_to_num.out' && s.args.length && (s.kwargs?.out as any)?.dtype !== 'float32'),
        )
        .map((s) =>
          s.overload === 'nan_to_num' && s.args.length === 1 && !s.kwargs && hasInfinity(s.args[0])
            ? { ...s, ...huge }
            : s,
        ),
      S.call('nan_to_num', [special(), S.float(1)], undefined, huge),
      S.call('nan_to_num', [special(), S.float(1), S.float(100), S.float(-100)]),
      S.call('nan_to_num', [special()], { neginf: S.float(-7) }, huge),
      S.call('nan_to_num', [S.of([Number.NaN, Infinity, -Infinity], [3], 'float64')]),
      S.call('nan_to_num', [S.of([Number.NaN, Infinity, -Infinity], [3], 'float16')]),
      S.call('nan_to_num_', [special(), S.float(0.5)]),
      S.error('nan_to_num.out', [special()], 'nan_to_num: dtype of out: Double should be same as input: Float', {
        out: S.t([6], { dtype: 'float64' }),
      }),
    ];
  },
});
