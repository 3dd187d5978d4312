import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { scalarToNumber } from '../core/dtypes.js';
import { broadcastShapes, clone, expandTo } from '../core/helpers.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { checkInPlaceBroadcast } from '../groups/indexing.js';
import { dictCopy } from '../groups/py-dicts.js';
import { listCopy } from '../groups/py-lists.js';
import { withBuiltinSamples, withBuiltins } from '../groups/with-builtins.js';

/** self[...] = src, broadcasting src to self and converting to self's dtype (src may overlap self). */
export function copyFrom(ctx: OpContext, self: TensorLike, src: TensorLike): TensorLike {
  broadcastShapes(self.sizes, src.sizes);
  checkInPlaceBroadcast(self, src);
  const from = src.data === self.data ? clone(ctx, src) : src;
  K.copy(self, from);
  ctx.bumpVersion(self);
  return self;
}

function fillWith(ctx: OpContext, self: TensorLike, value: number): TensorLike {
  K.fill(self, value);
  ctx.bumpVersion(self);
  return self;
}

/** aten::copy_: writes src into self (TorchScript's `x[...] = y` and `x.copy_(y)`). */
export const copy = defineOp({
  schemas: [
    'aten::copy(Tensor self, Tensor src, bool non_blocking=False) -> Tensor',
    'aten::copy.out(Tensor self, Tensor src, bool non_blocking=False, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::copy_(Tensor(a!) self, Tensor src, bool non_blocking=False) -> Tensor(a!)',
    'aten::copy_.Tensor(Tensor(a!) self, Tensor other) -> Tensor(a!)',
    'aten::copy_.int(Tensor(a!) self, int other) -> Tensor(a!)',
    'aten::copy_.float(Tensor(a!) self, float other) -> Tensor(a!)',
    'aten::copy.t(t[](a) self) -> t[]',
    'aten::copy.Dict_str(Dict(str, t)(a) self) -> Dict(str, t)',
    'aten::copy.Dict_int(Dict(int, t)(a) self) -> Dict(int, t)',
    'aten::copy.Dict_bool(Dict(bool, t)(a) self) -> Dict(bool, t)',
    'aten::copy.Dict_float(Dict(float, t)(a) self) -> Dict(float, t)',
    'aten::copy.Dict_Tensor(Dict(Tensor, t)(a) self) -> Dict(Tensor, t)',
  ],
  impl: withBuiltins(
    {
      copy: (args, ctx) => {
        const out = clone(ctx, args.self);
        K.copy(out, expandTo(ctx, args.src, args.self.sizes));
        return out;
      },
      copy_: (args, ctx) => copyFrom(ctx, args.self, args.src),
      'copy_.Tensor': (args, ctx) => copyFrom(ctx, args.self, args.other),
      'copy_.int': (args, ctx) => fillWith(ctx, args.self, scalarToNumber(args.other)),
      'copy_.float': (args, ctx) => fillWith(ctx, args.self, scalarToNumber(args.other)),
    },
    {
      'copy.t': listCopy,
      'copy.Dict_str': dictCopy,
      'copy.Dict_int': dictCopy,
      'copy.Dict_bool': dictCopy,
      'copy.Dict_float': dictCopy,
      'copy.Dict_Tensor': dictCopy,
    },
  ),
  meta: {
    copy: (args) => ({ sizes: args.self.sizes, dtype: args.self.dtype }),
  },
  derivative: {
    '': (F, { grad, src }) => ({ self: F.zerosLike(grad), src: F.sumTo(F.typeAs(grad, src), F.sizes(src)) }),
    Tensor: (F, { grad, other }) => ({
      self: F.zerosLike(grad),
      other: F.sumTo(F.typeAs(grad, other), F.sizes(other)),
    }),
    int: (F, { grad }) => ({ self: F.zerosLike(grad) }),
    float: (F, { grad }) => ({ self: F.zerosLike(grad) }),
  },
  samples: withBuiltinSamples(
    (S) => [
      S.call('copy', [S.randn([2, 3]), S.randn([2, 3], 'transposed')]),
      S.call('copy', [S.ints([2, 3]), S.t([3], { dtype: 'float64' })]),
      S.call('copy', [S.randn([2, 3], 'strided'), S.bools([2, 1])], { non_blocking: true }),
      S.call('copy', [S.randn([]), S.ints([])]),
      S.call('copy', [S.randn([0, 3]), S.randn([3])]),
      S.error(
        'copy',
        [S.randn([3]), S.randn([2, 3])],
        'must be greater or equal to the number of dimensions in the tensor (2)',
      ),
      S.call('copy_', [S.randn([2, 3]), S.randn([2, 3], 'offset')]),
      S.call('copy_', [S.randn([2, 3], 'transposed'), S.t([3], { dtype: 'float64' })]),
      S.call('copy_', [S.ints([2, 3]), S.t([2, 3], { dtype: 'float64', low: -4, high: 4 })]),
      S.call('copy_', [S.t([4], { dtype: 'uint8' }), S.t([4], { dtype: 'int64', low: 0, high: 200 })]),
      S.call('copy_', [S.bools([4]), S.of([0, 0.5, -1, 0])]),
      S.call('copy_', [S.t([3], { dtype: 'float16' }), S.t([3], { dtype: 'bfloat16' })]),
      S.call('copy_', [S.randn([2, 2]), S.randn([])]),
      S.error(
        'copy_',
        [S.randn([2, 3]), S.randn([4])],
        'The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1',
      ),
      S.error(
        'copy_.Tensor',
        [S.randn([3]), S.randn([2, 3])],
        "output with shape [3] doesn't match the broadcast shape [2, 3]",
      ),
      S.call('copy_.int', [S.randn([2, 3]), 4]),
      S.call('copy_.int', [S.t([3], { dtype: 'uint8' }), 7]),
      S.call('copy_.float', [S.ints([3]), S.float(4.5)]),
      S.call('copy_.float', [S.bools([3]), S.float(0.5)]),
      S.call('copy.out', [S.randn([2, 3]), S.randn([3])], { out: S.randn([0]) }),
    ],
    (S) => [
      S.call('copy.t', [[[1], [2, 3]]]),
      S.call('copy.Dict_str', [new Map<unknown, unknown>([['a', 1]])]),
      S.call('copy.Dict_int', [new Map<unknown, unknown>([[1, 'a']])]),
      S.call('copy.Dict_bool', [new Map<unknown, unknown>([[true, 'a']])]),
      S.call('copy.Dict_float', [new Map<unknown, unknown>([[0.5, 'a']])]),
      S.call('copy.Dict_Tensor', [
        new Map<unknown, unknown>([
          [S.of([1, 2]), 'a'],
          [S.of([3], [], 'int64'), 'b'],
        ]),
      ]),
    ],
  ),
});
