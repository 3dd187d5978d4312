import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { normalizeDim, numel, readNumbers } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';

function checkRepeats(ctx: OpContext, repeats: TensorLike): number[] {
  if (repeats.sizes.length > 1) throw new OpError('repeats must be 0-dim or 1-dim tensor');
  if (repeats.dtype !== 'int64' && repeats.dtype !== 'int32') {
    throw new OpError('repeat_interleave only accept 1D vector as repeat');
  }
  const r = readNumbers(ctx, repeats);
  if (r.some((v) => v < 0)) throw new OpError('repeats can not be negative');
  return r;
}

function checkOutputSize(outputSize: number | null, actual: number): void {
  if (outputSize !== null && outputSize !== undefined && outputSize !== actual) {
    throw new OpError(`allocated size does not match required size`);
  }
}

function interleave(
  ctx: OpContext,
  self: TensorLike,
  repeats: number | TensorLike,
  dim: number | null,
  outputSize: number | null,
) {
  if (typeof repeats === 'number' && repeats < 0) throw new OpError('repeats can not be negative');
  const flat = dim === null;
  const d = flat ? 0 : normalizeDim(dim, self.sizes.length);
  const n = flat ? numel(self.sizes) : self.sizes.length ? self.sizes[d] : 1;
  if (typeof repeats !== 'number') {
    const r = checkRepeats(ctx, repeats);
    if (r.length !== 1 && r.length !== n) {
      throw new OpError(`repeats must have the same size as input along dim`);
    }
  }
  const size = K.repeatInterleaveSize(n, repeats);
  checkOutputSize(outputSize, size);
  const sizes = flat || self.sizes.length === 0 ? [size] : self.sizes.map((s, i) => (i === d ? size : s));
  const out = ctx.empty(sizes, self.dtype);
  K.repeatInterleave(out, self, repeats, flat ? null : d);
  return out;
}

/** Repeats elements (repeat_interleave.Tensor: the indices 0..n-1 each repeated repeats[i] times). */
export const repeatInterleave = defineOp({
  schemas: [
    'aten::repeat_interleave.Tensor(Tensor repeats, *, int? output_size=None) -> Tensor',
    'aten::repeat_interleave.self_Tensor(Tensor self, Tensor repeats, int? dim=None, *, int? output_size=None) -> Tensor',
    'aten::repeat_interleave.self_int(Tensor self, int repeats, int? dim=None, *, int? output_size=None) -> Tensor',
    'aten::repeat_interleave.Tensor_out(Tensor repeats, *, int? output_size=None, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    Tensor: (args, ctx) => {
      const repeats: TensorLike = args.repeats;
      if (repeats.sizes.length !== 1) throw new OpError('repeat_interleave only accept 1D vector as repeat');
      const r = checkRepeats(ctx, repeats);
      const n = r.length;
      const arange = ctx.empty([n], repeats.dtype);
      const values = r.map((_, i) => i);
      K.copy(arange, tensorOf(ctx, values));
      return interleave(ctx, arange, repeats, 0, args.output_size);
    },
    self_Tensor: (args, ctx) => interleave(ctx, args.self, args.repeats, args.dim, args.output_size),
    self_int: (args, ctx) => interleave(ctx, args.self, args.repeats, args.dim, args.output_size),
  },
  derivative: {
    self_int: (F, { grad, self, repeats, dim }) => {
      const sizes: number[] = F.sizes(self);
      if (dim === null || dim === undefined || sizes.length === 0) {
        const n = sizes.reduce((a, b) => a * b, 1);
        return { self: F.reshape(F.sum(F.reshape(grad, [n, repeats]), [1]), sizes) };
      }
      const d = dim < 0 ? dim + sizes.length : dim;
      const split = [...sizes.slice(0, d), sizes[d], repeats, ...sizes.slice(d + 1)];
      return { self: F.sum(F.reshape(grad, split), [d + 1]) };
    },
    self_Tensor: (F, { grad, self, repeats, dim }) => {
      const sizes: number[] = F.sizes(self);
      const flat = dim === null || dim === undefined || sizes.length === 0;
      const d = flat ? 0 : dim < 0 ? dim + sizes.length : dim;
      const n = flat ? sizes.reduce((a, b) => a * b, 1) : sizes[d];
      const counts =
        F.sizes(repeats).length === 1 && F.sizes(repeats)[0] === n ? repeats : F.expand(F.reshape(repeats, [1]), [n]);
      const target = flat ? F.reshape(self, [-1]) : self;
      const summed = F.indexAdd(F.zerosLike(target), d, F.repeatInterleave(counts), grad);
      return { self: F.reshape(summed, sizes) };
    },
  },
  samples: (S) => {
    const r = (values: number[], sizes: number[] = [values.length]) => S.of(values, sizes, 'int64');
    return [
      S.call('repeat_interleave.Tensor', [r([2, 0, 3])]),
      S.call('repeat_interleave.Tensor', [S.of([1, 2], [2], 'int32')]),
      S.call('repeat_interleave.Tensor', [r([1, 2])], { output_size: 3 }),
      S.call('repeat_interleave.self_int', [S.randn([2, 3]), 2]),
      S.call('repeat_interleave.self_int', [S.randn([2, 3], 'transposed'), 3, 1]),
      S.call('repeat_interleave.self_int', [S.randn([2, 3], 'strided'), 2, -2]),
      S.call('repeat_interleave.self_int', [S.ints([4]), 0, 0]),
      S.call('repeat_interleave.self_int', [S.randn([]), 3]),
      S.call('repeat_interleave.self_int', [S.randn([0, 2]), 2, 0]),
      S.call('repeat_interleave.self_int', [S.bools([3]), 2], { output_size: 6 }),
      S.call('repeat_interleave.self_Tensor', [S.randn([2, 3]), r([1, 0, 2]), 1]),
      S.call('repeat_interleave.self_Tensor', [S.randn([2, 3], 'offset'), r([2])]),
      S.call('repeat_interleave.self_Tensor', [S.randn([3, 2]), r([2], []), 0]),
      S.call('repeat_interleave.self_Tensor', [S.t([2, 2], { dtype: 'float64' }), r([3, 1]), 0]),
      S.error('repeat_interleave.self_int', [S.randn([2]), -1], 'repeats can not be negative'),
      S.error('repeat_interleave.self_Tensor', [S.randn([2, 3]), r([1, -1, 2]), 1], 'repeats can not be negative'),
      S.error(
        'repeat_interleave.self_Tensor',
        [S.randn([2, 3]), r([1, 2]), 1],
        'repeats must have the same size as input along dim',
      ),
      S.error(
        'repeat_interleave.self_int',
        [S.randn([2, 3]), 2, 2],
        'Dimension out of range (expected to be in range of [-2, 1], but got 2)',
      ),
      S.error('repeat_interleave.Tensor', [r([1, 2], [1, 2])], 'repeat_interleave only accept 1D vector as repeat'),
      S.call('repeat_interleave.Tensor_out', [r([1, 2])], { out: S.ints([0]) }),
    ];
  },
});

function tensorOf(ctx: OpContext, values: number[]): TensorLike {
  const t = ctx.empty([values.length], 'int64');
  const a = new BigInt64Array(t.data.buffer, t.data.byteOffset, values.length);
  values.forEach((v, i) => {
    a[i] = BigInt(v);
  });
  return t;
}
